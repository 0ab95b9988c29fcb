extension Statistics {
  /// P(G ≥ x) for G ~ Gamma(a, 1): the exact one-sided p-value of a sum of a independent
  /// Exp(1) scores, e.g. the Gumbel / exponential-minimum score Σ −ln(1 − u) over `scored`
  /// tokens (a = scored).
  ///
  /// Equals the regularized upper incomplete gamma Q(a, x), computed in log space: the
  /// series for P(a, x) when x < a + 1 (then Q = 1 − P through `log1p`), the continued
  /// fraction for Q otherwise, each times Loader's saddle-point form of x^a e^(−x) / Γ(a+1).
  /// Relative error of `log10` about 1e-12 for a up to 10⁸.
  ///
  /// - x ≤ 0 gives p = 1; x = +∞ gives `PValue.impossible`.
  /// - a = 0 is the point mass at 0 (a sum of no scores): p = 1 for x ≤ 0, impossible above.
  /// - Requires a ≥ 0 (finite) and x not NaN.
  public static func gammaUpperTail(atLeast x: Double, shape a: Double) -> PValue {
    PValue(naturalLog: logGammaTails(atLeast: x, shape: a).upper)
  }

  /// P(G ≤ x) for G ~ Gamma(a, 1): the regularized lower incomplete gamma P(a, x).
  public static func gammaLowerTail(atMost x: Double, shape a: Double) -> PValue {
    PValue(naturalLog: logGammaTails(atLeast: x, shape: a, caller: "gammaLowerTail").lower)
  }

  /// Natural logs of Q(a, x) (`upper`) and P(a, x) (`lower`).
  static func logGammaTails(
    atLeast x: Double, shape a: Double, caller: StaticString = "gammaUpperTail"
  ) -> (upper: Double, lower: Double) {
    require(a >= 0 && a.isFinite, caller, "shape a = \(a) must be finite and ≥ 0")
    require(!x.isNaN, caller, "x is NaN")
    if x <= 0 { return (0, -.infinity) }
    if x == .infinity || a == 0 { return (-.infinity, 0) }
    // ln[x^a e^(−x) / Γ(a + 1)]
    let logDensity = SaddlePointTerms.logPoissonProbability(a, mean: x)
    if x < a + 1 {
      let lower = logDensity + PortableMath.log(IncompleteGamma.series(a: a, x: x))
      return (PortableMath.logOneMinusExp(lower), min(lower, 0))
    }
    let upper =
      PortableMath.log(a) + logDensity
      + PortableMath.log(IncompleteGamma.continuedFraction(a: a, x: x))
    return (min(upper, 0), PortableMath.logOneMinusExp(upper))
  }
}
