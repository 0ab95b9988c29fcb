import COpenSSL
import Foundation

/// Encoding of a CMS signature file: binary DER (`openssl cms -inform DER`) or PEM text
/// ("BEGIN CMS", `-inform PEM`).
public enum CMSEncoding: String, Sendable, Codable {
  case der
  case pem
}

/// Makes detached CMS (PKCS#7, RFC 5652) SignedData signatures with an X.509 certificate and
/// its private key, as `openssl cms -sign -binary -nodetach`-less signing does: the content
/// is not embedded, the signer's certificate (and any chain given) is, and the content is
/// hashed as raw bytes (`CMS_BINARY`, no MIME canonicalization). The stock command
/// `openssl cms -verify -binary -content report.json -inform DER -in report.sig -CAfile ca.pem`
/// checks the result.
public struct CMSSigner: Sendable {
  /// The signer's certificate.
  public let certificate: X509Certificate
  /// Intermediate certificates embedded alongside the signer's.
  public let chain: [X509Certificate]
  let key: PKey

  /// A signer from PEM bytes.
  /// - Parameters:
  ///   - certificatePEM: the signer's certificate; further certificates in the same text are
  ///     taken as the chain to embed.
  ///   - privateKeyPEM: the unencrypted private key of that certificate.
  ///   - chainPEM: more intermediate certificates to embed, if any.
  ///   - now: the time the certificate must be valid at.
  /// - Throws: `invalidCertificate`, `invalidKey`, `keyDoesNotMatchCertificate`,
  ///   `certificateExpired` or `certificateNotYetValid`, naming the sources.
  public init(
    certificatePEM: [UInt8], privateKeyPEM: [UInt8], chainPEM: [UInt8]? = nil,
    certificateSource: String = "(certificate)", keySource: String = "(private key)",
    now: Date = Date()
  ) throws {
    let certificates = try X509Certificate.all(pem: certificatePEM, source: certificateSource)
    certificate = certificates[0]
    var chain = Array(certificates.dropFirst())
    if let chainPEM { chain += try X509Certificate.all(pem: chainPEM, source: "(chain)") }
    self.chain = chain
    key = try PKey.privateKey(pem: privateKeyPEM, source: keySource)
    if (key.isA("ED25519") || key.isA("ED448")) && !Self.supportsEdDSA {
      throw EvidenceError.invalidKey(
        source: keySource,
        reason:
          "OpenSSL \(Self.opensslVersion) cannot make CMS signatures with \(key.typeName) keys (3.2 and later can); use an RSA or EC certificate, or the Ed25519 signing mode"
      )
    }
    guard X509_check_private_key(certificate.pointer, key.pointer) == 1 else {
      OpenSSLErrorQueue.clear()
      throw EvidenceError.keyDoesNotMatchCertificate(
        certificate: "\(certificateSource) (\(certificate.subject))", key: keySource)
    }
    try certificate.checkValidity(at: now)
  }

  /// A signer from PEM files (certificate, private key, optional chain).
  public init(certificateFile: String, privateKeyFile: String, chainFile: String? = nil) throws {
    try self.init(
      certificatePEM: try FileIO.read(path: certificateFile),
      privateKeyPEM: try FileIO.read(path: privateKeyFile),
      chainPEM: try chainFile.map { try FileIO.read(path: $0) },
      certificateSource: certificateFile, keySource: privateKeyFile)
  }

  /// Whether the linked OpenSSL makes CMS signatures with EdDSA keys (3.2 and later).
  static var supportsEdDSA: Bool { hallmark_openssl_version_number() >= 0x3020_0000 }

  static var opensslVersion: String {
    let v = hallmark_openssl_version_number()
    return "\(v >> 28).\((v >> 20) & 0xFF).\((v >> 4) & 0xFF)"
  }

  /// The detached CMS SignedData over `content`.
  public func sign(_ content: [UInt8], encoding: CMSEncoding = .der) throws -> [UInt8] {
    OpenSSLErrorQueue.clear()
    guard let extra = OPENSSL_sk_new_null() else { throw OpenSSLErrorQueue.error("sk_new") }
    defer { OPENSSL_sk_free(extra) }
    for cert in chain { OPENSSL_sk_push(extra, UnsafeRawPointer(cert.pointer)) }
    let flags = UInt32(CMS_DETACHED | CMS_BINARY)
    let cms = try MemoryBIO.withReadBIO(content) { data in
      CMS_sign(certificate.pointer, key.pointer, extra, data, flags)
    }
    guard let cms else { throw OpenSSLErrorQueue.error("CMS_sign") }
    defer { CMS_ContentInfo_free(cms) }
    return try MemoryBIO.collect { bio in
      let ok: Int32
      switch encoding {
      case .der: ok = i2d_CMS_bio(bio, cms)
      case .pem: ok = PEM_write_bio_CMS(bio, cms)
      }
      guard ok == 1 else { throw OpenSSLErrorQueue.error("writing the CMS signature") }
    }
  }
}
