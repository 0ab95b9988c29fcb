import Foundation
import Hallmark
import HallmarkEvidence

/// Negative controls (Spec/evidence.md#negative-controls): the same corpus test run under N
/// keys that are not the watermark key. Their p-values show what the test gives for text that
/// carries no watermark of theirs; if the real key's p-value is far below all of them, the
/// signal belongs to that key and not to the text or the method.
///
/// The control keys are derived, never drawn at random, so that a verifier recomputes them:
/// seed = SHA-256("hallmark/v1/negative-controls" ‖ the SHA-256 of every document, in order);
/// control key i (0-based) = HKDF-SHA256(ikm: seed, salt: "hallmark/v1/negative-control",
/// info: i as 4 bytes big-endian, 32 bytes), with the real key's scheme and vocabulary. The
/// real key's secret takes no part, so the controls reveal nothing about it.
struct NegativeControls {
  /// The seed, hex.
  let seed: String
  /// The controls' corpus tests, in key order.
  let results: [DocumentScore]
  /// α the fraction is counted against.
  let alpha: Double

  static let seedLabel = "hallmark/v1/negative-controls"
  static let keyLabel = "hallmark/v1/negative-control"

  /// The seed from the documents' digests (hex), in input order.
  static func seed(documentDigests: [String]) -> [UInt8] {
    var bytes = Array(seedLabel.utf8)
    for digest in documentDigests { bytes += Array(digest.utf8) }
    return HallmarkEvidence.SHA256.hash(bytes)
  }

  /// Control key `index` for `key`'s scheme.
  static func key(index: Int, seed: [UInt8], like key: WatermarkKey) throws -> WatermarkKey {
    let i = UInt32(index)
    let info = [UInt8(i >> 24), UInt8((i >> 16) & 0xFF), UInt8((i >> 8) & 0xFF), UInt8(i & 0xFF)]
    let secret = HKDF.sha256(ikm: seed, salt: Array(keyLabel.utf8), info: info, length: 32)
    return try WatermarkKey(
      secret: secret, scheme: key.scheme, vocabularySize: key.vocabularySize,
      tokenizerFingerprint: key.tokenizerFingerprint)
  }

  /// Runs `count` controls on `batch` (results do not depend on the thread count).
  static func run(
    count: Int, documentDigests: [String], like key: WatermarkKey, batch: TupleBatch,
    alpha: Double
  ) throws -> NegativeControls {
    let seed = seed(documentDigests: documentDigests)
    let keys = try (0..<count).map { try Self.key(index: $0, seed: seed, like: key) }
    let results = MultiKeyScoring.score(batch: batch, keys: keys)
    return NegativeControls(
      seed: HallmarkEvidence.Hex.string(seed), results: results, alpha: alpha)
  }

  /// Controls whose p-value is below α.
  var belowAlpha: Int { results.filter { $0.pValue.log10 < log10(alpha) }.count }

  /// The method in words.
  static let derivation =
    "control key i = HKDF-SHA256(ikm = seed, salt = \"\(keyLabel)\", info = i as 4 bytes big-endian, 32 bytes); "
    + "seed = SHA-256(\"\(seedLabel)\" followed by the hex SHA-256 of every document in order); same scheme and parameters as the key"
}
