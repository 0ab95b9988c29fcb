import Foundation
import Hallmark
import HallmarkText
import Testing

/// `hallmark report` in text mode: folders, JSONL, the tokenizer's digest among the inputs,
/// and `report verify` recomputing from moved copies of the inputs.
@Suite struct ReportTextModeTests {
  @Test func textBundleRecordsTokenizerAndRecomputesFromMovedCopies() throws {
    let dir = Fixtures.temporaryFolder()
    Fixtures.smallTokenizerJSON.write(to: dir, "small.tokenizer.json")
    #expect(
      try CLI.run(["keygen", "--tokenizer", "small.tokenizer.json", "--out", "k.json"], in: dir)
        .status == 0)
    #expect(try CLI.run(["signing-key", "new", "--out", "sign"], in: dir).status == 0)
    let key = try KeyFile.read(path: dir.appendingPathComponent("k.json").path)
    Fixtures.text(key: key, tokenizer: Fixtures.small, count: 150, seed: 1).write(
      to: dir, "in/marked.txt")
    Fixtures.text(key: nil, tokenizer: Fixtures.small, count: 150, seed: 2).write(
      to: dir, "in/human.txt")
    let records = [
      #"{"text": \#(jsonString(Fixtures.text(key: key, tokenizer: Fixtures.small, count: 100, seed: 3))), "id": "r1"}"#
    ]
    (records.joined(separator: "\n") + "\n").write(to: dir, "in/sub/records.jsonl")
    let made = try CLI.run(
      [
        "report", "--key", "k.json", "--tokenizer", "small.tokenizer.json", "in", "--id-field",
        "id", "--controls", "10", "--out", "bundle", "--sign-key", "sign.key.pem",
      ], in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    let report =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: dir.appendingPathComponent("bundle/report.json")))
      as! [String: Any]
    let inputs = report["inputs"] as! [[String: Any]]
    #expect(
      inputs.map { $0["path"] as! String } == [
        "in/human.txt", "in/marked.txt", "in/sub/records.jsonl", "small.tokenizer.json",
      ])
    #expect(inputs.map { $0["role"] as! String } == ["text", "text", "text", "tokenizer"])
    let documents = report["documents"] as! [[String: Any]]
    #expect(
      documents.map { $0["verdict"] as! String } == ["not detected", "watermarked", "watermarked"])
    #expect(documents[2]["id"] as? String == "r1")
    let html = try String(
      contentsOf: dir.appendingPathComponent("bundle/report.html"), encoding: .utf8)
    #expect(html.contains("class=\"t-hit\""))
    #expect(!html.contains("<script") && !html.contains("href=\"http") && !html.contains("src="))

    // Move the inputs elsewhere: verify finds them by file name and recomputes.
    let elsewhere = Fixtures.temporaryFolder()
    for name in ["in/human.txt", "in/marked.txt", "in/sub/records.jsonl", "small.tokenizer.json"] {
      let target = elsewhere.appendingPathComponent(URL(fileURLWithPath: name).lastPathComponent)
      try FileManager.default.copyItem(at: dir.appendingPathComponent(name), to: target)
    }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("in"))
    try FileManager.default.removeItem(at: dir.appendingPathComponent("small.tokenizer.json"))
    let verified = try CLI.run(
      [
        "report", "verify", "bundle", "--key", "k.json", "--inputs", elsewhere.path,
        "--public-key", "sign.pub.pem",
      ], in: dir)
    #expect(verified.status == 0, "\(verified.stdout)")
    #expect(verified.stdout.contains("PASS  results: recomputed 3 document tests"))
    // A changed document text is found by the recomputation.
    var text = try String(
      contentsOf: elsewhere.appendingPathComponent("marked.txt"), encoding: .utf8)
    text.removeLast(3)
    try text.write(
      to: elsewhere.appendingPathComponent("marked.txt"), atomically: true, encoding: .utf8)
    let changed = try CLI.run(
      ["report", "verify", "bundle", "--key", "k.json", "--inputs", elsewhere.path], in: dir)
    #expect(changed.status != 0)
    #expect(changed.stdout.contains("FAIL  input"))
    #expect(
      changed.stdout.contains("FAIL  results: recomputed values differ: corpus_tests"),
      "\(changed.stdout)")
  }
}
