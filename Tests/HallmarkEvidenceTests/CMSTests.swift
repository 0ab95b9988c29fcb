import Foundation
import Testing

@testable import HallmarkEvidence

@Suite struct CMSTests {
  let content = Array(#"{"report":"canonical bytes","n":1}"#.utf8)

  @Test(arguments: [CMSEncoding.der, .pem])
  func signatureVerifiesHereAndWithStockOpenSSL(encoding: CMSEncoding) throws {
    let pki = try TestPKI()
    let signer = try CMSSigner(
      certificateFile: pki.path("signer.pem"), privateKeyFile: pki.path("signer.key"))
    let signature = try signer.sign(content, encoding: encoding)
    let trust = try X509TrustStore(contentsOf: pki.path("ca.pem"))
    let result = try CMSVerifier(trust: trust).verify(signature: signature, content: content)
    #expect(result.signers.map(\.subject) == ["O=Hallmark Tests,CN=Hallmark Test Signer"])
    #expect(result.claimedSigningTime != nil)

    let dir = pki.directory
    try dir.write("report.json", content)
    try dir.write("report.sig", signature)
    let inform = encoding == .der ? "DER" : "PEM"
    let stock = try Command.run(
      [
        "openssl", "cms", "-verify", "-binary", "-content", "report.json", "-inform", inform,
        "-in", "report.sig", "-CAfile", "ca.pem", "-out", "/dev/null",
      ], in: dir.path)
    #expect(stock.status == 0, "\(stock.output)")
    #expect(stock.output.contains("Verification successful"))

    // The stock command refuses the same signature over changed content.
    var changed = content
    changed[3] ^= 1
    try dir.write("report.json", changed)
    let tampered = try Command.run(
      [
        "openssl", "cms", "-verify", "-binary", "-content", "report.json", "-inform", inform,
        "-in", "report.sig", "-CAfile", "ca.pem", "-out", "/dev/null",
      ], in: dir.path)
    #expect(tampered.status != 0)
  }

  @Test func tamperedContentOrSignatureFails() throws {
    let pki = try TestPKI()
    let signer = try CMSSigner(
      certificateFile: pki.path("signer.pem"), privateKeyFile: pki.path("signer.key"))
    let signature = try signer.sign(content)
    let verifier = CMSVerifier(trust: try X509TrustStore(contentsOf: pki.path("ca.pem")))
    var changed = content
    changed[changed.count - 2] ^= 1
    #expect {
      try verifier.verify(signature: signature, content: changed)
    } throws: { error in
      guard case EvidenceError.signatureInvalid = error else { return false }
      return true
    }
    // Flip a byte near the end (inside the signature value).
    var broken = signature
    broken[broken.count - 5] ^= 0x01
    #expect(throws: EvidenceError.self) {
      try verifier.verify(signature: broken, content: content)
    }
    #expect {
      try verifier.verify(signature: Array("garbage".utf8), content: content, source: "x.sig")
    } throws: { error in
      guard case EvidenceError.signatureMalformed(let source, _) = error else { return false }
      return source == "x.sig"
    }
  }

  @Test func expiredCertificateIsRefusedForSigningAndVerifying() throws {
    let pki = try TestPKI()
    #expect {
      try CMSSigner(
        certificateFile: pki.path("expired.pem"), privateKeyFile: pki.path("expired.key"))
    } throws: { error in
      guard case EvidenceError.certificateExpired(let subject, let notAfter) = error else {
        return false
      }
      return subject.contains("Hallmark Expired Signer") && notAfter == "2002-01-01T00:00:00Z"
    }
    // Signed while valid (in 2001), checked now: expired; checked at a 2001 time: fine.
    let signedThen = try CMSSigner(
      certificatePEM: try pki.bytes("expired.pem"), privateKeyPEM: try pki.bytes("expired.key"),
      now: Date(timeIntervalSince1970: 1_000_000_000))
    let signature = try signedThen.sign(content)
    let verifier = CMSVerifier(trust: try X509TrustStore(contentsOf: pki.path("ca.pem")))
    #expect {
      try verifier.verify(signature: signature, content: content)
    } throws: { error in
      guard case EvidenceError.certificateExpired = error else { return false }
      return "\(error)".contains("expired on 2002-01-01")
    }
    _ = try verifier.verify(
      signature: signature, content: content, at: Date(timeIntervalSince1970: 1_000_000_000))
  }

  @Test func mismatchedKeyAndUntrustedIssuerAreNamed() throws {
    let pki = try TestPKI()
    #expect {
      try CMSSigner(
        certificateFile: pki.path("signer.pem"), privateKeyFile: pki.path("stranger.key"))
    } throws: { error in
      guard case EvidenceError.keyDoesNotMatchCertificate(let certificate, let key) = error else {
        return false
      }
      return certificate.contains("signer.pem") && key.hasSuffix("stranger.key")
    }
    let stranger = try CMSSigner(
      certificateFile: pki.path("stranger.pem"), privateKeyFile: pki.path("stranger.key"))
    let signature = try stranger.sign(content)
    let verifier = CMSVerifier(trust: try X509TrustStore(contentsOf: pki.path("ca.pem")))
    #expect {
      try verifier.verify(signature: signature, content: content)
    } throws: { error in
      guard case EvidenceError.certificateNotTrusted(let subject, let reason) = error else {
        return false
      }
      return subject.contains("Stranger Signer") && reason.contains("issuer certificate")
    }
    // Trusting the other root makes it pass.
    let otherTrust = try X509TrustStore(contentsOf: pki.path("other-ca.pem"))
    _ = try CMSVerifier(trust: otherTrust).verify(signature: signature, content: content)
  }

  @Test func certificateDetails() throws {
    let pki = try TestPKI()
    let cert = try X509Certificate(contentsOf: pki.path("signer.pem"))
    #expect(cert.subject == "O=Hallmark Tests,CN=Hallmark Test Signer")
    #expect(cert.issuer == "O=Hallmark Tests,CN=Hallmark Test Root CA")
    #expect(cert.notAfter == Date(timeIntervalSince1970: 4_102_444_799))
    let stock = try Command.run(
      ["openssl", "x509", "-in", pki.path("signer.pem"), "-noout", "-fingerprint", "-sha256"])
    let expected = stock.output.split(separator: "=").last!
      .replacingOccurrences(of: ":", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
      .lowercased()
    #expect(cert.sha256Fingerprint == expected)
    #expect(throws: EvidenceError.self) {
      try X509Certificate(pem: Array("-----BEGIN CERTIFICATE-----\nAAAA\n".utf8))
    }
  }
}

@Suite struct CMSKeyTypeTests {
  /// CMS signing works the same with RSA certificates as with EC ones.
  @Test(arguments: [["-newkey", "rsa:2048"]])
  func otherKeyTypes(newKey: [String]) throws {
    let dir = try TemporaryDirectory()
    let made = try Command.run(
      ["openssl", "req", "-x509", "-nodes"] + newKey + [
        "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=Key Type Test",
        "-addext", "keyUsage=critical,digitalSignature",
      ], in: dir.path)
    #expect(made.status == 0, "\(made.output)")
    let content = Array("content".utf8)
    let signer = try CMSSigner(
      certificateFile: dir.file("cert.pem"), privateKeyFile: dir.file("key.pem"))
    try dir.write("report.json", content)
    try dir.write("report.sig", try signer.sign(content))
    let trust = try X509TrustStore(contentsOf: dir.file("cert.pem"))
    _ = try CMSVerifier(trust: trust).verify(
      signature: try FileIO.read(path: dir.file("report.sig")), content: content)
    let stock = try Command.run(
      [
        "openssl", "cms", "-verify", "-binary", "-content", "report.json", "-inform", "DER", "-in",
        "report.sig", "-CAfile", "cert.pem", "-out", "/dev/null",
      ], in: dir.path)
    #expect(stock.status == 0, "\(stock.output)")
  }
}

extension CMSKeyTypeTests {
  /// Ed25519 certificates: refused with a clear reason where OpenSSL cannot sign CMS with
  /// them (before 3.2), accepted where it can.
  @Test func ed25519CertificateIsRefusedClearlyOrWorks() throws {
    let dir = try TemporaryDirectory()
    let made = try Command.run(
      [
        "openssl", "req", "-x509", "-nodes", "-newkey", "ed25519", "-keyout", "key.pem", "-out",
        "cert.pem", "-days", "2", "-subj", "/CN=Ed25519 Test",
      ], in: dir.path)
    #expect(made.status == 0, "\(made.output)")
    if CMSSigner.supportsEdDSA {
      let signer = try CMSSigner(
        certificateFile: dir.file("cert.pem"), privateKeyFile: dir.file("key.pem"))
      let signature = try signer.sign([1, 2, 3])
      _ = try CMSVerifier(trust: try X509TrustStore(contentsOf: dir.file("cert.pem")))
        .verify(signature: signature, content: [1, 2, 3])
    } else {
      #expect {
        try CMSSigner(certificateFile: dir.file("cert.pem"), privateKeyFile: dir.file("key.pem"))
      } throws: { error in
        "\(error)".contains("key.pem") && "\(error)".contains("Ed25519 signing mode")
      }
    }
  }
}
