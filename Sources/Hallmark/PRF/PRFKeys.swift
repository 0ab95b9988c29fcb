/// The two AES-128 keys of one scheme's keyed PRF, derived from a key's secret (Spec/prf.md).
///
/// `contextKey` hashes context windows into 64-bit seeds (CBC-MAC); `expandKey` expands a
/// seed into one 32-bit word per vocabulary entry (CTR keystream). Separate keys give domain
/// separation between the two uses; the HKDF `info` string gives it between schemes.
public struct PRFKeys: Sendable, Equatable {
  /// AES-128 key for context hashing.
  public let contextKey: [UInt8]
  /// AES-128 key for expansion.
  public let expandKey: [UInt8]

  /// The HKDF salt of every PRF sub-key.
  public static let salt = Array("hallmark/v1/prf".utf8)

  /// Derives the keys of `domain` (the scheme's name, e.g. "kgw") from a 32-byte secret.
  public init(secret: [UInt8], domain: String) {
    contextKey = HKDF.sha256(
      ikm: secret, salt: Self.salt, info: Array("\(domain)/context".utf8), length: 16)
    expandKey = HKDF.sha256(
      ikm: secret, salt: Self.salt, info: Array("\(domain)/expand".utf8), length: 16)
  }
}
