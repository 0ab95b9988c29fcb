import COpenSSL

/// An Ed25519 verification key (RFC 8032). Its `keyID` (SHA-256 of the 32 raw bytes) is the
/// fingerprint a report names and a reader compares with the signer's published one.
public struct Ed25519PublicKey: Sendable, Equatable {
  let key: PKey
  /// The 32 raw public-key bytes (RFC 8032 encoding).
  public let raw: [UInt8]

  /// A key from its 32 raw bytes.
  public init(raw: [UInt8]) throws {
    guard raw.count == 32 else {
      throw EvidenceError.invalidKey(
        source: "(raw bytes)", reason: "an Ed25519 public key has 32 bytes, not \(raw.count)")
    }
    guard let pkey = EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, raw, 32) else {
      throw OpenSSLErrorQueue.error("EVP_PKEY_new_raw_public_key_ex")
    }
    key = PKey(taking: pkey)
    self.raw = raw
  }

  /// Reads a PEM public key ("BEGIN PUBLIC KEY", as `openssl pkey -pubout` writes).
  /// - Parameter source: names the key in error messages (usually its path).
  public init(pem: [UInt8], source: String = "(memory)") throws {
    let key = try PKey.publicKey(pem: pem, source: source)
    guard key.isA("ED25519") else {
      throw EvidenceError.invalidKey(
        source: source, reason: "is a \(key.typeName) key, an Ed25519 key is needed")
    }
    var length = 32
    var raw = [UInt8](repeating: 0, count: 32)
    guard EVP_PKEY_get_raw_public_key(key.pointer, &raw, &length) == 1, length == 32 else {
      throw OpenSSLErrorQueue.error("EVP_PKEY_get_raw_public_key")
    }
    self.key = key
    self.raw = raw
  }

  /// Reads the PEM public key file at `path`.
  public init(contentsOf path: String) throws {
    try self.init(pem: try FileIO.read(path: path), source: path)
  }

  public static func == (a: Ed25519PublicKey, b: Ed25519PublicKey) -> Bool { a.raw == b.raw }

  /// SHA-256 of the raw key, 64 hex digits: the key's fingerprint in reports.
  public var keyID: String { SHA256.hex(raw) }

  /// SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY").
  public func pemBytes() throws -> [UInt8] { try key.publicPEM() }

  /// True when `signature` is this key's Ed25519 signature of `message`.
  public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    guard signature.count == 64, let context = EVP_MD_CTX_new() else { return false }
    defer {
      EVP_MD_CTX_free(context)
      OpenSSLErrorQueue.clear()
    }
    guard EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1 else { return false }
    return message.withUnsafeBufferPointer { m in
      EVP_DigestVerify(context, signature, 64, m.baseAddress, m.count) == 1
    }
  }

  /// Checks a signature, throwing `EvidenceError.signatureInvalid` when it does not verify.
  public func verify(_ signature: [UInt8], for message: [UInt8]) throws {
    guard signature.count == 64 else {
      throw EvidenceError.signatureInvalid(
        reason: "an Ed25519 signature has 64 bytes, this one has \(signature.count)")
    }
    guard isValidSignature(signature, for: message) else {
      throw EvidenceError.signatureInvalid(
        reason: "Ed25519 signature does not match the content and the key \(keyID.prefix(16))…")
    }
  }
}
