import Foundation
import Testing

@Suite struct RadioactivityCommandTests {
  /// SmolLM2-135M-Instruct's tokenizer fingerprint and the fetched model (scripts/fetch-model).
  static let smol = "67aac6e7fddc6bc6181b2b268b5b91676e1040133543bbbb6b7159736623b0a8"
  static let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent(".cache/models/SmolLM2-135M-Instruct.Q4_1.gguf").path

  func write(_ text: String, _ name: String, in dir: URL) {
    _ = FileManager.default.createFile(
      atPath: dir.appendingPathComponent(name).path, contents: Data(text.utf8))
  }

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// A suspect file with ids of our tokenizer, another tokenizer's ids with and without text,
  /// an empty output and an echo: only the usable records are scored, the rest are counted.
  @Test func mixedSuspectFileIsReported() throws {
    let dir = CLIRunner.folder()
    let keygen = try CLIRunner.run(
      [
        "keygen", "--scheme", "kgw", "--context-width", "1", "--tokenizer-fingerprint", Self.smol,
        "--out", "k.key",
      ], in: dir)
    #expect(keygen.status == 0, "\(keygen.stderr)")
    let other = "sha256:" + String(repeating: "cd", count: 32)
    var lines: [String] = []
    for i in 0..<30 {
      let ids = (0..<40).map { String(100 + (i * 37 + $0 * 11) % 5000) }.joined(separator: ",")
      lines.append(
        "{\"prompt_ids\":[1,2,3],\"completion_ids\":[\(ids)],\"tokenizer_fingerprint\":\"\(Self.smol)\"}"
      )
    }
    lines.append(
      "{\"prompt_ids\":[1],\"completion_ids\":[7,8,9],\"tokenizer_fingerprint\":\"\(other)\"}")
    lines.append(
      "{\"completion_ids\":[7,8,9],\"completion\":\"Hello there, how are you?\",\"prompt\":\"Say hi\",\"tokenizer_fingerprint\":\"\(other)\"}"
    )
    lines.append("{\"prompt_ids\":[1,2,3],\"completion_ids\":[]}")
    lines.append("{\"prompt_ids\":[5,6,7,8],\"completion_ids\":[6,7]}")
    lines.append("{\"completion_ids\":[1,2,99999999]}")
    write(lines.joined(separator: "\n") + "\n", "suspect.jsonl", in: dir)
    let run = try CLIRunner.run(
      [
        "radioactivity", "--key", "k.key", "--suspect-outputs", "suspect.jsonl", "--model",
        Self.model, "--controls", "20", "--json",
      ], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let report = try json(run.stdout)
    #expect(report["format"] as? String == "hallmark-radioactivity")
    #expect(report["test"] as? String == "closed-model")
    let records = try #require(report["suspect_records"] as? [String: Any])
    #expect(records["records"] as? Int == 35)
    #expect(records["used"] as? Int == 31)
    #expect(records["ids"] as? Int == 30)
    #expect(records["retokenized"] as? Int == 1)
    #expect(records["foreign_tokenizer"] as? Int == 1)
    #expect(records["empty"] as? Int == 1)
    #expect(records["echoes"] as? Int == 1)
    #expect(records["invalid"] as? Int == 1)
    #expect(records["mixed_tokenizers"] as? Bool == true)
    let closed = try #require(report["closed_model"] as? [String: Any])
    let unfiltered = try #require(closed["unfiltered"] as? [String: Any])
    let controls = try #require(unfiltered["controls"] as? [String: Any])
    #expect(controls["keys"] as? Int == 20)
    #expect((unfiltered["tuples"] as? Int ?? 0) > 500)
    #expect(closed["filtered"] == nil || closed["filtered"] is NSNull)

    // The human-readable form warns about the mixed file.
    let text = try CLIRunner.run(
      [
        "radioactivity", "--key", "k.key", "--suspect-outputs", "suspect.jsonl", "--model",
        Self.model, "--controls", "5",
      ], in: dir)
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("warning: mixed tokenizers"))
    #expect(text.stdout.contains("all tuples"))
  }

  /// Reading mode on an n-gram student file, with the filter's reference as the text read.
  @Test func readingModeOnAStudent() throws {
    let dir = CLIRunner.folder()
    #expect(
      try CLIRunner.run(
        [
          "keygen", "--scheme", "gumbel", "--context-width", "2", "--vocabulary-size", "50",
          "--out", "k.key",
        ],
        in: dir
      ).status == 0)
    var corpus = ""
    for i in 0..<50 {
      let ids = (0..<30).map { String((i * 7 + $0 * $0) % 50) }.joined(separator: ",")
      corpus += "{\"prompt_ids\":[\(i % 50)],\"completion_ids\":[\(ids)]}\n"
    }
    write(corpus, "ours.jsonl", in: dir)
    #expect(
      try CLIRunner.run(
        [
          "student", "train", "--corpus", "ours.jsonl", "--order", "3", "--vocab-size", "50",
          "--out", "s.hmng",
        ],
        in: dir
      ).status == 0)
    let run = try CLIRunner.run(
      [
        "radioactivity", "--key", "k.key", "--suspect-student", "s.hmng", "--reference",
        "ours.jsonl", "--controls", "10", "--json",
      ], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let report = try json(run.stdout)
    #expect(report["test"] as? String == "open-weights")
    let open = try #require(report["open_weights"] as? [String: Any])
    #expect(open["sequences"] as? Int == 50)
    let reading = try #require(open["reading"] as? [String: Any])
    #expect(reading["positions"] as? Int == 50 * 30 - 50)
  }

  @Test func inputProblemsAreNamed() throws {
    let dir = CLIRunner.folder()
    #expect(try CLIRunner.run(["keygen", "--out", "k.key"], in: dir).status == 0)
    let none = try CLIRunner.run(["radioactivity", "--key", "k.key"], in: dir)
    #expect(none.status != 0)
    #expect(none.stderr.contains("exactly one of --suspect-outputs"))
    let missing = try CLIRunner.run(
      ["radioactivity", "--key", "k.key", "--suspect-outputs", "nope.jsonl"], in: dir)
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("nope.jsonl"))
    let reading = try CLIRunner.run(
      ["radioactivity", "--key", "k.key", "--suspect-student", "s.hmng"], in: dir)
    #expect(reading.stderr.contains("--reference"))
  }
}
