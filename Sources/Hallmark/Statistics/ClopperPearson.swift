extension Statistics {
  /// The Clopper–Pearson ("exact") two-sided confidence interval for a binomial
  /// proportion after `x` successes in `n` trials (Clopper and Pearson 1934).
  ///
  /// The lower bound L solves P(X ≥ x | L) = α/2 (L = 0 when x = 0), the upper bound U
  /// solves P(X ≤ x | U) = α/2 (U = 1 when x = n), with α = 1 − confidence; these are the
  /// α/2 quantile of Beta(x, n − x + 1) and the 1 − α/2 quantile of Beta(x + 1, n − x).
  /// Found by bisection over the ordered doubles in [0, 1] on the exact tails, rounded
  /// outward (the interval never undercovers from rounding). Used by calibration tests.
  ///
  /// Requires 0 ≤ x ≤ n, n ≥ 1 and 0 < confidence < 1.
  public static func clopperPearson(successes x: Int, trials n: Int, confidence: Double = 0.95)
    -> ClosedRange<Double>
  {
    require(n >= 1, "clopperPearson", "trials = \(n) must be ≥ 1")
    require(x >= 0 && x <= n, "clopperPearson", "successes = \(x) must be in 0...\(n)")
    require(
      confidence > 0 && confidence < 1, "clopperPearson",
      "confidence = \(confidence) must be in (0, 1)")
    let logHalfAlpha = PortableMath.log((1 - confidence) / 2)
    // ln P(X ≥ j | p), increasing in p, and ln P(X ≤ j − 1 | p), decreasing.
    func logTails(_ j: Int, _ p: Double) -> (upper: Double, lower: Double) {
      logBinomialTails(atLeast: j, trials: n, probability: p, caller: "clopperPearson")
    }
    // Largest p with P(X ≥ x | p) ≤ α/2.
    let lower = x == 0 ? 0 : bisect { logTails(x, $0).upper <= logHalfAlpha }.low
    // Smallest p with P(X ≤ x | p) ≤ α/2.
    let upper = x == n ? 1 : bisect { logTails(x + 1, $0).lower > logHalfAlpha }.high
    return lower...upper
  }

  /// Adjacent doubles `low < high` in [0, 1] with `isBelow(low)` true and `isBelow(high)`
  /// false, for a predicate true at 0, false at 1 and monotone in between. Bisects the bit
  /// patterns, which order non-negative doubles, so it ends in at most 63 steps.
  static func bisect(_ isBelow: (Double) -> Bool) -> (low: Double, high: Double) {
    var low = (0.0).bitPattern
    var high = (1.0).bitPattern
    while high - low > 1 {
      let mid = low + (high - low) / 2
      if isBelow(Double(bitPattern: mid)) { low = mid } else { high = mid }
    }
    return (Double(bitPattern: low), Double(bitPattern: high))
  }
}
