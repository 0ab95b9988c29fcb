/// The null distribution of a scheme's per-token score, which turns a document's summed
/// score into an exact p-value (Spec/statistics.md).
public enum NullDistribution: Sendable, Equatable {
  /// Each scored token adds a Binomial(`trialsPerToken`, `probability`) count: KGW and Unigram
  /// (one trial, p = γ as realised by the PRF threshold), SynthID (m trials, p = 1/2).
  case binomial(trialsPerToken: Int, probability: Double)
  /// Each scored token adds an Exp(1) score, so n tokens sum to Gamma(n, 1): Gumbel.
  case gamma

  /// The one-sided p-value of a summed `score` over `scored` tokens (1 when nothing is scored).
  public func pValue(score: Double, scored: Int) -> PValue {
    // Nothing scored is no evidence: p = 1.
    guard scored > 0 else { return PValue(log10: 0) }
    switch self {
    case .binomial(let trials, let p):
      return Statistics.binomialUpperTail(
        atLeast: Int(score.rounded()), trials: scored * trials, probability: p)
    case .gamma:
      return Statistics.gammaUpperTail(atLeast: score, shape: Double(scored))
    }
  }

  /// The expected score per scored token under the null.
  public var meanPerToken: Double {
    switch self {
    case .binomial(let trials, let p): Double(trials) * p
    case .gamma: 1
    }
  }
}

/// The detection side of a scheme: a per-token statistic with a known null distribution.
///
/// `score` is batched over many positions of one token sequence, which is what lets the PRF
/// run one OpenSSL call for many tokens. One scorer serves one thread.
public protocol Scorer: AnyObject {
  /// The scheme and parameters this scorer tests for.
  var scheme: SchemeParameters { get }
  /// The null distribution of one scored token's score.
  var null: NullDistribution { get }

  /// For the p-th position `i` of `positions` (every `i >= scheme.contextWidth`): the score of
  /// `tokens[i]` given the window `tokens[i-h ..< i]`, into `scores[p]`, and the window's
  /// LeftHash seed, the identity used by dedup, into `windowSeeds[p]`.
  func score(
    tokens: UnsafeBufferPointer<Int32>, positions: Positions,
    windowSeeds: UnsafeMutablePointer<UInt64>, scores: UnsafeMutablePointer<Double>)
}
