import COpenSSL
import Foundation

/// What a verified CMS signature says about who signed.
public struct CMSVerification: Sendable {
  /// The signers' certificates (one for signatures this tool makes).
  public let signers: [X509Certificate]
  /// The signing time the signer claimed in its signed attributes, if present. It is the
  /// signer's own clock; an RFC 3161 time-stamp is the independent time.
  public let claimedSigningTime: Date?
  /// True when each signer's certificate chain was checked against trusted certificates;
  /// false when the verifier had none (only the signature over the content was checked).
  public let chainVerified: Bool
}

/// Checks detached CMS (PKCS#7) SignedData signatures, as `openssl cms -verify -binary` does,
/// in two steps so that a failure says which part failed: first the signature over the
/// content, then each signer's certificate chain against the trusted certificates.
public struct CMSVerifier: Sendable {
  /// The certificates chains must end in; nil checks the signature over the content only
  /// (the result then says `chainVerified == false`).
  public let trust: X509TrustStore?

  public init(trust: X509TrustStore?) { self.trust = trust }

  /// Verifies `signature` (DER or PEM, detected) over `content`.
  /// - Parameters:
  ///   - time: when to check certificate validity; nil means now. Pass a trusted time-stamp's
  ///     time to check a signature made before the certificate expired.
  ///   - source: names the signature in errors.
  /// - Throws: `signatureMalformed`, `signatureInvalid`, `certificateExpired`,
  ///   `certificateNotYetValid` or `certificateNotTrusted`.
  public func verify(
    signature: [UInt8], content: [UInt8], at time: Date? = nil, source: String = "(signature)"
  ) throws -> CMSVerification {
    OpenSSLErrorQueue.clear()
    let isPEM = signature.starts(with: Array("-----BEGIN".utf8))
    let parsed = try MemoryBIO.withReadBIO(signature) { bio in
      isPEM ? PEM_read_bio_CMS(bio, nil, nil, nil) : d2i_CMS_bio(bio, nil)
    }
    guard let cms = parsed else {
      throw EvidenceError.signatureMalformed(
        source: source,
        reason: "not a \(isPEM ? "PEM" : "DER") CMS structure (\(OpenSSLErrorQueue.drain()))")
    }
    defer { CMS_ContentInfo_free(cms) }
    guard OBJ_obj2nid(CMS_get0_type(cms)) == NID_pkcs7_signed else {
      throw EvidenceError.signatureMalformed(source: source, reason: "not CMS SignedData")
    }
    guard CMS_is_detached(cms) == 1 else {
      throw EvidenceError.signatureMalformed(
        source: source, reason: "the content is embedded; a detached signature is expected")
    }

    // Step 1: the signature and content digest only.
    let flags = UInt32(CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY)
    let ok = try MemoryBIO.withReadBIO(content) { data in
      CMS_verify(cms, nil, trust?.pointer, data, nil, flags)
    }
    guard ok == 1 else {
      throw EvidenceError.signatureInvalid(reason: "CMS: \(OpenSSLErrorQueue.drain())")
    }

    // Step 2: each signer's chain, with the certificates the signature carries as
    // untrusted intermediates, for S/MIME signing as the openssl command checks.
    guard let signerStack = CMS_get0_signers(cms) else {
      throw OpenSSLErrorQueue.error("CMS_get0_signers")
    }
    defer { OPENSSL_sk_free(signerStack) }
    let carried = CMS_get1_certs(cms)
    defer {
      if let carried {
        OPENSSL_sk_pop_free(carried) { X509_free(OpaquePointer($0)) }
      }
    }
    var signers: [X509Certificate] = []
    for i in 0..<OPENSSL_sk_num(signerStack) {
      guard let raw = OPENSSL_sk_value(signerStack, i) else { continue }
      let signer = X509Certificate(retaining: OpaquePointer(raw))
      try trust?.verifyChain(
        leaf: signer, untrusted: carried, purpose: X509_PURPOSE_SMIME_SIGN, at: time)
      signers.append(signer)
    }
    guard !signers.isEmpty else {
      throw EvidenceError.signatureInvalid(reason: "CMS signature names no signer")
    }
    return CMSVerification(
      signers: signers, claimedSigningTime: signingTime(cms), chainVerified: trust != nil)
  }

  /// The signingTime signed attribute of the first signer, if any.
  func signingTime(_ cms: OpaquePointer) -> Date? {
    guard let infos = CMS_get0_SignerInfos(cms), OPENSSL_sk_num(infos) > 0,
      let info = OPENSSL_sk_value(infos, 0)
    else { return nil }
    let index = CMS_signed_get_attr_by_NID(OpaquePointer(info), NID_pkcs9_signingTime, -1)
    guard index >= 0, let attribute = CMS_signed_get_attr(OpaquePointer(info), index),
      let type = X509_ATTRIBUTE_get0_type(attribute, 0)
    else { return nil }
    guard type.pointee.type == V_ASN1_UTCTIME || type.pointee.type == V_ASN1_GENERALIZEDTIME
    else { return nil }
    return ASN1Time.date(UnsafePointer(type.pointee.value.utctime))
  }
}
