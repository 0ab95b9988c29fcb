import Foundation
import Hallmark
import HallmarkText
import Testing

/// The verifier's commands end to end, with the default model's tokenizer.
@Suite(.serialized) struct VerifierCommandTests {
  /// A folder with a KGW key for the default model (made by `keygen --tokenizer`).
  static func setUp(_ extra: [String] = []) throws -> (URL, WatermarkKey) {
    let dir = Fixtures.temporaryFolder()
    let made = try CLI.run(
      ["keygen", "--tokenizer", Fixtures.modelPath, "--out", "k.json"] + extra, in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    return (dir, try KeyFile.read(path: dir.appendingPathComponent("k.json").path))
  }

  static func marked(_ key: WatermarkKey, _ count: Int, seed: UInt64) -> String {
    Fixtures.text(key: key, tokenizer: Fixtures.model, count: count, seed: seed)
  }

  static func human(_ count: Int, seed: UInt64) -> String {
    Fixtures.text(key: nil, tokenizer: Fixtures.model, count: count, seed: seed)
  }

  @Test func keygenRecordsTheTokenizer() throws {
    let (dir, key) = try Self.setUp()
    #expect(key.tokenizerFingerprint == Fixtures.model.fingerprint.hex)
    #expect(key.vocabularySize == Fixtures.model.vocabularySize)
    let both = try CLI.run(
      [
        "keygen", "--tokenizer", Fixtures.modelPath, "--tokenizer-fingerprint", "ab", "--out",
        "x.json",
      ],
      in: dir)
    #expect(both.status != 0)
  }

  @Test func detectsTextFilesFoldersAndJSONLAndReportsBadInput() throws {
    let (dir, key) = try Self.setUp()
    Self.marked(key, 200, seed: 1).write(to: dir, "in/marked.txt")
    Self.human(200, seed: 2).write(to: dir, "in/human.txt")
    let records = [
      #"{"out": {"text": \#(jsonString(Self.marked(key, 150, seed: 3)))}, "id": "m1"}"#,
      #"{"out": {"text": "tiny"}, "id": "t1"}"#,
      #"{"out": {}, "id": "x"}"#,
      "{broken",
    ]
    (records.joined(separator: "\n") + "\n").write(to: dir, "in/sub/records.jsonl")
    Data([0x61, 0x62, 0xFE, 0x63]).write(to: dir, "in/zz-binary.txt")
    "".write(to: dir, "in/empty.txt")
    let result = try CLI.run(
      [
        "detect", "--key", "k.json", "in", "missing.txt", "--field", "out.text", "--id-field", "id",
        "--json",
      ],
      in: dir)
    #expect(result.status == 1)
    var rows = result.records
    #expect(
      rows.map { $0["source"] as? String } == [
        "in/empty.txt", "in/human.txt", "in/marked.txt", "in/sub/records.jsonl:1",
        "in/sub/records.jsonl:2",
      ])
    #expect(
      rows.map { $0["verdict"] as? String } == [
        "too short to test", "not detected", "watermarked", "watermarked", "too short to test",
      ])
    // An empty document is too short to test, never a verdict.
    #expect(rows[0]["tokens"] as? Int == 0 && rows[0]["detected"] as? Bool == false)
    rows.removeFirst()
    #expect(rows[2]["id"] as? String == "m1")
    for field in [
      "document", "scheme", "tokens", "scored", "score", "p_value", "log10_p", "detected", "z",
      "duplicates", "normalization", "tokenizer", "key",
    ] {
      #expect(rows[1][field] != nil, "missing \(field)")
    }
    #expect(rows[1]["normalization"] as? String == "none")
    #expect(rows[1]["tokenizer"] as? String == Fixtures.model.fingerprint.hex)
    #expect(rows[1]["tokens"] as? Int == 200)
    #expect(result.stderr.contains("missing.txt: no such file or folder"))
    #expect(result.stderr.contains("in/sub/records.jsonl:3: byte offset"))
    #expect(result.stderr.contains("no field \"out.text\""))
    #expect(result.stderr.contains("in/sub/records.jsonl:4: byte offset"))
    #expect(result.stderr.contains("not valid JSON"))
    #expect(result.stderr.contains("in/zz-binary.txt:1: byte offset 2: invalid UTF-8"))
    // Standard input, the table, and a normalization that is recorded.
    let piped = try CLI.run(
      ["detect", "--key", "k.json", "--normalize", "nfc,whitespace"], in: dir,
      stdin: Self.marked(key, 120, seed: 4))
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout.contains("watermarked") && piped.stdout.contains("<stdin>"))
    let normalized = try CLI.run(
      ["detect", "--key", "k.json", "--normalize", "nfc,whitespace", "--json", "in/marked.txt"],
      in: dir)
    #expect(normalized.records.first?["normalization"] as? String == "nfc+whitespace")
  }

  @Test func refusesAnotherTokenizerAndExplainsTheDefault() throws {
    let (dir, _) = try Self.setUp()
    let other = Fixtures.smallTokenizerJSON.write(to: dir, "other.tokenizer.json")
    "some text".write(to: dir, "a.txt")
    let refused = try CLI.run(
      ["detect", "--key", "k.json", "--tokenizer", other, "a.txt"], in: dir)
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("fingerprint") && refused.stderr.contains("--tokenizer"))
    // A key without a fingerprint needs --tokenizer.
    try CLI.run(["keygen", "--out", "bare.json"], in: dir)
    let bare = try CLI.run(["detect", "--key", "bare.json", "a.txt"], in: dir)
    #expect(bare.status != 0 && bare.stderr.contains("records no tokenizer"))
    let explicit = try CLI.run(
      ["detect", "--key", "bare.json", "--tokenizer", Fixtures.modelPath, "a.txt"], in: dir)
    #expect(explicit.status == 0 && explicit.stderr.contains("cannot be checked"))
  }

  @Test func windowsFindAPassagePastedIntoHumanText() throws {
    let (dir, random) = try Self.setUp()
    // A fixed secret: with a random key the whole-document test crossed α in 1 of 100 runs
    // (110 marked tokens among 1,400), which this test must not depend on.
    let key = try WatermarkKey(
      secret: [UInt8](repeating: 7, count: 32), scheme: random.scheme,
      vocabularySize: random.vocabularySize, tokenizerFingerprint: random.tokenizerFingerprint)
    let path = dir.appendingPathComponent("k.json")
    try FileManager.default.removeItem(at: path)
    try KeyFile.write(key, path: path.path)
    let text = Self.human(700, seed: 5) + Self.marked(key, 110, seed: 6) + Self.human(700, seed: 7)
    text.write(to: dir, "pasted.txt")
    let plain = try CLI.run(["detect", "--key", "k.json", "--json", "pasted.txt"], in: dir)
    let windowed = try CLI.run(
      ["detect", "--key", "k.json", "--json", "--windows", "pasted.txt"], in: dir)
    let p = try #require(plain.records.first)
    let w = try #require(windowed.records.first)
    #expect(p["verdict"] as? String == "not detected")
    #expect(w["verdict"] as? String == "watermarked", "\(w)")
    let start = try #require(w["window_start"] as? Int)
    let end = try #require(w["window_end"] as? Int)
    #expect(start >= 650 && end <= 860, "\(start)..<\(end)")
    #expect((w["windows_tested"] as? Int ?? 0) > 1)
    #expect((w["window_log10_p"] as! Double) > (w["window_log10_p_uncorrected"] as! Double))
  }

  @Test func scanAddsUpShortDocumentsAndResumes() throws {
    let (dir, key) = try Self.setUp()
    var lines: [String] = []
    for i in 0..<40 {
      lines.append(#"{"text": \#(jsonString(Self.marked(key, 8, seed: 100 + UInt64(i))))}"#)
    }
    // The same output twice more: repeats add nothing to the corpus.
    lines += lines.prefix(10)
    (lines.joined(separator: "\n") + "\n").write(to: dir, "short.jsonl")
    let full = try CLI.run(
      ["scan", "--key", "k.json", "--json", "--out", "full.jsonl", "short.jsonl"], in: dir)
    #expect(full.status == 0, "\(full.stderr)")
    let rows = full.records
    #expect(rows.count == 51)
    #expect(rows.dropLast().allSatisfy { $0["detected"] as? Bool == false })
    #expect(rows.dropLast().suffix(10).allSatisfy { $0["new_tuples"] as? Int == 0 })
    let corpus = try #require(rows.last)
    #expect(corpus["record"] as? String == "corpus")
    #expect(corpus["verdict"] as? String == "watermarked")
    #expect(corpus["documents"] as? Int == 50)
    // Interrupted after 20 documents, mid-record: --resume finishes without duplicates.
    let fullFile = try String(
      contentsOfFile: dir.appendingPathComponent("full.jsonl").path, encoding: .utf8)
    let fileLines = fullFile.split(separator: "\n")
    #expect(fileLines.count == 52)
    let cut = fileLines.prefix(21).joined(separator: "\n") + "\n" + fileLines[21].prefix(30)
    cut.write(to: dir, "partial.jsonl")
    let resumed = try CLI.run(
      ["scan", "--key", "k.json", "--json", "--out", "partial.jsonl", "--resume", "short.jsonl"],
      in: dir)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.records.count == 31)
    let after = try String(
      contentsOfFile: dir.appendingPathComponent("partial.jsonl").path, encoding: .utf8)
    #expect(after == fullFile)
    // A finished file is not resumed again; an existing one is not overwritten.
    let again = try CLI.run(
      ["scan", "--key", "k.json", "--out", "partial.jsonl", "--resume", "short.jsonl"], in: dir)
    #expect(again.status == 0 && again.stderr.contains("already holds a finished scan"))
    let clobber = try CLI.run(
      ["scan", "--key", "k.json", "--out", "full.jsonl", "short.jsonl"], in: dir)
    #expect(clobber.status != 0 && clobber.stderr.contains("--resume"))
    // Another key's results file is refused.
    try CLI.run(["keygen", "--tokenizer", Fixtures.modelPath, "--out", "k2.json"], in: dir)
    let other = try CLI.run(
      ["scan", "--key", "k2.json", "--out", "partial.jsonl", "--resume", "short.jsonl"], in: dir)
    #expect(other.status != 0 && other.stderr.contains("different run"))
  }

  @Test func attributionNamesTheAccount() throws {
    let (dir, master) = try Self.setUp()
    let accounts = (0..<30).map { "user-\($0)" }
    (accounts.joined(separator: "\n") + "\n").write(to: dir, "accounts.txt")
    let culprit = master.derived(account: "user-7")
    var lines: [String] = []
    for i in 0..<6 {
      lines.append(#"{"text": \#(jsonString(Self.marked(culprit, 25, seed: 300 + UInt64(i))))}"#)
      lines.append(#"{"text": \#(jsonString(Self.human(25, seed: 400 + UInt64(i))))}"#)
    }
    (lines.joined(separator: "\n") + "\n").write(to: dir, "corpus.jsonl")
    let result = try CLI.run(
      ["scan", "--master", "k.json", "--accounts", "accounts.txt", "corpus.jsonl", "--json"],
      in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.records
    #expect(rows.count == 31)
    #expect(rows.first?["candidate"] as? String == "user-7")
    #expect(rows.first?["matched"] as? Bool == true)
    #expect(
      rows.filter { $0["record"] as? String == "candidate" && $0["matched"] as? Bool == true }.count
        == 1)
    #expect(rows.last?["record"] as? String == "attribution")
    #expect(rows.last?["matches"] as? [String] == ["user-7"])
    // The same from a folder of key files, as a table.
    let keys = dir.appendingPathComponent("keys")
    try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
    for account in ["user-3", "user-7", "user-9"] {
      try KeyFile.write(
        master.derived(account: account), path: keys.appendingPathComponent(account + ".json").path)
    }
    let table = try CLI.run(["scan", "--keys", "keys", "corpus.jsonl"], in: dir)
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.contains("user-7") && table.stdout.contains("1 match"))
  }

  @Test func explainMarksTokens() throws {
    let (dir, key) = try Self.setUp()
    let text = Self.marked(key, 60, seed: 9)
    (text + text).write(to: dir, "doc.txt")
    let plain = try CLI.run(["explain", "--key", "k.json", "doc.txt"], in: dir)
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(
      plain.stdout.contains("{+") && plain.stdout.contains("(=")
        && plain.stdout.contains("verdict: watermarked"))
    #expect(!plain.stdout.contains("\u{1B}["))
    let colored = try CLI.run(
      ["explain", "--key", "k.json", "--color", "always", "doc.txt"], in: dir)
    #expect(colored.stdout.contains("\u{1B}[48;5;"))
    let html = try CLI.run(
      ["explain", "--key", "k.json", "--html", "--out", "e.html", "--windows", "doc.txt"], in: dir)
    #expect(html.status == 0, "\(html.stderr)")
    let page = try String(
      contentsOfFile: dir.appendingPathComponent("e.html").path, encoding: .utf8)
    #expect(
      page.contains("<!DOCTYPE html>") && page.contains("class=\"g\"")
        && page.contains("class=\"d\""))
    #expect(page.contains("best window"))
  }

  @Test func tokenModeStillWorks() throws {
    let (dir, key) = try Self.setUp()
    let ids = Fixtures.tokens(key: key, tokenizer: Fixtures.model, count: 100, seed: 11)
    let result = try CLI.run(
      ["detect", "--key", "k.json", "--tokens", "-", "--json"], in: dir,
      stdin: ids.map(String.init).joined(separator: " ") + "\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.records.first?["source"] as? String == "<stdin>:1")
    #expect(result.records.first?["detected"] as? Bool == true)
    #expect(result.records.first?["normalization"] == nil)
  }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
  String(
    decoding: try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed]),
    as: UTF8.self)
}
