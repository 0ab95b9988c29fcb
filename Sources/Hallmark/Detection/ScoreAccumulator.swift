/// Sums per-tuple scores in order and produces the `DocumentScore` (Spec/detection.md).
///
/// Summation is sequential in token order, so the same input gives bit-identical results.
public struct ScoreAccumulator: Sendable {
  /// The null distribution of one scored tuple.
  public let null: NullDistribution
  private let greenFraction: Double?
  /// Token ids seen (prompt included).
  public var tokens = 0
  /// Tuples counted.
  public private(set) var scored = 0
  /// Tuples skipped as repeats.
  public var duplicates = 0
  /// Positions without a full window or in a prompt.
  public var unscored = 0
  /// The running sum.
  public private(set) var score: Double = 0

  /// An empty accumulator for a scheme.
  public init(null: NullDistribution, scheme: SchemeParameters) {
    self.null = null
    if case .binomial(1, let p) = null, scheme.name == "kgw" || scheme.name == "unigram" {
      greenFraction = p
    } else {
      greenFraction = nil
    }
  }

  /// Counts one tuple's score.
  @inline(__always) public mutating func add(_ value: Double) {
    scored += 1
    score += value
  }

  /// The aggregated test.
  public var result: DocumentScore {
    DocumentScore(
      tokens: tokens, scored: scored, duplicates: duplicates, unscored: unscored, score: score,
      pValue: null.pValue(score: score, scored: scored),
      z: greenFraction.map {
        scored > 0 ? Statistics.kgwZScore(green: Int(score), scored: scored, gamma: $0) : 0
      })
  }
}
