extension Statistics {
  /// P(χ²_k ≥ s), the upper tail of the chi-square distribution with k degrees of freedom:
  /// Q(k/2, s/2). Used by goodness-of-fit tests (distortion-freeness) and by
  /// `fisherCombination`. s ≤ 0 gives p = 1. Requires k ≥ 1 and s not NaN.
  public static func chiSquareUpperTail(statistic s: Double, degreesOfFreedom k: Int) -> PValue {
    require(k >= 1, "chiSquareUpperTail", "degreesOfFreedom = \(k) must be ≥ 1")
    require(!s.isNaN, "chiSquareUpperTail", "statistic is NaN")
    return gammaUpperTail(atLeast: s / 2, shape: Double(k) / 2)
  }
}
