import Foundation
import Testing

@testable import Hallmark

/// `hallmark report --radioactivity RESULT.json`: a radioactivity result in a signed evidence
/// bundle, recomputed from its recorded inputs; verification, tampering, another key and bad
/// results.
@Suite(.serialized) struct RadioactivityReportTests {
  /// The folder of `ReportCommandTests.setUp()` plus `suspect.jsonl` (a suspect's outputs that
  /// carry the key's watermark), `ours.jsonl` (our watermarked outputs, the filter) and
  /// `result.json` (`hallmark radioactivity --json` over them, 20 controls).
  static func setUp() throws -> URL {
    let dir = try ReportCommandTests.setUp()
    let key = try KeyFile.read(path: dir.appendingPathComponent("k.json").path)
    func records(_ seeds: Range<UInt64>) -> String {
      seeds.map { seed in
        let ids = ReportCommandTests.marked(key, length: 60, seed: seed)
        return
          "{\"prompt_ids\":[1,2,3,4],\"completion_ids\":[\(ids.dropFirst(4).map(String.init).joined(separator: ","))]}"
      }.joined(separator: "\n") + "\n"
    }
    try records(10..<30).write(
      to: dir.appendingPathComponent("suspect.jsonl"), atomically: true, encoding: .utf8)
    try records(40..<50).write(
      to: dir.appendingPathComponent("ours.jsonl"), atomically: true, encoding: .utf8)
    let run = try CLIRunner.run(
      [
        "radioactivity", "--key", "k.json", "--suspect-outputs", "suspect.jsonl", "--reference",
        "ours.jsonl", "--controls", "20", "--json",
      ], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    try run.stdout.write(
      to: dir.appendingPathComponent("result.json"), atomically: true, encoding: .utf8)
    return dir
  }

  static func bundle(
    _ dir: URL, key: String = "k.json", result: String = "result.json", out: String = "bundle",
    extra: [String] = []
  ) throws
    -> CLIRunner.Result
  {
    try CLIRunner.run(
      [
        "report", "--key", key, "--radioactivity", result, "--controls", "20", "--out", out,
        "--sign-key", "sign.key.pem",
      ] + extra, in: dir)
  }

  static func verify(_ dir: URL, _ bundle: String, inputs: [String]) throws -> CLIRunner.Result {
    try CLIRunner.run(
      ["report", "verify", bundle, "--key", "k.json", "--public-key", "sign.pub.pem", "--inputs"]
        + inputs, in: dir)
  }

  @Test func sectionInJSONAndHTMLAndVerifies() throws {
    let dir = try Self.setUp()
    let made = try Self.bundle(dir)
    #expect(made.status == 0, "\(made.stderr)")
    let report = try ReportCommandTests.report(dir, "bundle")
    let roles = (report["inputs"] as! [[String: Any]]).map { $0["role"] as! String }
    #expect(roles == ["radioactivity-result", "suspect-outputs", "reference"])
    #expect((report["documents"] as! [Any]).isEmpty)
    let section = try #require((report["radioactivity"] as? [[String: Any]])?.first)
    #expect(section["test"] as? String == "closed-model")
    #expect((section["suspect_records"] as! [String: Any])["used"] as? Int == 20)
    let tests = section["tests"] as! [[String: Any]]
    #expect(tests.map { $0["kind"] as? String } == ["closed-model", "closed-model-filtered"])
    for test in tests {
      #expect((test["log10_p"] as! Double) < -10)
      #expect(test["verdict"] as? String == "radioactive")
      let t = test["tuples"] as! Int
      let counted = t + (test["duplicates"] as! Int) + (test["excluded"] as! Int)
      #expect(counted + (test["filtered"] as! Int) == test["positions"] as! Int)
      let controls = test["negative_controls"] as! [String: Any]
      #expect((controls["log10_p"] as! [Double]).count == 20)
      #expect((controls["log10_p"] as! [Double]).allSatisfy { $0 > -6 })
    }
    let summary = report["summary"] as! [String: Any]
    #expect((summary["headline_log10_p"] as! Double) < -10)
    let html = try String(
      contentsOf: dir.appendingPathComponent("bundle/report.html"), encoding: .utf8)
    #expect(html.contains("Closed-model test, filtered to our windows"))
    #expect(html.contains("a model never trained on text watermarked with this key"))
    #expect(html.contains("log10 p under 20 control keys"))
    #expect(html.contains("<svg"))

    let verified = try Self.verify(
      dir, "bundle", inputs: ["result.json", "suspect.jsonl", "ours.jsonl"])
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(verified.stdout.contains("PASS  input suspect.jsonl"))
    #expect(verified.stdout.contains("PASS  results: recomputed 2 radioactivity tests"))

    // With documents as well: both parts, and it still verifies.
    let both = try Self.bundle(dir, out: "both", extra: ["--tokens", "tokens.txt"])
    #expect(both.status == 0, "\(both.stderr)")
    let combined = try Self.verify(
      dir, "both", inputs: ["tokens.txt", "result.json", "suspect.jsonl", "ours.jsonl"])
    #expect(combined.status == 0, "\(combined.stdout)\(combined.stderr)")
    #expect(
      combined.stdout.contains(
        "recomputed 3 document tests, the corpus test and 20 controls and 2 radioactivity tests"))
  }

  @Test func tamperingFails() throws {
    let dir = try Self.setUp()
    #expect(try Self.bundle(dir).status == 0)
    // A changed suspect file: its digest and the recomputation fail.
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("copy"), withIntermediateDirectories: true)
    var text = try String(contentsOf: dir.appendingPathComponent("suspect.jsonl"), encoding: .utf8)
    text = text.replacingOccurrences(of: "[1,2,3,4],", with: "[1,2,3,5],")
    try text.write(
      to: dir.appendingPathComponent("copy/suspect.jsonl"), atomically: true, encoding: .utf8)
    let changed = try Self.verify(
      dir, "bundle", inputs: ["result.json", "copy/suspect.jsonl", "ours.jsonl"])
    #expect(changed.status != 0)
    #expect(changed.stdout.contains("FAIL  input copy/suspect.jsonl: SHA-256"), "\(changed.stdout)")
    #expect(changed.stdout.contains("FAIL  results"), "\(changed.stdout)")
    // A changed number in report.json: the signature fails.
    try ReportCommandTests.copy(dir, "bundle", "edited")
    let url = dir.appendingPathComponent("edited/report.json")
    let json = try String(contentsOf: url, encoding: .utf8)
    let edited = json.replacingOccurrences(
      of: "\"kind\":\"closed-model\"", with: "\"kind\":\"closed-model \"")
    #expect(edited != json)
    try edited.write(to: url, atomically: true, encoding: .utf8)
    let forged = try Self.verify(
      dir, "edited", inputs: ["result.json", "suspect.jsonl", "ours.jsonl"])
    #expect(forged.status != 0)
    #expect(forged.stdout.contains("FAIL  signature"), "\(forged.stdout)")
  }

  @Test func anotherKeyAndBadResultsAreRefused() throws {
    let dir = try Self.setUp()
    // A result made with another key.
    let other = try Self.bundle(dir, key: "other.json", out: "other")
    #expect(other.status != 0)
    #expect(other.stderr.contains("result.json: made with key"), "\(other.stderr)")
    #expect(other.stderr.contains("refused"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("other").path))
    // Malformed, incomplete, forged and old results.
    let original = try String(
      contentsOf: dir.appendingPathComponent("result.json"), encoding: .utf8)
    let bad: [(String, String, String)] = [
      ("truncated.json", String(original.prefix(40)), "not valid JSON"),
      (
        "nofield.json", original.replacingOccurrences(of: "\"tuples\":", with: "\"tuple\":"),
        "missing field closed_model."
      ),
      (
        "forged.json",
        original.replacingOccurrences(of: "\"extra_prompts\":0", with: "\"extra_prompts\":3"),
        "differ from a recomputation"
      ),
      (
        "old.json",
        original.replacingOccurrences(of: "\"key_commitment\":", with: "\"commitment\":"),
        "records no key commitment"
      ),
    ]
    for (name, content, message) in bad {
      try content.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
      let r = try Self.bundle(dir, result: name, out: "out-\(name)")
      #expect(r.status != 0)
      #expect(r.stderr.contains("\(name): ") && r.stderr.contains(message), "\(name): \(r.stderr)")
    }
    // An input changed after the result was made.
    try "{}\n".write(
      to: dir.appendingPathComponent("ours.jsonl"), atomically: true, encoding: .utf8)
    let changed = try Self.bundle(dir, out: "changed")
    #expect(changed.status != 0)
    #expect(changed.stderr.contains("ours.jsonl: SHA-256"), "\(changed.stderr)")
  }
}
