import Foundation
import Testing

@testable import HallmarkEvidence

@Suite struct Ed25519Tests {
  /// RFC 8032 section 7.1, TEST 1: the empty message.
  @Test func rfc8032TestVector() throws {
    let pem = Array(
      """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
      -----END PRIVATE KEY-----

      """.utf8)
    let key = try Ed25519PrivateKey(pem: pem)
    #expect(
      Hex.string(try key.publicKey.raw)
        == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    let signature = try key.sign([])
    #expect(
      Hex.string(signature)
        == "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
    #expect(try key.publicKey.isValidSignature(signature, for: []))
  }

  @Test func signVerifyAndTamper() throws {
    let key = try Ed25519PrivateKey.generate()
    let message = Array("report bytes".utf8)
    let signature = try key.sign(message)
    let publicKey = try key.publicKey
    try publicKey.verify(signature, for: message)
    var flipped = message
    flipped[0] ^= 1
    #expect(throws: EvidenceError.self) { try publicKey.verify(signature, for: flipped) }
    var badSignature = signature
    badSignature[10] ^= 0x40
    #expect(!publicKey.isValidSignature(badSignature, for: message))
    let otherKey = try Ed25519PrivateKey.generate().publicKey
    #expect(!otherKey.isValidSignature(signature, for: message))
  }

  @Test func pemRoundTripAndStockOpenSSLInterop() throws {
    let dir = try TemporaryDirectory()
    let key = try Ed25519PrivateKey.generate()
    try dir.write("key.pem", try key.pemBytes())
    try dir.write("pub.pem", try key.publicKey.pemBytes())
    try dir.write("report.json", Array(#"{"a":1}"#.utf8))
    // Our signature verifies with the stock command...
    try dir.write("report.sig", try key.sign(Array(#"{"a":1}"#.utf8)))
    let verify = try Command.run(
      [
        "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in",
        "report.json", "-sigfile", "report.sig",
      ], in: dir.path)
    #expect(verify.status == 0, "\(verify.output)")
    #expect(verify.output.contains("Signature Verified Successfully"))
    // ...and the stock command's signature verifies with ours (Ed25519 is deterministic).
    let sign = try Command.run(
      [
        "openssl", "pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "report.json",
        "-out", "stock.sig",
      ], in: dir.path)
    #expect(sign.status == 0, "\(sign.output)")
    let stock = try FileIO.read(path: dir.file("stock.sig"))
    #expect(stock == (try FileIO.read(path: dir.file("report.sig"))))
    // The key-id command the report page prints gives the same id.
    let keyID = try Command.run(
      [
        "bash", "-c",
        "openssl pkey -pubin -in pub.pem -outform DER | tail -c 32 | openssl dgst -sha256 -r",
      ], in: dir.path)
    #expect(String(keyID.output.prefix(64)) == (try key.publicKey.keyID))
    let reread = try Ed25519PublicKey(contentsOf: dir.file("pub.pem"))
    #expect(reread == (try key.publicKey))
    #expect(try Ed25519PrivateKey(contentsOf: dir.file("key.pem")).publicKey == reread)
  }

  @Test func wrongKeyTypesAreNamed() throws {
    let pki = try TestPKI()
    #expect(throws: EvidenceError.self) {
      try Ed25519PrivateKey(contentsOf: pki.path("signer.key"))
    }
    do {
      _ = try Ed25519PrivateKey(contentsOf: pki.path("signer.key"))
    } catch {
      #expect("\(error)".contains("signer.key"))
      #expect("\(error)".contains("is a EC key"))
    }
    #expect(throws: EvidenceError.self) {
      try Ed25519PrivateKey(pem: Array("not a key".utf8), source: "junk.pem")
    }
    #expect(
      throws: EvidenceError.file(path: "/nonexistent/key.pem", reason: "No such file or directory")
    ) {
      try Ed25519PrivateKey(contentsOf: "/nonexistent/key.pem")
    }
  }
}

@Suite struct SigningKeyFilesTests {
  @Test func writesPrivateKeyWithMode0600AndNeverReplaces() throws {
    let dir = try TemporaryDirectory()
    let files = try SigningKeyFiles.create(prefix: dir.file("signer"))
    #expect(files.privateKeyPath == dir.file("signer.key.pem"))
    let attributes = try FileManager.default.attributesOfItem(atPath: files.privateKeyPath)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let key = try Ed25519PrivateKey(contentsOf: files.privateKeyPath)
    #expect(try key.publicKey.keyID == files.keyID)
    #expect(try Ed25519PublicKey(contentsOf: files.publicKeyPath).keyID == files.keyID)
    let before = try FileIO.read(path: files.privateKeyPath)
    #expect {
      try SigningKeyFiles.create(prefix: dir.file("signer"))
    } throws: { error in
      "\(error)".contains("signer.key.pem: already exists")
    }
    #expect(try FileIO.read(path: files.privateKeyPath) == before)
  }

  @Test func leavesNoHalfPair() throws {
    let dir = try TemporaryDirectory()
    try dir.write("k.pub.pem", [1])
    #expect(throws: EvidenceError.self) { try SigningKeyFiles.create(prefix: dir.file("k")) }
    #expect(!FileManager.default.fileExists(atPath: dir.file("k.key.pem")))
  }
}
