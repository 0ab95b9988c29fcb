import Foundation
import Testing

@testable import Hallmark

/// `hallmark report` and `hallmark report verify` end to end, in token mode (no model needed):
/// bundles in both signature modes, a local RFC 3161 authority, stock openssl checks, tamper
/// detection, key refusal, reproducibility and bad input.
@Suite(.serialized) struct ReportCommandTests {
  /// A folder with a key (`k.json`), another key (`other.json`), a signing key pair
  /// (`sign.key.pem`, `sign.pub.pem`) and `tokens.txt` (two watermarked documents and one not).
  static func setUp() throws -> URL {
    let dir = CLIRunner.folder()
    try CLIRunner.run(["keygen", "--vocabulary-size", "1000", "--out", "k.json"], in: dir)
    try CLIRunner.run(["keygen", "--vocabulary-size", "1000", "--out", "other.json"], in: dir)
    let made = try CLIRunner.run(["signing-key", "new", "--out", "sign"], in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    let key = try KeyFile.read(path: dir.appendingPathComponent("k.json").path)
    let lines = [
      marked(key, length: 120, seed: 1), marked(key, length: 80, seed: 2),
      marked(nil, length: 100, seed: 3),
    ].map { $0.map(String.init).joined(separator: " ") }
    try (lines.joined(separator: "\n") + "\n").write(
      to: dir.appendingPathComponent("tokens.txt"), atomically: true, encoding: .utf8)
    return dir
  }

  /// Tokens sampled from pseudo-random logits, watermarked with `key` (nil: plain sampling).
  static func marked(_ key: WatermarkKey?, length: Int, seed: UInt64) -> [Int32] {
    var state = seed
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) * 0x1p-53
    }
    var tokens: [Int32] = [1, 2, 3, 4]
    for _ in 0..<length {
      let logits = (0..<1000).map { _ in Float(next() * 6) }
      if let key {
        var l = logits
        tokens.append(
          SchemeRegistry.embedder(for: key).nextToken(
            logits: &l, context: tokens, settings: SamplingSettings(), uniform: next()))
      } else {
        tokens.append(Int32(logits.indices.max { logits[$0] < logits[$1] }!))
      }
    }
    return tokens
  }

  static func makeBundle(
    in dir: URL, out: String = "bundle", extra: [String] = ["--sign-key", "sign.key.pem"]
  ) throws -> CLIRunner.Result {
    try CLIRunner.run(
      ["report", "--key", "k.json", "--tokens", "tokens.txt", "--controls", "20", "--out", out]
        + extra, in: dir)
  }

  static func copy(_ dir: URL, _ from: String, _ to: String) throws {
    try FileManager.default.copyItem(
      at: dir.appendingPathComponent(from), to: dir.appendingPathComponent(to))
  }

  static func flipByte(_ url: URL, at offset: Int) throws {
    var data = try Data(contentsOf: url)
    data[offset] ^= 0x01
    try data.write(to: url)
  }

  static func report(_ dir: URL, _ bundle: String) throws -> [String: Any] {
    let data = try Data(contentsOf: dir.appendingPathComponent("\(bundle)/report.json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }

  @Test func ed25519BundleVerifiesAndRecomputes() throws {
    let dir = try Self.setUp()
    let made = try Self.makeBundle(in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    for name in ["report.json", "report.sig", "report.html", "signer.pub.pem"] {
      #expect(
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("bundle/\(name)").path))
    }
    let report = try Self.report(dir, "bundle")
    let key = try KeyFile.read(path: dir.appendingPathComponent("k.json").path)
    let keyObject = report["key"] as! [String: Any]
    #expect(keyObject["commitment"] as? String == key.commitment)
    let documents = report["documents"] as! [[String: Any]]
    #expect(
      documents.map { $0["verdict"] as? String } == ["watermarked", "watermarked", "not detected"])
    let corpus = (report["corpus_tests"] as! [[String: Any]])[0]
    let controls = corpus["negative_controls"] as! [String: Any]
    #expect((controls["log10_p"] as! [Any]).count == 20)
    #expect((corpus["log10_p"] as! Double) < -20)
    #expect(((controls["log10_p"] as! [Double]).min() ?? 0) > -6)
    #expect(Set((report["time"] as! [String: Any]).keys) == ["created_utc"])
    let raw = try String(
      contentsOf: dir.appendingPathComponent("bundle/report.json"), encoding: .utf8)
    #expect(!raw.contains(Hex.encode(key.secret)))

    let verified = try CLIRunner.run(
      [
        "report", "verify", "bundle", "--key", "k.json", "--inputs", "tokens.txt",
        "--public-key", "sign.pub.pem",
      ], in: dir)
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(verified.stdout.contains("PASS  signature: Ed25519"))
    #expect(verified.stdout.contains("PASS  input tokens.txt"))
    #expect(verified.stdout.contains("PASS  results: recomputed 3 document tests"))
    #expect(verified.stdout.contains("PASS  page: report.html is the page"), "\(verified.stdout)")
    #expect(verified.stdout.contains("VERIFIED"))
    // The signed report records the page's size and SHA-256.
    let page = report["page"] as! [String: Any]
    let html = try Data(contentsOf: dir.appendingPathComponent("bundle/report.html"))
    #expect(page["file"] as? String == "report.html")
    #expect(page["bytes"] as? Int == html.count)
    #expect(page["sha256"] as? String == Hex.encode(SHA256.hash(html)))

    // Stock openssl checks the Ed25519 signature.
    let stock = try CLIRunner.run(
      [
        "openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
        "bundle/signer.pub.pem", "-rawin", "-in", "bundle/report.json", "-sigfile",
        "bundle/report.sig",
      ], in: dir, executable: "/usr/bin/env")
    #expect(stock.status == 0, "\(stock.stdout)\(stock.stderr)")
  }

  @Test func tamperingAndAnotherKeyFail() throws {
    let dir = try Self.setUp()
    #expect(try Self.makeBundle(in: dir).status == 0)
    let verify = { (bundle: String, key: String, input: String) throws -> CLIRunner.Result in
      try CLIRunner.run(
        [
          "report", "verify", bundle, "--key", key, "--inputs", input, "--public-key",
          "sign.pub.pem",
        ],
        in: dir)
    }
    // Every byte position class of report.json: start, a number in the middle, the end.
    let size = try Data(contentsOf: dir.appendingPathComponent("bundle/report.json")).count
    for (i, offset) in [1, size / 2, size - 2].enumerated() {
      try Self.copy(dir, "bundle", "json\(i)")
      try Self.flipByte(dir.appendingPathComponent("json\(i)/report.json"), at: offset)
      let r = try verify("json\(i)", "k.json", "tokens.txt")
      #expect(r.status != 0)
      #expect(
        r.stdout.contains("FAIL  signature") || r.stdout.contains("FAIL  canonical JSON"),
        "\(r.stdout)")
      #expect(r.stdout.contains("NOT VERIFIED"))
    }
    // The signature.
    try Self.copy(dir, "bundle", "sig")
    try Self.flipByte(dir.appendingPathComponent("sig/report.sig"), at: 10)
    let sig = try verify("sig", "k.json", "tokens.txt")
    #expect(sig.status != 0)
    #expect(sig.stdout.contains("FAIL  signature"), "\(sig.stdout)")
    // An input file: its digest and the recomputed results both fail.
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("copy"), withIntermediateDirectories: true)
    try Self.copy(dir, "tokens.txt", "copy/tokens.txt")
    let original = try Data(contentsOf: dir.appendingPathComponent("tokens.txt"))
    let digit = original.firstIndex(of: UInt8(ascii: "5"))!
    var changed = original
    changed[digit] = UInt8(ascii: "6")
    try changed.write(to: dir.appendingPathComponent("copy/tokens.txt"))
    let input = try verify("bundle", "k.json", "copy/tokens.txt")
    #expect(input.status != 0)
    #expect(input.stdout.contains("FAIL  input copy/tokens.txt: SHA-256"), "\(input.stdout)")
    #expect(input.stdout.contains("FAIL  results: recomputed values differ"), "\(input.stdout)")
    // Another key is refused before anything is recomputed.
    let other = try verify("bundle", "other.json", "tokens.txt")
    #expect(other.status != 0)
    #expect(
      other.stdout.contains("FAIL  key:") && other.stdout.contains("refused"), "\(other.stdout)")
    #expect(!other.stdout.contains("results:"))
    // A signature by another Ed25519 key than the one given.
    try CLIRunner.run(["signing-key", "new", "--out", "mallory"], in: dir)
    let wrongSigner = try CLIRunner.run(
      ["report", "verify", "bundle", "--public-key", "mallory.pub.pem"], in: dir)
    #expect(wrongSigner.status != 0)
    #expect(wrongSigner.stdout.contains("FAIL  signature"))
  }

  @Test func twoRunsDifferOnlyInTime() throws {
    let dir = try Self.setUp()
    // The same command twice (the first bundle moved aside in between).
    #expect(try Self.makeBundle(in: dir).status == 0)
    try FileManager.default.moveItem(
      at: dir.appendingPathComponent("bundle"), to: dir.appendingPathComponent("first"))
    Thread.sleep(forTimeInterval: 1.1)
    #expect(try Self.makeBundle(in: dir).status == 0)
    let first = try Data(contentsOf: dir.appendingPathComponent("first/report.json"))
    let second = try Data(contentsOf: dir.appendingPathComponent("bundle/report.json"))
    #expect(first != second)
    // Cut the time and page objects out of the canonical bytes (the page shows the creation
    // time, so its digest changes with it): the rest is byte-identical.
    func withoutTime(_ data: Data) -> String {
      Self.cut("page", from: Self.cut("time", from: String(decoding: data, as: UTF8.self)))
    }
    #expect(withoutTime(first) == withoutTime(second))
    // The pages differ only in the creation time they show.
    let html1 = try String(
      contentsOf: dir.appendingPathComponent("first/report.html"), encoding: .utf8)
    let html2 = try String(
      contentsOf: dir.appendingPathComponent("bundle/report.html"), encoding: .utf8)
    #expect(html1.contains("<svg"))
    let times = [first, second].map {
      try! Self.report(json: $0)["time"] as! [String: String]
    }.map { $0["created_utc"]! }
    #expect(times[0] != times[1])
    #expect(
      html1.replacingOccurrences(of: times[0], with: "T")
        == html2.replacingOccurrences(of: times[1], with: "T"))
  }

  /// Canonical JSON text without the top-level member `name` (an object with no nested
  /// objects, never the last member in these reports).
  static func cut(_ name: String, from text: String) -> String {
    guard let start = text.range(of: "\"\(name)\":{") else { return text }
    var end = text[start.upperBound...].firstIndex(of: "}")!
    end = text.index(after: end)
    if text[end] == "," { end = text.index(after: end) }
    return String(text[..<start.lowerBound]) + String(text[end...])
  }

  static func report(json data: Data) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }

  @Test func pageIsBoundToTheSignedReport() throws {
    let dir = try Self.setUp()
    #expect(try Self.makeBundle(in: dir).status == 0)
    let verify = { (bundle: String) throws -> CLIRunner.Result in
      try CLIRunner.run(
        [
          "report", "verify", bundle, "--key", "k.json", "--inputs", "tokens.txt", "--public-key",
          "sign.pub.pem",
        ], in: dir)
    }
    // By hand: sha256sum of the page is the digest the signed report.json records.
    let stock = try CLIRunner.run(
      ["sha256sum", "bundle/report.html"], in: dir, executable: "/usr/bin/env")
    let page = try Self.report(dir, "bundle")["page"] as! [String: Any]
    #expect(stock.stdout.hasPrefix("\(page["sha256"] as! String) "), "\(stock.stdout)")

    // A p-value in the page's text edited by one byte: the page check fails, naming the file.
    try Self.copy(dir, "bundle", "edited")
    let url = dir.appendingPathComponent("edited/report.html")
    var html = try Data(contentsOf: url)
    let marker = Data("log10 p = ".utf8)
    let at = html.range(of: marker)!.upperBound
    let digit = html[at...].firstIndex { (0x30...0x39).contains($0) }!
    html[digit] = html[digit] == UInt8(ascii: "9") ? UInt8(ascii: "8") : html[digit] + 1
    try html.write(to: url)
    let edited = try verify("edited")
    #expect(edited.status != 0)
    #expect(
      edited.stdout.contains(
        "FAIL  page: report.html differs from the page the signed report.json records"),
      "\(edited.stdout)")
    #expect(edited.stdout.contains("PASS  signature: Ed25519"))
    #expect(edited.stdout.contains("NOT VERIFIED"))

    // The page removed.
    try Self.copy(dir, "bundle", "nopage")
    try FileManager.default.removeItem(at: dir.appendingPathComponent("nopage/report.html"))
    let removed = try verify("nopage")
    #expect(removed.status != 0)
    #expect(removed.stdout.contains("FAIL  page: report.html is missing"), "\(removed.stdout)")

    // A bundle of an earlier version: report.json without the page member, signed again with
    // stock openssl. It verifies, with a SKIP saying the page is not covered.
    try Self.copy(dir, "bundle", "old")
    let reportURL = dir.appendingPathComponent("old/report.json")
    let text = Self.cut("page", from: try String(contentsOf: reportURL, encoding: .utf8))
    #expect(!text.contains("\"page\""))
    try Data(text.utf8).write(to: reportURL)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("old/report.sig"))
    let signed = try CLIRunner.run(
      [
        "openssl", "pkeyutl", "-sign", "-inkey", "sign.key.pem", "-rawin", "-in",
        "old/report.json", "-out", "old/report.sig",
      ], in: dir, executable: "/usr/bin/env")
    #expect(signed.status == 0, "\(signed.stderr)")
    let old = try verify("old")
    #expect(old.status == 0, "\(old.stdout)")
    #expect(
      old.stdout.contains(
        "SKIP  page: report.json records no digest of report.html (a bundle of an earlier version): the page is not covered by the signature"
      ), "\(old.stdout)")
    #expect(old.stdout.contains("PASS  results: recomputed"))
    #expect(old.stdout.contains("\nVERIFIED"))
  }

  @Test func cmsBundleWithLocalTimestampAuthority() throws {
    let dir = try Self.setUp()
    let pki = dir.appendingPathComponent("pki").path
    let made = try CLIRunner.run(
      ["bash", Self.script("make-test-pki.sh"), pki], in: dir, executable: "/usr/bin/env")
    #expect(made.status == 0, "\(made.stderr)")
    let tsa = try LocalTSA(pki: pki)
    let result = try Self.makeBundle(
      in: dir,
      extra: [
        "--cms-cert", "pki/signer.pem", "--cms-key", "pki/signer.key", "--tsa", tsa.url,
        "--tsa-ca", "pki/ca.pem",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("time-stamp:"))
    // Stock openssl accepts the CMS signature and the time-stamp.
    let cms = try CLIRunner.run(
      [
        "openssl", "cms", "-verify", "-binary", "-content", "bundle/report.json", "-inform", "DER",
        "-in", "bundle/report.sig", "-CAfile", "pki/ca.pem", "-out", "/dev/null",
      ], in: dir, executable: "/usr/bin/env")
    #expect(cms.status == 0, "\(cms.stderr)")
    #expect(cms.stderr.contains("Verification successful"))
    let ts = try CLIRunner.run(
      [
        "openssl", "ts", "-verify", "-data", "bundle/report.sig", "-in", "bundle/report.tsr",
        "-CAfile", "pki/ca.pem",
      ], in: dir, executable: "/usr/bin/env")
    #expect(ts.status == 0 && ts.stdout.contains("Verification: OK"), "\(ts.stdout)\(ts.stderr)")
    let verified = try CLIRunner.run(
      [
        "report", "verify", "bundle", "--key", "k.json", "--inputs", "tokens.txt", "--ca-file",
        "pki/ca.pem", "--tsa-ca", "pki/ca.pem",
      ], in: dir)
    #expect(verified.status == 0, "\(verified.stdout)")
    #expect(verified.stdout.contains("PASS  time-stamp"))
    #expect(verified.stdout.contains("PASS  signature: CMS"))
    // A CA that did not issue the signer's certificate.
    let untrusted = try CLIRunner.run(
      ["report", "verify", "bundle", "--ca-file", "pki/other-ca.pem"], in: dir)
    #expect(untrusted.status != 0)
    #expect(untrusted.stdout.contains("FAIL  signature"))
  }

  @Test func badInputLeavesNoBundle() throws {
    let dir = try Self.setUp()
    func expectNothing(_ result: CLIRunner.Result, mentions: String) throws {
      #expect(result.status != 0)
      #expect(result.stderr.contains(mentions), "\(result.stderr)")
      let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      #expect(!left.contains { $0 == "bundle" || $0.contains("incomplete") }, "\(left)")
    }
    try expectNothing(
      try CLIRunner.run(
        [
          "report", "--key", "k.json", "--tokens", "missing.txt", "--out", "bundle", "--sign-key",
          "sign.key.pem",
        ], in: dir), mentions: "missing.txt")
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("folder"), withIntermediateDirectories: true)
    try expectNothing(
      try CLIRunner.run(
        [
          "report", "--key", "k.json", "--tokens", "folder", "--out", "bundle", "--sign-key",
          "sign.key.pem",
        ], in: dir), mentions: "folder")
    try "1 2 3\nnot numbers\n".write(
      to: dir.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
    try expectNothing(
      try CLIRunner.run(
        [
          "report", "--key", "k.json", "--tokens", "bad.txt", "--out", "bundle", "--sign-key",
          "sign.key.pem",
        ], in: dir), mentions: "bad.txt:2")
    try expectNothing(
      try CLIRunner.run(
        [
          "report", "--key", "nokey.json", "--tokens", "tokens.txt", "--out", "bundle",
          "--sign-key", "sign.key.pem",
        ], in: dir), mentions: "nokey.json")
    let pki = dir.appendingPathComponent("pki").path
    #expect(
      try CLIRunner.run(
        ["bash", Self.script("make-test-pki.sh"), pki], in: dir, executable: "/usr/bin/env"
      ).status == 0)
    try expectNothing(
      try Self.makeBundle(
        in: dir, extra: ["--cms-cert", "pki/expired.pem", "--cms-key", "pki/expired.key"]),
      mentions: "expired")
    try expectNothing(
      try Self.makeBundle(
        in: dir, extra: ["--cms-cert", "pki/signer.pem", "--cms-key", "pki/stranger.key"]),
      mentions: "stranger.key")
    // A time-stamping authority that does not answer.
    try expectNothing(
      try Self.makeBundle(
        in: dir, extra: ["--sign-key", "sign.key.pem", "--tsa", "http://127.0.0.1:9/"]),
      mentions: "127.0.0.1:9")
    // An existing bundle is not replaced.
    #expect(try Self.makeBundle(in: dir).status == 0)
    let again = try Self.makeBundle(in: dir)
    #expect(again.status != 0 && again.stderr.contains("already exists"))
  }

  static func script(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/\(name)").path
  }
}

/// scripts/tsa-server.py on 127.0.0.1, ended when the test drops it.
final class LocalTSA {
  let process = Process()
  let input = Pipe()
  let url: String

  init(pki: String) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", ReportCommandTests.script("tsa-server.py"), pki, "--exit-on-stdin-eof",
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = input
    try process.run()
    var line = Data()
    while true {
      let byte = out.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte == Data([0x0A]) { break }
      line += byte
    }
    let text = String(decoding: line, as: UTF8.self)
    guard text.hasPrefix("PORT ") else { throw CLIError(text) }
    url = "http://127.0.0.1:\(text.dropFirst(5))/"
  }

  deinit {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  struct CLIError: Error {
    let text: String
    init(_ t: String) { text = t }
  }
}
