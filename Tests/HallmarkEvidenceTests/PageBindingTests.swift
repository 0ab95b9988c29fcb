import Foundation
import Testing

@testable import HallmarkEvidence

/// The page (`report.html`) is bound to the signed report by its size and SHA-256 in the
/// `page` member of `report.json` (Spec/evidence.md section 7).
@Suite struct PageBindingTests {
  static let page = "<!doctype html><p>The chance is about 1 in 10<sup>12</sup> (p = 1e-12).</p>"

  func report(signer: ReportSigner) throws -> JSONValue {
    [
      "format": "hallmark-evidence/1",
      "time": ["created_utc": "2026-01-01T00:00:00Z"],
      "signer": try signer.record(),
      "results": ["p_value": 1e-12, "log10_p": -12],
    ]
  }

  func check(_ outcome: BundleVerification) -> BundleCheck? {
    outcome.checks.first { $0.name == "page" }
  }

  @Test func pageIsRecordedAndVerifies() async throws {
    let dir = try TemporaryDirectory()
    let key = try Ed25519PrivateKey.generate()
    let signer = ReportSigner.ed25519(key)
    let written = try await EvidenceBundle.write(
      report: try report(signer: signer), html: Self.page, signer: signer, to: dir.file("bundle"))
    let record = PageRecord.describe(Array(Self.page.utf8))
    #expect(written.page == record)
    #expect(record.file == "report.html" && record.bytes == Self.page.utf8.count)
    let json = try JSONValue(parsing: FileIO.read(path: dir.file("bundle/report.json")))
    #expect(json["page"] == record.json)
    #expect(try PageRecord.recorded(in: json) == record)

    let outcome = BundleVerifier(publicKey: try key.publicKey).verify(bundleAt: dir.file("bundle"))
    #expect(outcome.passed, "\(outcome.lines)")
    #expect(check(outcome)?.outcome == .pass, "\(outcome.lines)")
    #expect(outcome.lines.contains { $0.hasPrefix("PASS  page: report.html is the page") })

    // By hand: sha256sum gives the digest the signed report.json records.
    let stock = try Command.run(["sha256sum", "report.html"], in: dir.file("bundle"))
    #expect(stock.status == 0)
    #expect(stock.output.hasPrefix(record.sha256 + " "), "\(stock.output)")
  }

  @Test func changedOrMissingPageFails() async throws {
    let dir = try TemporaryDirectory()
    let key = try Ed25519PrivateKey.generate()
    let signer = ReportSigner.ed25519(key)
    _ = try await EvidenceBundle.write(
      report: try report(signer: signer), html: Self.page, signer: signer, to: dir.file("bundle"))
    let verifier = BundleVerifier(publicKey: try key.publicKey)
    let path = dir.file("bundle/report.html")
    let original = try FileIO.read(path: path)

    // One changed byte anywhere in the page (here: every byte, one at a time).
    try forEachFlippedByte(ofFile: path) { index, _ in
      let outcome = verifier.verify(bundleAt: dir.file("bundle"))
      #expect(!outcome.passed, "report.html[\(index)]")
      #expect(check(outcome)?.outcome == .fail, "report.html[\(index)]")
      #expect(outcome.checks.contains { $0.name == "signature" && $0.outcome == .pass })
    }
    // An edited p-value: same length, another digit.
    let edited = Self.page.replacingOccurrences(of: "1e-12", with: "1e-02")
    try FileIO.write(Array(edited.utf8), to: path, overwrite: true)
    let outcome = verifier.verify(bundleAt: dir.file("bundle"))
    #expect(!outcome.passed)
    #expect(
      outcome.lines.contains {
        $0.hasPrefix("FAIL  page: report.html differs from the page the signed report.json records")
      }, "\(outcome.lines)")
    #expect(outcome.lines.last == "NOT VERIFIED: see FAIL lines above")

    // A page grown by one byte.
    try FileIO.write(original + [0x0A], to: path, overwrite: true)
    #expect(check(verifier.verify(bundleAt: dir.file("bundle")))?.outcome == .fail)

    // No page.
    try FileManager.default.removeItem(atPath: path)
    let missing = verifier.verify(bundleAt: dir.file("bundle"))
    #expect(!missing.passed)
    #expect(
      missing.lines.contains { $0.hasPrefix("FAIL  page: report.html is missing") },
      "\(missing.lines)")

    // Put back, it verifies again.
    try FileIO.write(original, to: path, overwrite: false)
    #expect(verifier.verify(bundleAt: dir.file("bundle")).passed)
  }

  /// A bundle of an earlier version: report.json without `page`, signed, beside a page.
  @Test func earlierBundleWithoutPageMemberSkips() throws {
    let dir = try TemporaryDirectory()
    let key = try Ed25519PrivateKey.generate()
    let bytes = try report(signer: .ed25519(key)).canonicalBytes()
    let writer = try BundleWriter(destination: dir.file("old"))
    try writer.write(bytes, as: BundleLayout.report)
    try writer.write(try key.sign(bytes), as: BundleLayout.signature)
    try writer.write(text: Self.page, as: BundleLayout.html)
    try writer.write(try key.publicKey.pemBytes(), as: BundleLayout.signerPublicKey)
    try writer.commit()

    let verifier = BundleVerifier(publicKey: try key.publicKey)
    let outcome = verifier.verify(bundleAt: dir.file("old"))
    #expect(outcome.passed, "\(outcome.lines)")
    #expect(check(outcome)?.outcome == .notChecked)
    #expect(
      outcome.lines.contains {
        $0.hasPrefix("SKIP  page: report.json records no digest of report.html")
          && $0.contains("not covered by the signature")
      }, "\(outcome.lines)")
    #expect(outcome.lines.last == "VERIFIED: every check above passed or was not asked for")

    // Without a page at all (and no member): a SKIP that says so.
    try FileManager.default.removeItem(atPath: dir.file("old/report.html"))
    let bare = verifier.verify(bundleAt: dir.file("old"))
    #expect(bare.passed)
    #expect(bare.lines.contains("SKIP  page: the bundle has no report.html"))
  }

  @Test func malformedPageMemberFailsNamingTheField() throws {
    let dir = try TemporaryDirectory()
    let key = try Ed25519PrivateKey.generate()
    let cases: [(JSONValue, String)] = [
      ("report.html", "page.file"),
      (
        [
          "file": "../report.html", "bytes": 1,
          "sha256": .string(String(repeating: "0", count: 64)),
        ], "page.file"
      ),
      (
        [
          "file": "report.html", "bytes": 1.5, "sha256": .string(String(repeating: "0", count: 64)),
        ], "page.bytes"
      ),
      (
        ["file": "report.html", "bytes": 1, "sha256": .string(String(repeating: "A", count: 64))],
        "page.sha256"
      ),
    ]
    for (i, (member, field)) in cases.enumerated() {
      guard case .object(var object) = try report(signer: .ed25519(key)) else { return }
      object["page"] = member
      let bytes = try JSONValue.object(object).canonicalBytes()
      let writer = try BundleWriter(destination: dir.file("b\(i)"))
      try writer.write(bytes, as: BundleLayout.report)
      try writer.write(try key.sign(bytes), as: BundleLayout.signature)
      try writer.write(text: Self.page, as: BundleLayout.html)
      try writer.commit()
      let outcome = BundleVerifier(publicKey: try key.publicKey).verify(bundleAt: dir.file("b\(i)"))
      #expect(!outcome.passed)
      #expect(
        outcome.lines.contains { $0.hasPrefix("FAIL  page: report.json: \"\(field)\"") },
        "\(outcome.lines)")
    }
  }

  @Test func reportWithItsOwnPageMemberIsRefused() async throws {
    let dir = try TemporaryDirectory()
    let signer = ReportSigner.ed25519(try Ed25519PrivateKey.generate())
    await #expect(throws: EvidenceError.self) {
      try await EvidenceBundle.write(
        report: ["page": "mine"], html: Self.page, signer: signer, to: dir.file("bundle"))
    }
    await #expect(throws: EvidenceError.self) {
      try await EvidenceBundle.write(
        report: ["not", "an", "object"], html: Self.page, signer: signer, to: dir.file("bundle"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    // Without a page nothing is added.
    let written = try await EvidenceBundle.write(
      report: ["a": 1], html: "", signer: signer, to: dir.file("bundle"))
    #expect(written.page == nil)
    #expect(try JSONValue(parsing: written.reportBytes)["page"] == nil)
  }
}

/// The committed example bundle (docs/example-bundle) records its page and verifies.
@Suite struct ExampleBundlePageTests {
  @Test func exampleBundleCoversItsPage() throws {
    let bundle = Command.repositoryRoot.appendingPathComponent("docs/example-bundle").path
    let key = try Ed25519PublicKey(contentsOf: bundle + "/signer.pub.pem")
    #expect(try key.keyID == "42df1f29cc902dea5f63e5ec7940641798b25d1464744680561fa871e71f3624")
    let outcome = BundleVerifier(publicKey: key).verify(bundleAt: bundle)
    #expect(outcome.passed, "\(outcome.lines)")
    #expect(
      outcome.checks.contains { $0.name == "page" && $0.outcome == .pass }, "\(outcome.lines)")
    let report = try JSONValue(parsing: FileIO.read(path: bundle + "/report.json"))
    let page = try PageRecord.recorded(in: report)
    #expect(page == PageRecord.describe(try FileIO.read(path: bundle + "/report.html")))
  }
}
