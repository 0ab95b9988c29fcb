import Hallmark

/// Negative controls: keys that were never used to watermark anything, with the tested key's
/// scheme, parameters and vocabulary (Spec/radioactivity.md#controls).
///
/// Control key i has the secret HKDF-SHA256(ikm: seed as 8 bytes little-endian, salt:
/// "hallmark/v1/radioactivity-control", info: i as decimal text). They are fixed by the seed,
/// so a report can be recomputed exactly, and independent of the tested key's secret.
public enum ControlKeys {
  /// The HKDF salt of control keys.
  public static let salt = Array("hallmark/v1/radioactivity-control".utf8)

  /// `count` control keys for `key`'s scheme, from `seed`.
  public static func make(count: Int, like key: WatermarkKey, seed: UInt64 = 0) -> [WatermarkKey] {
    let ikm = (0..<8).map { UInt8(truncatingIfNeeded: seed >> (8 * UInt64($0))) }
    return (0..<max(0, count)).map { i in
      let secret = HKDF.sha256(ikm: ikm, salt: salt, info: Array(String(i).utf8), length: 32)
      // The scheme and vocabulary come from a valid key, so they are valid.
      return try! WatermarkKey(
        secret: secret, scheme: key.scheme, vocabularySize: key.vocabularySize,
        tokenizerFingerprint: key.tokenizerFingerprint)
    }
  }
}
