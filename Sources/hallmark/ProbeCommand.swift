import ArgumentParser
import Dispatch
import Foundation
import HallmarkProbe

/// `hallmark probe`: collects a live suspect's completions for the closed-model test.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Query an OpenAI-compatible chat endpoint and append its completions to JSONL.",
    discussion: """
      --prompts reads JSONL: one object per line with "prompt" (a string) or "messages" \
      (an array of {"role", "content"}). Each of the n samples of each prompt becomes one \
      record in --out, written as soon as it arrives; --resume continues an interrupted run \
      without repeating or losing records (Spec/probe.md). The API key is read from the \
      environment variable named by --api-key-env and is never printed.
      """)

  @Option(help: "Endpoint: base URL (http://host:port or .../v1) or the full chat-completions URL.")
  var endpoint: String

  @Option(help: "JSONL prompts.")
  var prompts: String

  @Option(help: "Samples per prompt.")
  var n: Int

  @Option(help: "Output JSONL, appended to.")
  var out: String

  @Option(help: "The model name to request.")
  var model: String?

  @Option(help: "Requests in flight at most.")
  var concurrency: Int = 4

  @Option(help: "Requests started per second at most (default: no limit).")
  var rate: Double?

  @Option(help: "Requests that may start at once within the rate limit.")
  var burst: Double = 1

  @Option(help: "max_tokens of each request.")
  var maxTokens: Int?

  @Option(help: "Sampling temperature of each request.")
  var temperature: Double?

  @Option(help: "Environment variable holding the API key (sent as a bearer token).")
  var apiKeyEnv: String?

  @Option(help: "Send seed = hash(S, prompt, sample) with each request.")
  var seed: UInt64?

  @Option(help: "Requests per item at most, the first included.")
  var maxAttempts: Int = 8

  @Option(help: "First retry backoff in seconds (doubles per attempt, with jitter).")
  var retryBaseDelay: Double = 0.5

  @Option(help: "Largest retry backoff in seconds.")
  var retryMaxDelay: Double = 30

  @Option(help: "Seconds one request may take.")
  var timeout: Double = 120

  @Flag(help: "Continue an existing output: skip items it holds, cut a torn last line.")
  var resume = false

  @Flag(help: "fsync the output after every record.")
  var fsync = false

  @Flag(help: "Report every retry on standard error.")
  var verbose = false

  func run() throws {
    let apiKey = try apiKeyEnv.map { variable throws(ProbeError) in
      try APIKey.fromEnvironment(variable)
    }
    let configuration = ProbeConfiguration(
      endpoint: endpoint,
      parameters: ChatCompletionClient.Parameters(
        model: model, maxTokens: maxTokens, temperature: temperature),
      samplesPerPrompt: n, concurrency: concurrency, rate: rate, burst: burst,
      retry: RetryPolicy(
        maxAttempts: maxAttempts, baseDelay: retryBaseDelay,
        maxDelay: max(retryMaxDelay, retryBaseDelay)),
      requestTimeout: timeout, apiKey: apiKey, seed: seed, syncEveryRecord: fsync)
    let prober = try Prober(configuration: configuration)
    let promptList = try ProbePrompt.read(path: prompts)
    let output = try ProbeOutput(path: out, prompts: promptList, resume: resume, sync: fsync)
    if output.existing.truncatedBytes > 0 {
      Terminal.warn(
        "\(out): cut a torn last line (\(output.existing.truncatedBytes) bytes); its item is done again"
      )
    }
    if output.existing.duplicates > 0 {
      Terminal.warn("\(out): \(output.existing.duplicates) duplicate record(s) found; counted once")
    }
    let verbose = verbose
    let summary = try Self.wait {
      try await prober.run(prompts: promptList, output: output) { event in
        switch event {
        case .retrying(let item, let attempt, let error, let delay) where verbose:
          Terminal.warn(
            "prompt \(item.prompt) sample \(item.sample): attempt \(attempt) failed (\(error)); retrying in \(String(format: "%.2f", delay)) s"
          )
        case .failed(let item, let error):
          Terminal.warn("prompt \(item.prompt) sample \(item.sample): failed: \(error)")
        default: break
        }
      }
    }
    print(
      "probe: \(summary.planned) planned, \(summary.alreadyDone) already done, \(summary.written) written, \(summary.failed.count) failed, \(summary.retries) retries"
    )
    if !summary.failed.isEmpty {
      Terminal.warn("\(summary.failed.count) item(s) failed; run again with --resume to retry them")
      throw ExitCode(1)
    }
  }

  /// Runs async work from this synchronous command and waits for it.
  static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
      done.signal()
    }
    done.wait()
    return try box.result!.get()
  }
}

/// Carries a result from a detached task to the waiting thread (the semaphore orders access).
private final class ResultBox<T>: @unchecked Sendable {
  var result: Result<T, any Error>?
}
