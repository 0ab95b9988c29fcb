import COpenSSL

/// Owns one OpenSSL `EVP_PKEY` (freed on deinit). Immutable after creation, and OpenSSL
/// allows concurrent use of a key for signing and verifying.
final class PKey: @unchecked Sendable {
  let pointer: OpaquePointer

  init(taking pointer: OpaquePointer) { self.pointer = pointer }

  deinit { EVP_PKEY_free(pointer) }

  /// Reads a PEM private key (PKCS#8 "PRIVATE KEY" or a traditional form), unencrypted.
  static func privateKey(pem: [UInt8], source: String) throws -> PKey {
    OpenSSLErrorQueue.clear()
    let key = try MemoryBIO.withReadBIO(pem) { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
    guard let key else {
      throw EvidenceError.invalidKey(
        source: source,
        reason: "not an unencrypted PEM private key (\(OpenSSLErrorQueue.drain()))")
    }
    return PKey(taking: key)
  }

  /// Reads a PEM public key ("PUBLIC KEY", SubjectPublicKeyInfo).
  static func publicKey(pem: [UInt8], source: String) throws -> PKey {
    OpenSSLErrorQueue.clear()
    let key = try MemoryBIO.withReadBIO(pem) { PEM_read_bio_PUBKEY($0, nil, nil, nil) }
    guard let key else {
      throw EvidenceError.invalidKey(
        source: source, reason: "not a PEM public key (\(OpenSSLErrorQueue.drain()))")
    }
    return PKey(taking: key)
  }

  /// True when the key is of the named algorithm ("ED25519", "RSA", "EC", ...).
  func isA(_ name: String) -> Bool { EVP_PKEY_is_a(pointer, name) == 1 }

  /// OpenSSL's name of the key type, for messages.
  var typeName: String {
    guard let name = EVP_PKEY_get0_type_name(pointer) else { return "unknown" }
    return String(cString: name)
  }

  /// PKCS#8 PEM ("BEGIN PRIVATE KEY"), unencrypted.
  func privatePEM() throws -> [UInt8] {
    try MemoryBIO.collect { bio in
      guard PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil) == 1 else {
        throw OpenSSLErrorQueue.error("PEM_write_bio_PrivateKey")
      }
    }
  }

  /// SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY").
  func publicPEM() throws -> [UInt8] {
    try MemoryBIO.collect { bio in
      guard PEM_write_bio_PUBKEY(bio, pointer) == 1 else {
        throw OpenSSLErrorQueue.error("PEM_write_bio_PUBKEY")
      }
    }
  }
}
