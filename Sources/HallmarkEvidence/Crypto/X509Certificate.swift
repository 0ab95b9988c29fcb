import COpenSSL
import Foundation

/// An X.509 certificate held by OpenSSL: the signer of a CMS signature, a time-stamping
/// authority, or a trusted root. Exposes what a report and a reader need to identify it.
public struct X509Certificate: Sendable {
  final class Handle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(taking pointer: OpaquePointer) { self.pointer = pointer }
    /// Takes a new reference on a certificate owned elsewhere.
    init(retaining pointer: OpaquePointer) {
      X509_up_ref(pointer)
      self.pointer = pointer
    }
    deinit { X509_free(pointer) }
  }
  let handle: Handle
  var pointer: OpaquePointer { handle.pointer }

  init(retaining pointer: OpaquePointer) { handle = Handle(retaining: pointer) }

  /// Every certificate in PEM text (one or more "BEGIN CERTIFICATE" blocks), in order.
  /// - Throws: `EvidenceError.invalidCertificate` when there is none or one is damaged.
  public static func all(pem: [UInt8], source: String = "(memory)") throws -> [X509Certificate] {
    OpenSSLErrorQueue.clear()
    var out: [X509Certificate] = []
    try MemoryBIO.withReadBIO(pem) { bio in
      while let cert = PEM_read_bio_X509(bio, nil, nil, nil) {
        out.append(X509Certificate(handle: Handle(taking: cert)))
      }
    }
    // Reading stops with "no start line" at the end of input; anything else is damage.
    let leftover = OpenSSLErrorQueue.drain()
    guard !out.isEmpty else {
      throw EvidenceError.invalidCertificate(
        source: source, reason: "no PEM certificate found (\(leftover))")
    }
    if leftover != "no detail" && !leftover.contains("no start line") {
      throw EvidenceError.invalidCertificate(source: source, reason: leftover)
    }
    return out
  }

  init(handle: Handle) { self.handle = handle }

  /// The first certificate in PEM text.
  public init(pem: [UInt8], source: String = "(memory)") throws {
    self = try Self.all(pem: pem, source: source)[0]
  }

  /// The first certificate in the PEM file at `path`.
  public init(contentsOf path: String) throws {
    try self.init(pem: try FileIO.read(path: path), source: path)
  }

  /// Subject as an RFC 2253 string, e.g. `CN=Example Signer,O=Example`.
  public var subject: String { Self.name(X509_get_subject_name(pointer)) }

  /// Issuer as an RFC 2253 string.
  public var issuer: String { Self.name(X509_get_issuer_name(pointer)) }

  /// Start of the validity period.
  public var notBefore: Date? { ASN1Time.date(X509_get0_notBefore(pointer)) }

  /// End of the validity period.
  public var notAfter: Date? { ASN1Time.date(X509_get0_notAfter(pointer)) }

  /// Serial number in hex.
  public var serialNumberHex: String {
    guard let serial = X509_get0_serialNumber(pointer),
      let bn = ASN1_INTEGER_to_BN(serial, nil)
    else { return "" }
    defer { BN_free(bn) }
    guard let hex = BN_bn2hex(bn) else { return "" }
    defer { CRYPTO_free(hex, #file, #line) }
    return String(cString: hex).lowercased()
  }

  /// The DER encoding.
  public var derBytes: [UInt8] {
    var out: UnsafeMutablePointer<UInt8>? = nil
    let length = i2d_X509(pointer, &out)
    guard length > 0, let out else { return [] }
    defer { CRYPTO_free(out, #file, #line) }
    return Array(UnsafeBufferPointer(start: out, count: Int(length)))
  }

  /// SHA-256 of the DER encoding in hex: the fingerprint `openssl x509 -fingerprint -sha256`
  /// prints (without the colons).
  public var sha256Fingerprint: String { SHA256.hex(derBytes) }

  /// PEM text of this certificate.
  public func pemBytes() throws -> [UInt8] {
    try MemoryBIO.collect { bio in
      guard PEM_write_bio_X509(bio, pointer) == 1 else {
        throw OpenSSLErrorQueue.error("PEM_write_bio_X509")
      }
    }
  }

  /// Throws `certificateExpired` or `certificateNotYetValid` when `date` lies outside the
  /// validity period.
  public func checkValidity(at date: Date = Date()) throws {
    if let notAfter, date > notAfter {
      throw EvidenceError.certificateExpired(subject: subject, notAfter: ASN1Time.iso8601(notAfter))
    }
    if let notBefore, date < notBefore {
      throw EvidenceError.certificateNotYetValid(
        subject: subject, notBefore: ASN1Time.iso8601(notBefore))
    }
  }

  /// `XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB` (macros Swift does not import): RFC 2253
  /// order and escaping, with non-ASCII characters kept as UTF-8 rather than escaped.
  static let rfc2253UTF8Flags: UInt = 0x0111_0313

  static func name(_ name: OpaquePointer?) -> String {
    guard let name else { return "" }
    let bytes =
      (try? MemoryBIO.collect { bio in
        _ = X509_NAME_print_ex(bio, name, 0, rfc2253UTF8Flags)
      }) ?? []
    return String(decoding: bytes, as: UTF8.self)
  }
}
