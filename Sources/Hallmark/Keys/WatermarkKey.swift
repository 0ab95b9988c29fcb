/// A watermark key: a 256-bit secret bound to one scheme with all its parameters and to one
/// vocabulary (and, where known, one tokenizer). The same value embeds and detects.
///
/// The secret never leaves the process: `description` and every report show the key's `id`
/// and `commitment` only (Spec/keys.md).
public struct WatermarkKey: Sendable, Equatable, CustomStringConvertible {
  /// The scheme and its parameters.
  public let scheme: SchemeParameters
  /// The size of the vocabulary the key watermarks; token ids must be below it.
  public let vocabularySize: Int
  /// SHA-256 fingerprint (hex) of the tokenizer the key belongs to, when known.
  public let tokenizerFingerprint: String?
  /// Where a per-account key came from, when it was derived.
  public let derivation: Derivation?
  /// The 32-byte secret. Package-internal: never print, log or serialise it except to a key file.
  package let secret: [UInt8]

  /// How a per-account key was derived from a master key.
  public struct Derivation: Codable, Sendable, Equatable {
    /// The master key's id.
    public let masterId: String
    /// The account identifier (any UTF-8 string).
    public let account: String
  }

  /// The HMAC label of key commitments.
  public static let commitmentLabel = Array("hallmark/v1/commitment".utf8)

  /// A key from its parts; throws when a parameter is out of range.
  package init(
    secret: [UInt8], scheme: SchemeParameters, vocabularySize: Int,
    tokenizerFingerprint: String? = nil, derivation: Derivation? = nil
  ) throws(KeyError) {
    guard secret.count == 32 else { throw .invalidParameter("the secret must be 32 bytes") }
    guard vocabularySize > 0, vocabularySize <= Int(Int32.max) else {
      throw .invalidParameter("vocabularySize must be in 1...\(Int32.max), got \(vocabularySize)")
    }
    try scheme.validate()
    self.secret = secret
    self.scheme = scheme
    self.vocabularySize = vocabularySize
    self.tokenizerFingerprint = tokenizerFingerprint
    self.derivation = derivation
  }

  /// A new key with a fresh random secret from OpenSSL's DRBG.
  public static func generate(
    scheme: SchemeParameters, vocabularySize: Int, tokenizerFingerprint: String? = nil
  ) throws(KeyError) -> WatermarkKey {
    try WatermarkKey(
      secret: SecureRandom.bytes(32), scheme: scheme, vocabularySize: vocabularySize,
      tokenizerFingerprint: tokenizerFingerprint)
  }

  /// The key commitment: HMAC-SHA256(secret, "hallmark/v1/commitment"), hex. It binds the
  /// secret without revealing it; reports carry it instead of the key.
  public var commitment: String {
    Hex.encode(HMACSHA256.mac(key: secret, message: Self.commitmentLabel))
  }

  /// The key id: "hk-" and the first 8 bytes of the commitment in hex.
  public var id: String { "hk-" + commitment.prefix(16) }

  /// The key of `account`, derived from this (master) key with HKDF-SHA256; it keeps the
  /// scheme, vocabulary and tokenizer (Spec/keys.md).
  public func derived(account: String) -> WatermarkKey {
    let secret = HKDF.sha256(
      ikm: secret, salt: Array("hallmark/v1/account".utf8), info: Array(account.utf8), length: 32)
    // Parameters were validated when this key was made.
    return try! WatermarkKey(
      secret: secret, scheme: scheme, vocabularySize: vocabularySize,
      tokenizerFingerprint: tokenizerFingerprint,
      derivation: Derivation(masterId: id, account: account))
  }

  /// The same secret under other scheme parameters (used to sweep parameters in experiments).
  public func with(scheme: SchemeParameters) throws(KeyError) -> WatermarkKey {
    try WatermarkKey(
      secret: secret, scheme: scheme, vocabularySize: vocabularySize,
      tokenizerFingerprint: tokenizerFingerprint, derivation: derivation)
  }

  /// The PRF keys of this key's scheme.
  public var prfKeys: PRFKeys { PRFKeys(secret: secret, domain: scheme.name) }

  public var description: String { "WatermarkKey(\(id), \(scheme.name))" }
}

extension WatermarkKey: CustomReflectable {
  /// Reflection (`dump`, debuggers) shows the public facts only, never the secret.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "id": id, "scheme": scheme, "vocabularySize": vocabularySize,
        "tokenizerFingerprint": tokenizerFingerprint as Any, "derivation": derivation as Any,
      ])
  }
}
