import ArgumentParser
import Foundation
import HallmarkTestServer

/// `hallmark-test-server`: the loopback OpenAI-compatible test server as a program, for
/// trying `hallmark probe` by hand. Runs until interrupted.
@main
struct TestServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hallmark-test-server",
    abstract: "Serve deterministic chat completions on 127.0.0.1, with injected faults.",
    discussion: """
      Listens on 127.0.0.1 only and prints its base URL. Fault fractions are per request, \
      decided by a hash of (--seed, request number).
      """)

  @Option(help: "Port (0: any free port).")
  var port: Int = 0

  @Option(help: "Seconds before each answer.")
  var latency: Double = 0

  @Option(help: "Fraction of requests whose connection is dropped.")
  var drop: Double = 0

  @Option(help: "Fraction of answers cut off half-way.")
  var truncate: Double = 0

  @Option(help: "Fraction of requests answered 429.")
  var tooManyRequests: Double = 0

  @Option(help: "Fraction of requests answered 500.")
  var serverError: Double = 0

  @Option(help: "Retry-After header sent with 429 answers.")
  var retryAfter: String?

  @Option(help: "Environment variable holding the bearer key requests must carry.")
  var apiKeyEnv: String?

  @Option(help: "Seed of the fault plan.")
  var seed: UInt64 = 1

  func run() async throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
    let fractions = [drop, truncate, tooManyRequests, serverError]
    guard fractions.allSatisfy({ $0 >= 0 }), fractions.reduce(0, +) <= 1 else {
      throw ValidationError("fault fractions must be >= 0 and sum to at most 1")
    }
    var key: String?
    if let variable = apiKeyEnv {
      guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
        throw ValidationError("the environment variable \(variable) is not set")
      }
      key = value
    }
    let server = try await OpenAITestServer.start(
      TestServerConfiguration(
        faults: .random(
          drop: drop, truncate: truncate, tooManyRequests: tooManyRequests,
          serverError: serverError, retryAfter: retryAfter, seed: seed),
        latency: latency, apiKey: key), port: port)
    FileHandle.standardOutput.write(Data((server.baseURL + "\n").utf8))
    while true { try await Task.sleep(for: .seconds(3600)) }
  }
}
