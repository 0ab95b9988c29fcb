extension Statistics {
  /// The KGW z-score (Kirchenbauer et al. 2023) of `green` green tokens among `scored`:
  /// (green − γ·n) / √(n·γ·(1 − γ)). For familiarity only: the exact p-value is
  /// `binomialUpperTail(atLeast: green, trials: scored, probability: gamma)`.
  ///
  /// `scored = 0` gives 0 (no evidence either way). Requires 0 < γ < 1 and scored ≥ 0.
  public static func kgwZScore(green: Int, scored: Int, gamma: Double) -> Double {
    require(gamma > 0 && gamma < 1, "kgwZScore", "gamma = \(gamma) must be in (0, 1)")
    require(scored >= 0, "kgwZScore", "scored = \(scored) must be ≥ 0")
    if scored == 0 { return 0 }
    let n = Double(scored)
    return (Double(green) - gamma * n) / (n * gamma * (1 - gamma)).squareRoot()
  }
}
