/// Everything that can go wrong while making or checking evidence, each case worded so that
/// its `description` is a complete sentence for a user: it names the file, certificate or
/// step, and the reason.
public enum EvidenceError: Error, Equatable, CustomStringConvertible {
  /// A file could not be read or written (`reason` is the system's explanation).
  case file(path: String, reason: String)
  /// A key file or key bytes could not be used (wrong format, wrong algorithm).
  case invalidKey(source: String, reason: String)
  /// A certificate file or bytes could not be read.
  case invalidCertificate(source: String, reason: String)
  /// The certificate's validity period ended before the time it was checked at.
  case certificateExpired(subject: String, notAfter: String)
  /// The certificate's validity period starts after the time it was checked at.
  case certificateNotYetValid(subject: String, notBefore: String)
  /// The private key is not the one the certificate was issued for.
  case keyDoesNotMatchCertificate(certificate: String, key: String)
  /// The certificate does not chain to a trusted authority, or is unfit for the purpose.
  case certificateNotTrusted(subject: String, reason: String)
  /// A signature does not verify over the content it was checked against.
  case signatureInvalid(reason: String)
  /// A signature file is not in a format this tool reads.
  case signatureMalformed(source: String, reason: String)
  /// The time-stamping authority refused or failed the request, or its answer is unusable.
  case timestampFailed(reason: String)
  /// The time-stamp token does not verify (signature, chain, or the data it covers).
  case timestampInvalid(reason: String)
  /// A bundle could not be written or read as a whole.
  case bundle(path: String, reason: String)
  /// An OpenSSL call failed for a reason not covered above.
  case openssl(operation: String, detail: String)

  public var description: String {
    switch self {
    case .file(let path, let reason):
      return "\(path): \(reason)"
    case .invalidKey(let source, let reason):
      return "key \(source): \(reason)"
    case .invalidCertificate(let source, let reason):
      return "certificate \(source): \(reason)"
    case .certificateExpired(let subject, let notAfter):
      return "certificate \(subject) expired on \(notAfter)"
    case .certificateNotYetValid(let subject, let notBefore):
      return "certificate \(subject) is not valid before \(notBefore)"
    case .keyDoesNotMatchCertificate(let certificate, let key):
      return "private key \(key) does not match certificate \(certificate)"
    case .certificateNotTrusted(let subject, let reason):
      return "certificate \(subject) is not trusted: \(reason)"
    case .signatureInvalid(let reason):
      return "signature does not verify: \(reason)"
    case .signatureMalformed(let source, let reason):
      return "signature \(source) cannot be read: \(reason)"
    case .timestampFailed(let reason):
      return "time-stamping failed: \(reason)"
    case .timestampInvalid(let reason):
      return "time-stamp does not verify: \(reason)"
    case .bundle(let path, let reason):
      return "bundle \(path): \(reason)"
    case .openssl(let operation, let detail):
      return "OpenSSL \(operation) failed: \(detail)"
    }
  }
}
