import COpenSSL

/// An RFC 3161 TimeStampReq over the SHA-256 of some data (in a bundle: of `report.sig`),
/// asking the authority to include its certificate and to echo a random nonce.
public struct TimestampRequest: Sendable {
  /// SHA-256 of the data being stamped.
  public let digest: [UInt8]
  /// The random nonce the response must echo (binds the answer to this request).
  public let nonce: UInt64
  /// The DER request, the body of the HTTP POST (`application/timestamp-query`).
  public let der: [UInt8]

  /// A request over `data`'s SHA-256 with a random nonce.
  public init(data: [UInt8]) throws {
    try self.init(digest: SHA256.hash(data))
  }

  /// A request over a SHA-256 digest computed elsewhere.
  public init(digest: [UInt8], nonce: UInt64 = UInt64.random(in: 1...UInt64.max)) throws {
    guard digest.count == 32 else {
      throw EvidenceError.timestampFailed(reason: "a SHA-256 digest has 32 bytes")
    }
    self.digest = digest
    self.nonce = nonce
    let request = try Self.makeRequest(digest: digest, nonce: nonce)
    defer { TS_REQ_free(request) }
    var out: UnsafeMutablePointer<UInt8>? = nil
    let length = i2d_TS_REQ(request, &out)
    guard length > 0, let out else { throw OpenSSLErrorQueue.error("i2d_TS_REQ") }
    defer { CRYPTO_free(out, #file, #line) }
    der = Array(UnsafeBufferPointer(start: out, count: Int(length)))
  }

  /// The OpenSSL request structure (caller frees with TS_REQ_free).
  static func makeRequest(digest: [UInt8], nonce: UInt64) throws -> OpaquePointer {
    guard let request = TS_REQ_new(), let imprint = TS_MSG_IMPRINT_new(),
      let algorithm = X509_ALGOR_new(), let nonceValue = ASN1_INTEGER_new()
    else { throw OpenSSLErrorQueue.error("allocating a TS_REQ") }
    defer {
      TS_MSG_IMPRINT_free(imprint)
      X509_ALGOR_free(algorithm)
      ASN1_INTEGER_free(nonceValue)
    }
    var digest = digest
    guard X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nil) == 1,
      TS_MSG_IMPRINT_set_algo(imprint, algorithm) == 1,
      TS_MSG_IMPRINT_set_msg(imprint, &digest, Int32(digest.count)) == 1,
      TS_REQ_set_version(request, 1) == 1,
      TS_REQ_set_msg_imprint(request, imprint) == 1,
      ASN1_INTEGER_set_uint64(nonceValue, nonce) == 1,
      TS_REQ_set_nonce(request, nonceValue) == 1,
      TS_REQ_set_cert_req(request, 1) == 1
    else {
      TS_REQ_free(request)
      throw OpenSSLErrorQueue.error("building a TS_REQ")
    }
    return request
  }
}
