import Foundation
import HallmarkProbe
import HallmarkTestServer
import Testing

/// `hallmark probe` as a process: killed mid-run with SIGKILL and resumed, it ends with
/// exactly n records per prompt, none duplicated, none lost.
@Suite(.serialized) struct ProbeCommandTests {
  static let key = "sk-test-7f3a9c-never-print-me"

  func arguments(_ server: OpenAITestServer, prompts: String, n: Int, out: String, resume: Bool)
    -> [String]
  {
    [
      "probe", "--endpoint", server.baseURL, "--prompts", prompts, "--n", "\(n)", "--out", out,
      "--model", "suspect", "--concurrency", "3", "--max-tokens", "12",
      "--api-key-env", "HALLMARK_TEST_KEY", "--retry-base-delay", "0.001",
      "--retry-max-delay", "0.01", "--max-attempts", "20", "--verbose",
    ] + (resume ? ["--resume"] : [])
  }

  func checkComplete(_ out: String, prompts: Int, n: Int) throws {
    let records = try Support.records(at: out)
    let expected = Set(
      (0..<prompts).flatMap { p in (0..<n).map { ProbeItem(prompt: p, sample: $0) } })
    #expect(records.lines == prompts * n, "lines")
    #expect(Set(records.keys) == expected, "keys")
    #expect(records.keys.count == Set(records.keys).count, "no duplicates")
  }

  @Test func killedAtAKnownPointAndResumed() async throws {
    let server = try await OpenAITestServer.start(
      TestServerConfiguration(apiKey: Self.key, holdAfterCompletions: 10))
    defer { Task { await server.stop() } }
    let folder = Support.folder()
    let (prompts, _) = Support.prompts(5, in: folder)
    let out = folder.appendingPathComponent("out.jsonl").path
    let env = ["HALLMARK_TEST_KEY": Self.key]

    let first = try Support.start(
      arguments(server, prompts: prompts, n: 8, out: out, resume: false), in: folder,
      environment: env)
    let reached = await Support.waitFor(seconds: 60) { Support.completeLines(out) >= 10 }
    #expect(reached)
    // Requests now wait on the server's hold; the process is idle in the middle of the run.
    try await Task.sleep(for: .milliseconds(100))
    kill(first.process.processIdentifier, SIGKILL)
    first.process.waitUntilExit()
    #expect(first.process.terminationReason == .uncaughtSignal)
    #expect(Support.completeLines(out) == 10)
    // What a kill in the middle of a write leaves behind.
    let handle = FileHandle(forWritingAtPath: out)!
    handle.seekToEndOfFile()
    handle.write(Data("{\"attempts\":1,\"completion\":\"the mod".utf8))
    try handle.close()

    server.release()
    let second = try Support.start(
      arguments(server, prompts: prompts, n: 8, out: out, resume: true), in: folder,
      environment: env)
    #expect(await Support.wait(second, seconds: 120) == 0, "\(second.errors)")
    #expect(second.errors.contains("cut a torn last line"))
    #expect(second.output.contains("40 planned, 10 already done, 30 written, 0 failed"))
    try checkComplete(out, prompts: 5, n: 8)
    let everything =
      first.output + first.errors + second.output + second.errors
      + String(decoding: FileManager.default.contents(atPath: out)!, as: UTF8.self)
    #expect(!everything.contains(Self.key))
  }

  @Test func killedWhileFaultsFlyAndResumed() async throws {
    let server = try await OpenAITestServer.start(
      TestServerConfiguration(
        faults: .random(
          drop: 0.1, truncate: 0.05, tooManyRequests: 0.1, serverError: 0.1, retryAfter: "0"),
        latency: 0.015, apiKey: Self.key, holdAfterCompletions: 20))
    defer { Task { await server.stop() } }
    let folder = Support.folder()
    let (prompts, _) = Support.prompts(6, in: folder)
    let out = folder.appendingPathComponent("out.jsonl").path
    let env = ["HALLMARK_TEST_KEY": Self.key]
    let first = try Support.start(
      arguments(server, prompts: prompts, n: 10, out: out, resume: false), in: folder,
      environment: env)
    _ = await Support.waitFor(seconds: 60) { Support.completeLines(out) >= 15 }
    kill(first.process.processIdentifier, SIGKILL)
    first.process.waitUntilExit()
    let afterKill = Support.completeLines(out)
    #expect(afterKill >= 15 && afterKill < 60, "killed after \(afterKill) records")
    // The server held every request after 20 completions, so the kill came mid-run.
    server.release()

    // Resume twice: the second resume finds nothing to do.
    for round in 0..<2 {
      let again = try Support.start(
        arguments(server, prompts: prompts, n: 10, out: out, resume: true), in: folder,
        environment: env)
      #expect(await Support.wait(again, seconds: 120) == 0, "\(again.errors)")
      if round == 1 { #expect(again.output.contains("60 already done, 0 written")) }
      #expect(!(again.output + again.errors).contains(Self.key))
    }
    try checkComplete(out, prompts: 6, n: 10)
  }

  @Test func refusesToOverwriteWithoutResume() async throws {
    let server = try await OpenAITestServer.start()
    defer { Task { await server.stop() } }
    let folder = Support.folder()
    let (prompts, _) = Support.prompts(1, in: folder)
    let out = folder.appendingPathComponent("out.jsonl").path
    _ = FileManager.default.createFile(atPath: out, contents: Data("{}\n".utf8))
    let run = try Support.start(
      ["probe", "--endpoint", server.baseURL, "--prompts", prompts, "--n", "1", "--out", out],
      in: folder)
    #expect(await Support.wait(run, seconds: 60) != 0)
    #expect(run.errors.contains("pass --resume"))
    #expect(server.statistics.requests == 0)
  }

  @Test func aRefusedKeyIsReportedButNotPrinted() async throws {
    let server = try await OpenAITestServer.start(TestServerConfiguration(apiKey: "sk-other"))
    defer { Task { await server.stop() } }
    let folder = Support.folder()
    let (prompts, _) = Support.prompts(2, in: folder)
    let out = folder.appendingPathComponent("out.jsonl").path
    let run = try Support.start(
      arguments(server, prompts: prompts, n: 2, out: out, resume: false), in: folder,
      environment: ["HALLMARK_TEST_KEY": Self.key])
    #expect(await Support.wait(run, seconds: 60) != 0)
    #expect(run.errors.contains("HTTP 401"))
    #expect(!(run.output + run.errors).contains(Self.key))

    let missing = try Support.start(
      arguments(server, prompts: prompts, n: 2, out: out, resume: true), in: folder,
      environment: ["HALLMARK_TEST_KEY": ""])
    #expect(await Support.wait(missing, seconds: 60) != 0)
    #expect(missing.errors.contains("HALLMARK_TEST_KEY is not set"))
  }
}
