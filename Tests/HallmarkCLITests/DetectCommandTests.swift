import Foundation
import Testing

@testable import Hallmark

@Suite struct DetectCommandTests {
  /// A watermarked document made with the key in `path`, plus its tokens as text.
  static func watermarked(keyPath: String, length: Int = 300) throws -> [Int32] {
    let key = try KeyFile.read(path: keyPath)
    let embedder = SchemeRegistry.embedder(for: key)
    var state: UInt64 = 99
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) * 0x1p-53
    }
    var tokens: [Int32] = [1, 2, 3, 4]
    for _ in 0..<length {
      var logits = (0..<key.vocabularySize).map { _ in Float(next() * 6) }
      tokens.append(
        embedder.nextToken(
          logits: &logits, context: tokens, settings: SamplingSettings(), uniform: next()))
    }
    return tokens
  }

  @Test func reportsEveryValidDocumentAndNamesBadLines() throws {
    let dir = CLIRunner.folder()
    try CLIRunner.run(["keygen", "--vocabulary-size", "1000", "--out", "k.json"], in: dir)
    let marked = try Self.watermarked(keyPath: dir.appendingPathComponent("k.json").path)
    let lines = [
      marked.map(String.init).joined(separator: " "),
      "[5, 6, 7]",
      "12 x 14",
      "",
      "1 2 99999",
      "[" + marked.map(String.init).joined(separator: ",") + "]",
      "[1, 2,",
    ]
    try (lines.joined(separator: "\n") + "\n").write(
      to: dir.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(
      ["detect", "--key", "k.json", "--tokens", "t.txt", "--json"], in: dir)
    #expect(result.status == 1)
    #expect(result.stderr.contains("t.txt:3:") && result.stderr.contains("\"x\""))
    #expect(result.stderr.contains("t.txt:5:") && result.stderr.contains("99999"))
    #expect(result.stderr.contains("t.txt:7:"))
    let rows = result.stdout.split(separator: "\n").map {
      try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    #expect(rows.map { $0["document"] as! Int } == [1, 2, 4, 6])
    for field in [
      "document", "scheme", "tokens", "scored", "score", "p_value", "log10_p", "detected", "z",
    ] {
      #expect(rows[0][field] != nil, "missing \(field)")
    }
    #expect(rows[0]["detected"] as? Bool == true)
    #expect(rows[3]["detected"] as? Bool == true)
    #expect(rows[1]["verdict"] as? String == "too short to test")
    #expect(rows[2]["verdict"] as? String == "too short to test")
    #expect((rows[0]["log10_p"] as! Double) < -6)
    // p_value is recomputable from (score, scored): binomial tail with γ = 1/4.
    let scored = rows[0]["scored"] as! Int
    let score = rows[0]["score"] as! Double
    let recomputed = Statistics.binomialUpperTail(
      atLeast: Int(score), trials: scored, probability: 0.25)
    // (Foundation's JSON parser may round the last digit, so compare to 1e-13.)
    let printed = rows[0]["log10_p"] as! Double
    #expect(abs(recomputed.log10 - printed) <= 1e-13 * abs(printed))
  }

  @Test func readsStandardInputAndPrintsATable() throws {
    let dir = CLIRunner.folder()
    try CLIRunner.run(
      ["keygen", "--scheme", "gumbel", "--vocabulary-size", "1000", "--out", "k.json"], in: dir)
    let marked = try Self.watermarked(keyPath: dir.appendingPathComponent("k.json").path)
    let result = try CLIRunner.run(
      ["detect", "--key", "k.json", "--tokens", "-"], in: dir,
      stdin: marked.map(String.init).joined(separator: " ") + "\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("log10 p") && result.stdout.contains("watermarked"))
  }

  @Test func missingInputsAreNamed() throws {
    let dir = CLIRunner.folder()
    try CLIRunner.run(["keygen", "--out", "k.json"], in: dir)
    let noTokens = try CLIRunner.run(
      ["detect", "--key", "k.json", "--tokens", "nope.txt"], in: dir)
    #expect(noTokens.status != 0 && noTokens.stderr.contains("nope.txt"))
    let noKey = try CLIRunner.run(
      ["detect", "--key", "nokey.json", "--tokens", "-"], in: dir, stdin: "1 2\n")
    #expect(noKey.status != 0 && noKey.stderr.contains("nokey.json"))
  }
}
