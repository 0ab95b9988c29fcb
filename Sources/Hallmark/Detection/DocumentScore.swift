/// The test of one token sequence (or one corpus) against a key (Spec/detection.md).
///
/// `score` is the raw statistic over the `scored` tuples, so anyone can recompute `pValue`
/// from (`score`, `scored`, the scheme's parameters) with the null distribution in the Spec.
public struct DocumentScore: Sendable, Equatable, Codable {
  /// Token ids in the input (prompt included).
  public var tokens: Int
  /// Distinct (window, token) tuples that were scored.
  public var scored: Int
  /// Tuples skipped because they were already counted (0 without dedup).
  public var duplicates: Int
  /// Positions not scored: inside the prompt or without a full context window.
  public var unscored: Int
  /// The summed per-token score: green count (KGW), Σ −ln(1−u) (Gumbel), g-value sum (SynthID).
  public var score: Double
  /// The one-sided p-value of `score` under the null.
  public var pValue: PValue
  /// The KGW z-score, (green − γn)/√(nγ(1−γ)), for KGW and Unigram keys; nil otherwise.
  public var z: Double?

  /// An empty result (nothing scored, p = 1).
  public static let empty = DocumentScore(
    tokens: 0, scored: 0, duplicates: 0, unscored: 0, score: 0, pValue: PValue(log10: 0), z: nil)
}
