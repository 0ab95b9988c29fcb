import Foundation
import Testing

@testable import HallmarkEvidence

@Suite struct TimestampTests {
  @Test func localAuthorityStampsAndVerifies() async throws {
    let pki = try TestPKI()
    let tsa = try LocalTSA(pki: pki)
    let signature = Array("pretend these are report.sig bytes".utf8)
    let trust = try X509TrustStore(contentsOf: pki.path("ca.pem"))
    let before = Date().addingTimeInterval(-2)
    let response = try await TimestampClient(url: tsa.url).timestamp(data: signature, trust: trust)
    #expect(response.genTime >= before && response.genTime <= Date().addingTimeInterval(2))
    #expect(response.genTimeText.hasSuffix("Z"))
    #expect(response.policyOID == "1.2.3.4.1")
    #expect(response.digest == SHA256.hash(signature))
    #expect(response.nonce != nil)
    // Verifiable later from the data alone, here and with the stock command.
    try response.verify(data: signature, trust: trust)
    try pki.directory.write("report.sig", signature)
    try pki.directory.write("report.tsr", response.der)
    let stock = try Command.run(
      [
        "openssl", "ts", "-verify", "-data", "report.sig", "-in", "report.tsr", "-CAfile",
        "ca.pem",
      ], in: pki.directory.path)
    #expect(stock.status == 0, "\(stock.output)")
    #expect(stock.output.contains("Verification: OK"))
    // Reparsed from bytes, the same facts.
    let reread = try TimestampResponse(der: response.der)
    #expect(
      reread.genTime == response.genTime && reread.serialNumberHex == response.serialNumberHex)
  }

  @Test func tamperedDataWrongTrustAndWrongRequestFail() async throws {
    let pki = try TestPKI()
    let tsa = try LocalTSA(pki: pki)
    let data = Array("signature bytes".utf8)
    let trust = try X509TrustStore(contentsOf: pki.path("ca.pem"))
    let request = try TimestampRequest(data: data)
    let body = try await URLSessionTimestampTransport().post(
      request.der, to: tsa.url, contentType: "application/timestamp-query")
    let response = try TimestampResponse(der: body)
    try response.verify(request: request, trust: trust)

    var changed = data
    changed[0] ^= 1
    #expect(throws: EvidenceError.self) { try response.verify(data: changed, trust: trust) }
    let otherTrust = try X509TrustStore(contentsOf: pki.path("other-ca.pem"))
    #expect {
      try response.verify(data: data, trust: otherTrust)
    } throws: { error in
      guard case EvidenceError.timestampInvalid(let reason) = error else { return false }
      return reason.contains("certificate")
    }
    let otherNonce = try TimestampRequest(digest: request.digest, nonce: request.nonce &+ 1)
    #expect(throws: EvidenceError.self) {
      try response.verify(request: otherNonce, trust: trust)
    }
    // Moving the stamped time by a second (inside the signed TSTInfo) breaks the signature.
    var corrupt = response.der
    let timeBytes = Array(response.genTimeText.utf8)
    let at = try #require(
      (0...(corrupt.count - timeBytes.count)).first {
        Array(corrupt[$0..<($0 + timeBytes.count)]) == timeBytes
      })
    let lastDigit = at + 13  // YYYYMMDDhhmmS|S
    corrupt[lastDigit] =
      corrupt[lastDigit] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    let moved = try TimestampResponse(der: corrupt)
    #expect(moved.genTime != response.genTime)
    #expect {
      try moved.verify(data: data, trust: trust)
    } throws: { error in
      guard case EvidenceError.timestampInvalid = error else { return false }
      return true
    }
  }

  @Test func unreachableAuthorityIsAClearError() async throws {
    // A port nobody listens on: bind one, then close it.
    let client = TimestampClient(url: URL(string: "http://127.0.0.1:9/tsa")!)
    await #expect {
      try await client.timestamp(data: [1, 2, 3], trust: nil)
    } throws: { error in
      guard case EvidenceError.timestampFailed(let reason) = error else { return false }
      return reason.contains("127.0.0.1:9")
    }
  }

  @Test func refusalStatusIsReported() async throws {
    let pki = try TestPKI()
    let tsa = try LocalTSA(pki: pki)
    // A SHA-1 imprint is outside the TSA's accepted digests: it answers "rejection".
    let query = pki.directory.file("sha1.tsq")
    try pki.directory.write("data.bin", [1, 2, 3])
    let made = try Command.run(
      ["openssl", "ts", "-query", "-data", pki.path("data.bin"), "-sha1", "-cert", "-out", query])
    #expect(made.status == 0, "\(made.output)")
    let body = try await URLSessionTimestampTransport().post(
      try FileIO.read(path: query), to: tsa.url, contentType: "application/timestamp-query")
    #expect {
      try TimestampResponse(der: body)
    } throws: { error in
      guard case EvidenceError.timestampFailed(let reason) = error else { return false }
      return reason.contains("status 2")
    }
  }
}
