import Hallmark

/// How one token (or one run of tokens that together make whole characters) is shown.
public enum TokenMark: Sendable, Equatable {
  /// Not scored: in the prompt, or without a full context window.
  case unscored
  /// Scored, but its (window, token) tuple already counted earlier in the document.
  case duplicate
  /// Scored and counted. `strength` in [−1, 1] is the score's standardised distance from its
  /// null mean, halved and clipped (z/2): positive is evidence for the watermark ("green"),
  /// negative against ("red"). Binary schemes (KGW, Unigram) give exactly ±1.
  case scored(score: Double, strength: Double)

  /// The mark of one counted score under `null`.
  public static func scored(_ score: Double, null: NullDistribution) -> TokenMark {
    switch null {
    case .binomial(1, _):
      return .scored(score: score, strength: score > 0.5 ? 1 : -1)
    case .binomial(let trials, let p):
      let mean = Double(trials) * p
      let sd = (Double(trials) * p * (1 - p)).squareRoot()
      return .scored(score: score, strength: clip((score - mean) / sd / 2))
    case .gamma:
      return .scored(score: score, strength: clip((score - 1) / 2))
    }
  }

  private static func clip(_ x: Double) -> Double { max(-1, min(1, x)) }
}
