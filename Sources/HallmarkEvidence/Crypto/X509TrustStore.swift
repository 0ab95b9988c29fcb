import COpenSSL
import Foundation

/// The certificates a verifier trusts (the `-CAfile` of the openssl commands): roots and,
/// where given, intermediates. Chains must end in one of them.
public final class X509TrustStore: @unchecked Sendable {
  let pointer: OpaquePointer
  /// The trusted certificates, in file order.
  public let certificates: [X509Certificate]

  /// A store with every certificate in PEM text.
  public init(pem: [UInt8], source: String = "(memory)") throws {
    certificates = try X509Certificate.all(pem: pem, source: source)
    guard let store = X509_STORE_new() else { throw OpenSSLErrorQueue.error("X509_STORE_new") }
    pointer = store
    for cert in certificates where X509_STORE_add_cert(store, cert.pointer) != 1 {
      throw EvidenceError.invalidCertificate(source: source, reason: OpenSSLErrorQueue.drain())
    }
  }

  /// A store with every certificate in the PEM file at `path` (a CA file).
  public convenience init(contentsOf path: String) throws {
    try self.init(pem: try FileIO.read(path: path), source: path)
  }

  deinit { X509_STORE_free(pointer) }

  /// Verifies the chain from `leaf` through `untrusted` intermediates to a trusted
  /// certificate, for `purpose` (an `X509_PURPOSE_*` value), at `time` (now when nil).
  /// - Throws: `certificateExpired`, `certificateNotYetValid` or `certificateNotTrusted`,
  ///   naming the certificate at fault and OpenSSL's reason.
  func verifyChain(
    leaf: X509Certificate, untrusted: OpaquePointer?, purpose: Int32, at time: Date?
  ) throws {
    guard let context = X509_STORE_CTX_new() else {
      throw OpenSSLErrorQueue.error("X509_STORE_CTX_new")
    }
    defer { X509_STORE_CTX_free(context) }
    guard X509_STORE_CTX_init(context, pointer, leaf.pointer, untrusted) == 1 else {
      throw OpenSSLErrorQueue.error("X509_STORE_CTX_init")
    }
    _ = X509_STORE_CTX_set_purpose(context, purpose)
    if let time { X509_STORE_CTX_set_time(context, 0, time_t(time.timeIntervalSince1970)) }
    if X509_verify_cert(context) == 1 {
      OpenSSLErrorQueue.clear()
      return
    }
    OpenSSLErrorQueue.clear()
    let code = X509_STORE_CTX_get_error(context)
    let reason = String(cString: X509_verify_cert_error_string(Int(code)))
    let atFault = X509_STORE_CTX_get_current_cert(context).map {
      X509Certificate(retaining: $0)
    }
    let subject = atFault?.subject ?? leaf.subject
    switch code {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      throw EvidenceError.certificateExpired(
        subject: subject, notAfter: (atFault?.notAfter).map(ASN1Time.iso8601) ?? "?")
    case X509_V_ERR_CERT_NOT_YET_VALID:
      throw EvidenceError.certificateNotYetValid(
        subject: subject, notBefore: (atFault?.notBefore).map(ASN1Time.iso8601) ?? "?")
    default:
      throw EvidenceError.certificateNotTrusted(subject: subject, reason: reason)
    }
  }

  /// Checks that each certificate a signature carries (an unsigned part of CMS and of a
  /// time-stamp token) is either a byte-identical copy of a trusted certificate or chains to
  /// the trusted certificates (validity dates aside: the main check judges time). OpenSSL
  /// ignores carried certificates it does not need, so without this a damaged copy of, say,
  /// the root would go unnoticed, and a changed byte anywhere in a bundle should be noticed.
  /// - Throws: `EvidenceError.certificateNotTrusted` naming the certificate.
  func checkIntact(carried stack: OpaquePointer?) throws {
    guard let stack else { return }
    let trusted = Set(certificates.map(\.derBytes))
    for i in 0..<OPENSSL_sk_num(stack) {
      guard let raw = OPENSSL_sk_value(stack, i) else { continue }
      let cert = X509Certificate(retaining: OpaquePointer(raw))
      if trusted.contains(cert.derBytes) { continue }
      guard let context = X509_STORE_CTX_new() else {
        throw OpenSSLErrorQueue.error("X509_STORE_CTX_new")
      }
      defer { X509_STORE_CTX_free(context) }
      guard X509_STORE_CTX_init(context, pointer, cert.pointer, stack) == 1 else {
        throw OpenSSLErrorQueue.error("X509_STORE_CTX_init")
      }
      X509_STORE_CTX_set_flags(context, UInt(X509_V_FLAG_NO_CHECK_TIME))
      let ok = X509_verify_cert(context) == 1
      OpenSSLErrorQueue.clear()
      if !ok {
        let reason = String(
          cString: X509_verify_cert_error_string(Int(X509_STORE_CTX_get_error(context))))
        throw EvidenceError.certificateNotTrusted(
          subject: cert.subject,
          reason:
            "the signature carries this certificate, but it does not chain to the trusted certificates (\(reason))"
        )
      }
    }
  }
}
