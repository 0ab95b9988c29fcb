import Foundation
import Testing

@testable import HallmarkEvidence

@Suite struct EvidenceBundleTests {
  /// A report with the fields this layer defines and an input file.
  func report(signer: ReportSigner, input: String) throws -> JSONValue {
    let record = try InputFileRecord.describe(path: input, role: "text")
    return [
      "format": "hallmark-evidence/1",
      "tool": ["name": "hallmark", "version": "test", "commit": "0000000"],
      "command": ["hallmark", "report", "--out", "bundle"],
      "time": ["created_utc": "2026-01-01T00:00:00Z"],
      "inputs": try JSONValueEncoder().encode([record]),
      "signer": try signer.record(),
      "results": ["p_value": 1e-12, "log10_p": -12],
    ]
  }

  @Test func ed25519BundleWithTimestampVerifiesAndDetectsTampering() async throws {
    let pki = try TestPKI()
    let tsa = try LocalTSA(pki: pki)
    let dir = pki.directory
    try dir.write("corpus.txt", Array("The quick brown fox.".utf8))
    let key = try Ed25519PrivateKey.generate()
    let signer = ReportSigner.ed25519(key)
    let trust = try X509TrustStore(contentsOf: pki.path("ca.pem"))
    let written = try await EvidenceBundle.write(
      report: try report(signer: signer, input: dir.file("corpus.txt")), html: "<!doctype html>",
      signer: signer, timestamping: (TimestampClient(url: tsa.url), trust), to: dir.file("bundle"))
    #expect(written.timestamp != nil)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.file("bundle")).sorted()
    #expect(files == ["report.html", "report.json", "report.sig", "report.tsr", "signer.pub.pem"])

    let verifier = BundleVerifier(
      publicKey: try key.publicKey, timestampTrust: trust, inputs: [dir.file("corpus.txt")])
    let good = verifier.verify(bundleAt: dir.file("bundle"))
    #expect(good.passed, "\(good.lines)")
    #expect(good.checks.allSatisfy { $0.outcome == .pass }, "\(good.lines)")

    // Stock commands agree.
    let stockSig = try Command.run(
      [
        "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signer.pub.pem", "-rawin", "-in",
        "report.json", "-sigfile", "report.sig",
      ], in: dir.file("bundle"))
    #expect(stockSig.status == 0, "\(stockSig.output)")
    let stockTS = try Command.run(
      [
        "openssl", "ts", "-verify", "-data", "report.sig", "-in", "report.tsr", "-CAfile",
        pki.path("ca.pem"),
      ],
      in: dir.file("bundle"))
    #expect(stockTS.status == 0, "\(stockTS.output)")

    // Every changed byte of report.json or report.sig fails a named check.
    for name in ["report.json", "report.sig"] {
      try forEachFlippedByte(ofFile: dir.file("bundle/\(name)")) { index, _ in
        let outcome = verifier.verify(bundleAt: dir.file("bundle"))
        #expect(!outcome.passed, "\(name)[\(index)]")
        let failed = outcome.checks.filter { $0.outcome == .fail }.map(\.name)
        #expect(
          failed.contains("signature") || failed.contains("canonical JSON"), "\(name)[\(index)]")
      }
    }
    // report.tsr: a changed byte either fails the time-stamp check or sits in an unsigned
    // envelope field OpenSSL ignores (status 0 -> 1, version numbers, NULL parameters, the
    // signature-algorithm OID); such a change never alters what the token asserts.
    let tsrPath = dir.file("bundle/report.tsr")
    let tsr = try FileIO.read(path: tsrPath)
    let stamp = try TimestampResponse(der: tsr)
    var unnoticed = 0
    try forEachFlippedByte(ofFile: tsrPath) { index, changed in
      let outcome = verifier.verify(bundleAt: dir.file("bundle"))
      if outcome.passed {
        unnoticed += 1
        let reread = try TimestampResponse(der: changed)
        #expect(
          reread.genTime == stamp.genTime && reread.digest == stamp.digest
            && reread.serialNumberHex == stamp.serialNumberHex && reread.nonce == stamp.nonce
            && reread.policyOID == stamp.policyOID, "report.tsr[\(index)]")
      } else {
        #expect(outcome.checks.contains { $0.name == "time-stamp" && $0.outcome == .fail })
      }
    }
    #expect(unnoticed * 50 < tsr.count, "\(unnoticed) of \(tsr.count) changes unnoticed")
    #expect(verifier.verify(bundleAt: dir.file("bundle")).passed)

    // A changed input file, a foreign file, a missing file.
    try dir.write("corpus.txt", Array("The quick brown fox!".utf8))
    try dir.write("other.txt", Array("x".utf8))
    var inputs = verifier
    inputs.inputs = [dir.file("corpus.txt"), dir.file("other.txt"), dir.file("gone.txt")]
    let inputOutcome = inputs.verify(bundleAt: dir.file("bundle"))
    #expect(!inputOutcome.passed)
    #expect(inputOutcome.checks.filter { $0.outcome == .fail }.count == 3, "\(inputOutcome.lines)")

    // Another signing key is refused.
    var otherKey = verifier
    otherKey.publicKey = try Ed25519PrivateKey.generate().publicKey
    otherKey.inputs = []
    let keyOutcome = otherKey.verify(bundleAt: dir.file("bundle"))
    #expect(!keyOutcome.passed)
    #expect(
      keyOutcome.lines.contains { $0.hasPrefix("FAIL  signature: report.json names signer key") })
  }

  @Test func cmsBundleVerifiesWithCAFileAndRefusesOtherCA() async throws {
    let pki = try TestPKI()
    let dir = pki.directory
    try dir.write("corpus.txt", Array("text".utf8))
    let signer = ReportSigner.cms(
      try CMSSigner(certificateFile: pki.path("signer.pem"), privateKeyFile: pki.path("signer.key"))
    )
    _ = try await EvidenceBundle.write(
      report: try report(signer: signer, input: dir.file("corpus.txt")), html: "", signer: signer,
      to: dir.file("bundle"))
    let trusted = BundleVerifier(signerTrust: try X509TrustStore(contentsOf: pki.path("ca.pem")))
    let outcome = trusted.verify(bundleAt: dir.file("bundle"))
    #expect(outcome.passed, "\(outcome.lines)")
    #expect(
      outcome.lines.contains {
        $0.contains(
          "CMS over report.json by O=Hallmark Tests,CN=Hallmark Test Signer; chain trusted now")
      })
    let stock = try Command.run(
      [
        "openssl", "cms", "-verify", "-binary", "-content", "report.json", "-inform", "DER", "-in",
        "report.sig", "-CAfile", pki.path("ca.pem"), "-out", "/dev/null",
      ], in: dir.file("bundle"))
    #expect(stock.status == 0, "\(stock.output)")
    let other = BundleVerifier(
      signerTrust: try X509TrustStore(contentsOf: pki.path("other-ca.pem")))
    let refused = other.verify(bundleAt: dir.file("bundle"))
    #expect(!refused.passed)
    #expect(
      refused.lines.contains {
        $0.hasPrefix("FAIL  signature: certificate") && $0.contains("not trusted")
      })
  }

  @Test func failedTimestampLeavesNoBundle() async throws {
    let dir = try TemporaryDirectory()
    let signer = ReportSigner.ed25519(try Ed25519PrivateKey.generate())
    await #expect(throws: EvidenceError.self) {
      try await EvidenceBundle.write(
        report: ["a": 1], html: "", signer: signer,
        timestamping: (TimestampClient(url: URL(string: "http://127.0.0.1:9/")!), nil),
        to: dir.file("bundle"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test func missingOrDamagedBundleFailsClearly() throws {
    let dir = try TemporaryDirectory()
    let missing = BundleVerifier().verify(bundleAt: dir.file("nothing"))
    #expect(!missing.passed)
    #expect(missing.lines[0].hasPrefix("FAIL  bundle:"))
    try FileManager.default.createDirectory(
      atPath: dir.file("b"), withIntermediateDirectories: false)
    try dir.write("b/report.json", Array("{ \"a\": 1 }".utf8))
    try dir.write("b/report.sig", [UInt8](repeating: 0, count: 64))
    let damaged = BundleVerifier().verify(bundleAt: dir.file("b"))
    #expect(
      damaged.lines.contains("FAIL  canonical JSON: report.json is JSON but not in RFC 8785 form"))
    #expect(
      damaged.lines.contains { $0.hasPrefix("FAIL  signature:") && $0.contains("signer.pub.pem") })
  }
}
