import Foundation
import HallmarkProbe
import Testing

/// Resume semantics of the output file (Spec/probe.md#resume).
@Suite struct ProbeOutputTests {
  static func record(_ p: Int, _ s: Int, _ prompts: [ProbePrompt]) -> ProbeRecord {
    ProbeRecord(
      promptIndex: p, sampleIndex: s, messages: prompts[p].messages, completion: "text \(p) \(s)",
      finishReason: "stop", requestedModel: nil, model: "m", responseId: nil, usage: nil,
      attempts: 1, startedAt: ProbeRecord.timestamp(), finishedAt: ProbeRecord.timestamp())
  }

  func file(_ records: [ProbeRecord], tail: String = "", prompts: [ProbePrompt]) -> String {
    let path = Support.folder().appendingPathComponent("out.jsonl").path
    var bytes = records.flatMap { $0.line() }
    bytes += Array(tail.utf8)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }

  let prompts = [ProbePrompt(text: "a"), ProbePrompt(text: "b")]

  @Test func resumeSkipsDoneItemsAndCutsATornLine() throws {
    let path = file(
      [Self.record(0, 0, prompts), Self.record(1, 1, prompts)],
      tail: "{\"prompt_index\": 0, \"sample_index\": 1, \"comp", prompts: prompts)
    let output = try ProbeOutput(path: path, prompts: prompts, resume: true)
    #expect(
      output.existing.done == [ProbeItem(prompt: 0, sample: 0), ProbeItem(prompt: 1, sample: 1)])
    #expect(output.existing.truncatedBytes == 44)
    try output.append(Self.record(0, 1, prompts))
    let records = try Support.records(at: path)
    #expect(records.keys.count == 3 && Set(records.keys).count == 3)
    let prober = try Prober(
      configuration: ProbeConfiguration(endpoint: "http://127.0.0.1:1", samplesPerPrompt: 2))
    #expect(
      prober.plan(prompts: 2, done: output.existing.done)
        == [ProbeItem(prompt: 0, sample: 1), ProbeItem(prompt: 1, sample: 0)])
  }

  @Test func aCompleteRecordWithoutNewlineIsTornToo() throws {
    let whole = Self.record(0, 1, prompts).line().dropLast()
    let path = file(
      [Self.record(0, 0, prompts)], tail: String(decoding: whole, as: UTF8.self), prompts: prompts)
    let output = try ProbeOutput(path: path, prompts: prompts, resume: true)
    #expect(output.existing.done == [ProbeItem(prompt: 0, sample: 0)])
    #expect(output.existing.truncatedBytes == whole.count)
  }

  @Test func existingOutputNeedsResume() throws {
    let path = file([Self.record(0, 0, prompts)], prompts: prompts)
    #expect(throws: ProbeError.outputExists(file: path)) {
      try ProbeOutput(path: path, prompts: prompts, resume: false)
    }
  }

  @Test func otherPromptsAreRefused() throws {
    let path = file([Self.record(0, 0, prompts), Self.record(1, 0, prompts)], prompts: prompts)
    let other = [ProbePrompt(text: "a"), ProbePrompt(text: "changed")]
    do {
      _ = try ProbeOutput(path: path, prompts: other, resume: true)
      Issue.record("accepted records of other prompts")
    } catch {
      #expect("\(error)".contains(":2: cannot resume"))
    }
    #expect(throws: ProbeError.self) {
      try ProbeOutput(path: path, prompts: [ProbePrompt(text: "a")], resume: true)
    }
  }

  @Test func aDamagedMiddleLineIsRefused() throws {
    let path = file([Self.record(0, 0, prompts)], tail: "garbage\n", prompts: prompts)
    #expect(
      throws: ProbeError.invalidOutput(file: path, line: 2, reason: "not a probe record")
    ) {
      try ProbeOutput(path: path, prompts: prompts, resume: true)
    }
  }

  @Test func duplicatesCountOnce() throws {
    let path = file(
      [Self.record(0, 0, prompts), Self.record(0, 0, prompts)], prompts: prompts)
    let output = try ProbeOutput(path: path, prompts: prompts, resume: true)
    #expect(output.existing.done.count == 1 && output.existing.duplicates == 1)
  }

  @Test func oneWriterAtATime() throws {
    let path = file([], prompts: prompts)
    let first = try ProbeOutput(path: path, prompts: prompts, resume: true)
    #expect(throws: ProbeError.outputLocked(file: path)) {
      try ProbeOutput(path: path, prompts: prompts, resume: true)
    }
    _ = first
  }

  @Test func promptsFileErrorsAreNamed() throws {
    let folder = Support.folder()
    let path = folder.appendingPathComponent("p.jsonl").path
    for (text, reason) in [
      ("{\"prompt\": \"ok\"}\n{\"prompt\": 3}\n", "\"prompt\" is not a string"),
      ("{\"prompt\": \"ok\"}\n{\"messages\": []}\n", "\"messages\" is not a non-empty array"),
      ("{\"prompt\": \"ok\"}\n{\"messages\": [{\"role\": \"user\"}]}\n", "message 0 is not"),
      ("{\"prompt\": \"ok\"}\n{\"text\": \"x\"}\n", "neither"),
      ("{\"prompt\": \"ok\"}\nnot json\n", "not a JSON object"),
    ] {
      _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
      do {
        _ = try ProbePrompt.read(path: path)
        Issue.record("accepted \(text)")
      } catch {
        #expect("\(error)".hasPrefix("\(path):2: ") && "\(error)".contains(reason), "\(error)")
      }
    }
  }
}

@Suite struct RetryPolicyTests {
  @Test func backoffGrowsAndIsCapped() {
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.5, maxDelay: 4)
    #expect(policy.delay(afterAttempt: 1, retryAfter: nil, jitter: 0) == 0.25)
    #expect(policy.delay(afterAttempt: 1, retryAfter: nil, jitter: 0.999_999) < 0.5)
    #expect(policy.delay(afterAttempt: 3, retryAfter: nil, jitter: 0) == 1)
    #expect(policy.delay(afterAttempt: 9, retryAfter: nil, jitter: 0.5) == 3)
    #expect(policy.delay(afterAttempt: 2, retryAfter: 7, jitter: 0) == 7)
    #expect(policy.delay(afterAttempt: 2, retryAfter: 1e6, jitter: 0) == policy.maxRetryAfter)
  }

  @Test func readsRetryAfter() {
    #expect(RetryPolicy.retryAfter(milliseconds: nil, header: "3") == 3)
    #expect(RetryPolicy.retryAfter(milliseconds: nil, header: "0.25") == 0.25)
    #expect(RetryPolicy.retryAfter(milliseconds: "1500", header: "9") == 1.5)
    #expect(RetryPolicy.retryAfter(milliseconds: nil, header: nil) == nil)
    #expect(RetryPolicy.retryAfter(milliseconds: nil, header: "soon") == nil)
    let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
    #expect(
      RetryPolicy.retryAfter(milliseconds: nil, header: "Tue, 14 Nov 2023 22:13:30 GMT", now: now)
        == 10)
  }

  @Test func endpointsBecomeChatCompletionURLs() throws {
    #expect(
      try ChatCompletionClient.completionsURL("http://127.0.0.1:8080")
        == "http://127.0.0.1:8080/v1/chat/completions")
    #expect(
      try ChatCompletionClient.completionsURL("https://api.example.com/v1/")
        == "https://api.example.com/v1/chat/completions")
    #expect(
      try ChatCompletionClient.completionsURL("http://h/openai/v1/chat/completions")
        == "http://h/openai/v1/chat/completions")
    #expect(throws: ProbeError.self) { try ChatCompletionClient.completionsURL("ftp://h/") }
    #expect(throws: ProbeError.self) { try ChatCompletionClient.completionsURL("not a url") }
  }

  @Test func apiKeysAreNeverShown() {
    let key = APIKey("sk-secret-value")
    #expect(!"\(key)".contains("secret") && !String(reflecting: key).contains("secret"))
    var dumped = ""
    dump(key, to: &dumped)
    #expect(!dumped.contains("secret"))
  }
}
