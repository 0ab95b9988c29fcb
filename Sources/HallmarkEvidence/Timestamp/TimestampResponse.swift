import COpenSSL
import Foundation

/// An RFC 3161 TimeStampResp (stored in a bundle as `report.tsr`): the authority's status
/// and, when granted, its signed token saying that a digest existed at `genTime`.
public struct TimestampResponse: Sendable {
  /// The DER response, as received and as stored.
  public let der: [UInt8]
  /// The time the authority vouches for.
  public let genTime: Date
  /// The time exactly as the token writes it (GeneralizedTime, e.g. `20260130120000Z`).
  public let genTimeText: String
  /// The token's serial number (hex), unique per authority.
  public let serialNumberHex: String
  /// The authority's policy under which it stamped (dotted OID).
  public let policyOID: String
  /// The digest algorithm of the stamped imprint (e.g. `sha256`).
  public let digestAlgorithm: String
  /// The stamped digest.
  public let digest: [UInt8]
  /// The nonce echoed from the request, if any.
  public let nonce: UInt64?

  /// Parses a DER TimeStampResp and requires status granted (0) or grantedWithMods (1).
  /// - Throws: `timestampFailed` for a refusal (with the authority's status text) or
  ///   `timestampInvalid` for bytes that are not a response.
  public init(der: [UInt8], source: String = "(time-stamp response)") throws {
    self.der = der
    OpenSSLErrorQueue.clear()
    let parsed = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
      var pointer: UnsafePointer<UInt8>? = buffer.baseAddress
      return d2i_TS_RESP(nil, &pointer, buffer.count)
    }
    guard let response = parsed else {
      throw EvidenceError.timestampInvalid(
        reason: "\(source) is not a DER TimeStampResp (\(OpenSSLErrorQueue.drain()))")
    }
    defer { TS_RESP_free(response) }
    let statusInfo = TS_RESP_get_status_info(response)
    let status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(statusInfo))
    guard status == 0 || status == 1, let info = TS_RESP_get_tst_info(response) else {
      throw EvidenceError.timestampFailed(
        reason: "the authority answered status \(status) (\(Self.statusText(statusInfo)))")
    }
    guard let time = TS_TST_INFO_get_time(info), let date = ASN1Time.date(time) else {
      throw EvidenceError.timestampInvalid(reason: "\(source) has no readable genTime")
    }
    genTime = date
    genTimeText = String(
      decoding: UnsafeBufferPointer(
        start: ASN1_STRING_get0_data(time), count: Int(ASN1_STRING_length(time))),
      as: UTF8.self)
    serialNumberHex = Self.integerHex(TS_TST_INFO_get_serial(info))
    policyOID = Self.oid(TS_TST_INFO_get_policy_id(info))
    let imprint = TS_TST_INFO_get_msg_imprint(info)
    var algorithmObject: OpaquePointer? = nil
    X509_ALGOR_get0(&algorithmObject, nil, nil, TS_MSG_IMPRINT_get_algo(imprint))
    digestAlgorithm = algorithmObject.map { String(cString: OBJ_nid2sn(OBJ_obj2nid($0))) } ?? "?"
    let message = TS_MSG_IMPRINT_get_msg(imprint)
    digest = Array(
      UnsafeBufferPointer(
        start: ASN1_STRING_get0_data(message), count: Int(ASN1_STRING_length(message))))
    if let n = TS_TST_INFO_get_nonce(info) {
      var value: UInt64 = 0
      nonce = ASN1_INTEGER_get_uint64(&value, n) == 1 ? value : nil
    } else {
      nonce = nil
    }
    OpenSSLErrorQueue.clear()
  }

  /// Verifies the response against the request it answers: the authority's signature and
  /// certificate chain (ending in `trust`, with the timeStamping purpose), the digest, and
  /// the nonce. This is `openssl ts -verify -queryfile req.tsq -in resp.tsr -CAfile ca.pem`.
  public func verify(request: TimestampRequest, trust: X509TrustStore) throws {
    let tsRequest = try TimestampRequest.makeRequest(digest: request.digest, nonce: request.nonce)
    defer { TS_REQ_free(tsRequest) }
    guard let context = TS_REQ_to_TS_VERIFY_CTX(tsRequest, nil) else {
      throw OpenSSLErrorQueue.error("TS_REQ_to_TS_VERIFY_CTX")
    }
    // TS_REQ_to_TS_VERIFY_CTX checks version, imprint and nonce; add the signature.
    TS_VERIFY_CTX_add_flags(context, Int32(TS_VFY_SIGNATURE))
    try run(context, trust: trust)
  }

  /// Verifies the response as a stamp over `data` without the original request (as a bundle
  /// verifier must): signature, chain and digest, not the nonce. This is
  /// `openssl ts -verify -data report.sig -in report.tsr -CAfile ca.pem`.
  public func verify(data: [UInt8], trust: X509TrustStore) throws {
    guard let context = TS_VERIFY_CTX_new() else {
      throw OpenSSLErrorQueue.error("TS_VERIFY_CTX_new")
    }
    let hash = SHA256.hash(data)
    guard digestAlgorithm == "SHA256" || digestAlgorithm == "sha256" else {
      TS_VERIFY_CTX_free(context)
      throw EvidenceError.timestampInvalid(
        reason: "the token stamps a \(digestAlgorithm) digest; only SHA-256 is accepted")
    }
    // The context frees the imprint with OPENSSL_free, so it must come from OpenSSL's heap.
    let imprint = CRYPTO_malloc(hash.count, #file, #line)!.assumingMemoryBound(to: UInt8.self)
    imprint.initialize(from: hash, count: hash.count)
    TS_VERIFY_CTX_set_imprint(context, imprint, hash.count)
    TS_VERIFY_CTX_set_flags(context, Int32(TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT))
    try run(context, trust: trust)
  }

  /// Runs a prepared verification context (freed here) against `trust`.
  func run(_ context: OpaquePointer, trust: X509TrustStore) throws {
    defer { TS_VERIFY_CTX_free(context) }
    X509_STORE_up_ref(trust.pointer)  // the context frees its store
    _ = TS_VERIFY_CTX_set_store(context, trust.pointer)
    OpenSSLErrorQueue.clear()
    let parsed = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
      var pointer: UnsafePointer<UInt8>? = buffer.baseAddress
      return d2i_TS_RESP(nil, &pointer, buffer.count)
    }
    guard let response = parsed else { throw OpenSSLErrorQueue.error("d2i_TS_RESP") }
    defer { TS_RESP_free(response) }
    guard TS_RESP_verify_response(context, response) == 1 else {
      throw EvidenceError.timestampInvalid(reason: OpenSSLErrorQueue.drain())
    }
    do {
      try trust.checkIntact(carried: TS_RESP_get_token(response)?.pointee.d.sign?.pointee.cert)
    } catch {
      throw EvidenceError.timestampInvalid(reason: "\(error)")
    }
  }

  static func statusText(_ info: OpaquePointer?) -> String {
    guard let info, let texts = TS_STATUS_INFO_get0_text(info) else { return "no status text" }
    var parts: [String] = []
    for i in 0..<OPENSSL_sk_num(texts) {
      guard let raw = OPENSSL_sk_value(texts, i) else { continue }
      let string = raw.assumingMemoryBound(to: ASN1_STRING.self)
      parts.append(
        String(
          decoding: UnsafeBufferPointer(
            start: ASN1_STRING_get0_data(string), count: Int(ASN1_STRING_length(string))),
          as: UTF8.self))
    }
    return parts.isEmpty ? "no status text" : parts.joined(separator: "; ")
  }

  static func integerHex(_ integer: UnsafePointer<ASN1_INTEGER>?) -> String {
    guard let integer, let bn = ASN1_INTEGER_to_BN(integer, nil) else { return "" }
    defer { BN_free(bn) }
    guard let hex = BN_bn2hex(bn) else { return "" }
    defer { CRYPTO_free(hex, #file, #line) }
    return String(cString: hex).lowercased()
  }

  static func oid(_ object: OpaquePointer?) -> String {
    guard let object else { return "" }
    var buffer = [CChar](repeating: 0, count: 128)
    let n = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
    guard n > 0 else { return "" }
    return String(
      decoding: buffer.prefix(Int(min(n, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
