/// Per-position scores of one token sequence before aggregation: what `explain` colours, and
/// what the document and corpus aggregations count (with their own dedup sets).
public struct ScoredTokens: Sendable {
  /// The token ids of the sequence.
  public let tokens: [Int32]
  /// The first scored position: max(prompt length, context width).
  public let firstPosition: Int
  /// The window seed (dedup identity) of each scored position, from `firstPosition` on.
  public let windowSeeds: [UInt64]
  /// The score of each scored position, from `firstPosition` on.
  public let scores: [Double]

  /// The score of position `i`, or nil when `i` is not scored.
  public func score(at i: Int) -> Double? {
    i >= firstPosition && i < tokens.count ? scores[i - firstPosition] : nil
  }
}
