extension Statistics {
  /// P(Z ≥ z) for Z ~ N(0, 1), in log space: stays exact for z in the thousands, where the
  /// tail is 10⁻²¹⁷⁰⁰⁰ and beyond. For z-scores and for corrections built on them.
  ///
  /// Computed as ½·Q(½, z²/2) for z ≥ 0 and ½·(1 + P(½, z²/2)) for z < 0 (the regularized
  /// incomplete gamma functions of `gammaUpperTail`). z = +∞ gives `PValue.impossible`,
  /// z = −∞ gives p = 1; above z ≈ 1.3e154, where z²/2 overflows, the tail's log overflows
  /// too and the result is `PValue.impossible`. Requires z not NaN.
  public static func normalUpperTail(z: Double) -> PValue {
    require(!z.isNaN, "normalUpperTail", "z is NaN")
    let half = -0.6931471805599453  // ln ½
    let x = z * z / 2
    if x == .infinity { return z > 0 ? .impossible : .one }
    let tails = logGammaTails(atLeast: x, shape: 0.5, caller: "normalUpperTail")
    if z >= 0 { return PValue(naturalLog: half + tails.upper) }
    return PValue(naturalLog: half + PortableMath.logOnePlusExp(tails.lower))
  }
}
