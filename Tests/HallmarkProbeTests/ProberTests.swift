import Foundation
import HallmarkProbe
import HallmarkTestServer
import Testing

/// The probe against the local test server, in process.
@Suite struct ProberTests {
  static let fastRetries = RetryPolicy(maxAttempts: 12, baseDelay: 0.001, maxDelay: 0.01)

  func run(
    server: OpenAITestServer, prompts count: Int, n: Int, concurrency: Int = 4,
    rate: Double? = nil, apiKey: APIKey? = nil, retry: RetryPolicy = fastRetries
  ) async throws -> (Prober.Summary, String) {
    let folder = Support.folder()
    let (_, prompts) = Support.prompts(count, in: folder)
    let out = folder.appendingPathComponent("out.jsonl").path
    let prober = try Prober(
      configuration: ProbeConfiguration(
        endpoint: server.baseURL, parameters: .init(model: "suspect", maxTokens: 16),
        samplesPerPrompt: n, concurrency: concurrency, rate: rate, retry: retry, apiKey: apiKey))
    let output = try ProbeOutput(path: out, prompts: prompts, resume: false)
    return (try await prober.run(prompts: prompts, output: output), out)
  }

  @Test func survivesDropsTruncations429sAnd500s() async throws {
    let server = try await OpenAITestServer.start(
      TestServerConfiguration(
        faults: .random(
          drop: 0.12, truncate: 0.08, tooManyRequests: 0.12, serverError: 0.12, retryAfter: "0",
          seed: 3)))
    defer { Task { await server.stop() } }
    let (summary, out) = try await run(server: server, prompts: 5, n: 8)
    let records = try Support.records(at: out)
    #expect(summary.written == 40 && summary.failed.isEmpty)
    #expect(records.lines == 40)
    #expect(Set(records.keys).count == 40)
    #expect(
      Set(records.keys)
        == Set((0..<5).flatMap { p in (0..<8).map { ProbeItem(prompt: p, sample: $0) } }))
    let stats = server.statistics
    #expect(stats.dropped > 0 && stats.truncated > 0 && stats.errorStatuses > 0)
    #expect(summary.retries == stats.dropped + stats.truncated + stats.errorStatuses)
    #expect(stats.completions == 40 + stats.truncated)
  }

  @Test func recordsCarryTheAnswer() async throws {
    let server = try await OpenAITestServer.start()
    defer { Task { await server.stop() } }
    let (summary, out) = try await run(server: server, prompts: 2, n: 1)
    #expect(summary.written == 2)
    let data = FileManager.default.contents(atPath: out)!
    let first = try JSONDecoder().decode(
      ProbeRecord.self, from: Data(data.split(separator: 0x0A)[0]))
    #expect(first.model == "hallmark-test" && first.requestedModel == "suspect")
    #expect(first.attempts == 1 && !first.completion.isEmpty)
    #expect(first.finishReason == "stop" || first.finishReason == "length")
    #expect(first.usage?.completionTokens == first.completion.split(separator: " ").count)
    #expect(first.completion.split(separator: " ").count <= 16)
  }

  @Test func seededRequestsRepeatTheirAnswers() async throws {
    let server = try await OpenAITestServer.start()
    defer { Task { await server.stop() } }
    func completions(seed: UInt64?) async throws -> [ProbeItem: String] {
      let folder = Support.folder()
      let (_, prompts) = Support.prompts(2, in: folder)
      let out = folder.appendingPathComponent("out.jsonl").path
      let prober = try Prober(
        configuration: ProbeConfiguration(
          endpoint: server.baseURL, samplesPerPrompt: 3, seed: seed))
      _ = try await prober.run(
        prompts: prompts, output: try ProbeOutput(path: out, prompts: prompts, resume: false))
      var result: [ProbeItem: String] = [:]
      for line in FileManager.default.contents(atPath: out)!.split(separator: 0x0A) {
        let r = try JSONDecoder().decode(ProbeRecord.self, from: Data(line))
        result[ProbeItem(prompt: r.promptIndex, sample: r.sampleIndex)] = r.completion
      }
      return result
    }
    let a = try await completions(seed: 42)
    let b = try await completions(seed: 42)
    let c = try await completions(seed: nil)
    #expect(a.count == 6 && a == b)
    #expect(Set(a.values).count == 6, "samples of one prompt differ")
    #expect(a != c)
  }

  @Test func honoursRetryAfter() async throws {
    let server = try await OpenAITestServer.start(
      TestServerConfiguration(faults: .sequence([.tooManyRequests(retryAfter: "1")])))
    defer { Task { await server.stop() } }
    let start = ContinuousClock.now
    let (summary, _) = try await run(server: server, prompts: 1, n: 1)
    #expect(ContinuousClock.now - start >= .milliseconds(950))
    #expect(summary.written == 1 && summary.retries == 1)
  }

  @Test func doesNotRetryOtherClientErrors() async throws {
    let server = try await OpenAITestServer.start(
      TestServerConfiguration(faults: .sequence([.status(400, retryAfter: nil)])))
    defer { Task { await server.stop() } }
    let (summary, out) = try await run(server: server, prompts: 1, n: 3, concurrency: 1)
    #expect(summary.failed == [ProbeItem(prompt: 0, sample: 0)])
    #expect(summary.written == 2 && summary.retries == 0)
    #expect(try Support.records(at: out).lines == 2)
  }

  @Test func givesUpAfterMaxAttempts() async throws {
    let server = try await OpenAITestServer.start(
      TestServerConfiguration(faults: FaultPlan { _ in .serverError }))
    defer { Task { await server.stop() } }
    let retry = RetryPolicy(maxAttempts: 3, baseDelay: 0.001, maxDelay: 0.002)
    let (summary, _) = try await run(server: server, prompts: 1, n: 2, retry: retry)
    #expect(summary.failed.count == 2 && summary.written == 0)
    #expect(server.statistics.requests == 6)
  }

  @Test func wrongKeyStopsTheRun() async throws {
    let server = try await OpenAITestServer.start(TestServerConfiguration(apiKey: "sk-right"))
    defer { Task { await server.stop() } }
    await #expect(throws: ProbeError.self) {
      _ = try await run(server: server, prompts: 3, n: 3, apiKey: APIKey("sk-wrong"))
    }
    #expect(server.statistics.completions == 0)
    let (summary, _) = try await run(server: server, prompts: 1, n: 2, apiKey: APIKey("sk-right"))
    #expect(summary.written == 2)
  }

  @Test func limitsConcurrency() async throws {
    let server = try await OpenAITestServer.start(TestServerConfiguration(latency: 0.04))
    defer { Task { await server.stop() } }
    let (summary, _) = try await run(server: server, prompts: 4, n: 4, concurrency: 3)
    #expect(summary.written == 16)
    #expect(server.statistics.maxConcurrent <= 3)
    #expect(server.statistics.maxConcurrent >= 2)
  }

  @Test func limitsTheRate() async throws {
    let server = try await OpenAITestServer.start()
    defer { Task { await server.stop() } }
    let start = ContinuousClock.now
    let (summary, _) = try await run(server: server, prompts: 2, n: 5, concurrency: 4, rate: 20)
    // 10 requests at 20/s with a burst of 1: the last starts at least 9 × 50 ms after the first.
    #expect(ContinuousClock.now - start >= .milliseconds(440))
    #expect(summary.written == 10)
  }
}
