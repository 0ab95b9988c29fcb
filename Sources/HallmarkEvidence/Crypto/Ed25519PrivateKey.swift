import COpenSSL

/// An Ed25519 signing key (RFC 8032) held by OpenSSL. `hallmark signing-key new` makes one;
/// it signs `report.json` in the Ed25519 mode of an evidence bundle. Signatures are
/// deterministic: the same key and bytes always give the same 64-byte signature.
public struct Ed25519PrivateKey: Sendable {
  let key: PKey

  /// A new random key from OpenSSL's CSPRNG.
  public static func generate() throws -> Ed25519PrivateKey {
    guard let context = EVP_PKEY_CTX_new_from_name(nil, "ED25519", nil) else {
      throw OpenSSLErrorQueue.error("EVP_PKEY_CTX_new_from_name(ED25519)")
    }
    defer { EVP_PKEY_CTX_free(context) }
    var pkey: OpaquePointer? = nil
    guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_generate(context, &pkey) == 1, let pkey
    else { throw OpenSSLErrorQueue.error("Ed25519 key generation") }
    return Ed25519PrivateKey(key: PKey(taking: pkey))
  }

  /// Reads a PKCS#8 PEM private key (as `openssl genpkey -algorithm ed25519` writes).
  /// - Parameter source: names the key in error messages (usually its path).
  public init(pem: [UInt8], source: String = "(memory)") throws {
    let key = try PKey.privateKey(pem: pem, source: source)
    guard key.isA("ED25519") else {
      throw EvidenceError.invalidKey(
        source: source, reason: "is a \(key.typeName) key, an Ed25519 key is needed")
    }
    self.key = key
  }

  /// Reads the PEM private key file at `path`.
  public init(contentsOf path: String) throws {
    try self.init(pem: try FileIO.read(path: path), source: path)
  }

  init(key: PKey) { self.key = key }

  /// The matching public key.
  public var publicKey: Ed25519PublicKey {
    get throws {
      var length = 32
      var raw = [UInt8](repeating: 0, count: 32)
      guard EVP_PKEY_get_raw_public_key(key.pointer, &raw, &length) == 1, length == 32 else {
        throw OpenSSLErrorQueue.error("EVP_PKEY_get_raw_public_key")
      }
      return try Ed25519PublicKey(raw: raw)
    }
  }

  /// PKCS#8 PEM ("BEGIN PRIVATE KEY"), unencrypted: keep it private (mode 0600).
  public func pemBytes() throws -> [UInt8] { try key.privatePEM() }

  /// The 64-byte Ed25519 signature of `message` (pure Ed25519, no pre-hash), the same bytes
  /// `openssl pkeyutl -sign -rawin` produces.
  public func sign(_ message: [UInt8]) throws -> [UInt8] {
    guard let context = EVP_MD_CTX_new() else { throw OpenSSLErrorQueue.error("EVP_MD_CTX_new") }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestSignInit(context, nil, nil, nil, key.pointer) == 1 else {
      throw OpenSSLErrorQueue.error("EVP_DigestSignInit")
    }
    var signature = [UInt8](repeating: 0, count: 64)
    var length = 64
    let ok = message.withUnsafeBufferPointer { m in
      EVP_DigestSign(context, &signature, &length, m.baseAddress, m.count)
    }
    guard ok == 1, length == 64 else { throw OpenSSLErrorQueue.error("EVP_DigestSign") }
    return signature
  }
}
