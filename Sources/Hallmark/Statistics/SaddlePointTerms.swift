/// The two terms of Loader's saddle-point form of binomial and Poisson probabilities
/// (C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000), which keep
/// full relative accuracy where the textbook form `lgamma(n+1) − lgamma(k+1) − …` loses it
/// to cancellation (at n = 10⁹ that form is off by 10⁻⁵ in the logarithm).
enum SaddlePointTerms {
  /// stirlingError(x) at x = 0.5, 1, 1.5, …, 15 (index 2x − 1), to the nearest double.
  private static let halfIntegerTable: [Double] = [
    0.15342640972002736, 0.08106146679532726, 0.05481412105191765, 0.0413406959554093,
    0.03316287351993629, 0.02767792568499834, 0.023746163656297496, 0.020790672103765093,
    0.018488450532673187, 0.016644691189821193, 0.015134973221917378, 0.013876128823070748,
    0.012810465242920227, 0.01189670994589177, 0.011104559758206917, 0.010411265261972096,
    0.009799416126158804, 0.009255462182712733, 0.008768700134139386, 0.00833056343336287,
    0.00793411456431402, 0.007573675487951841, 0.007244554301320383, 0.00694284010720953,
    0.006665247032707682, 0.006408994188004207, 0.006171712263039458, 0.0059513701127588475,
    0.0057462165130101155, 0.005554733551962801,
  ]

  /// Stirling's error: ln Γ(x + 1) − [(x + ½)·ln x − x + ln √(2π)], for x > 0.
  static func stirlingError(_ x: Double) -> Double {
    if x > 15 { return PortableMath.stirlingSeries(x) }
    let twice = 2 * x
    if twice == twice.rounded(.towardZero) && twice >= 1 {
      return halfIntegerTable[Int(twice) - 1]
    }
    return PortableMath.logGamma(x) - (x - 0.5) * PortableMath.log(x) + x
      - PortableMath.lnSqrt2Pi
  }

  /// The deviance term x·ln(x / m) + m − x ≥ 0 for x ≥ 0, m > 0, computed without
  /// cancellation when x is close to m. The mean may be given exactly as a pair
  /// m + mLow: where x is close to m the result moves by (x − m)·δm when m moves by δm,
  /// which at n = 10⁹ is 10⁻¹² for a rounded n·p.
  static func deviance(_ x: Double, _ m: Double, _ mLow: Double = 0) -> Double {
    if x == 0 { return m + mLow }
    let d = (x - m) - mLow  // x − m is exact where it matters (x within 10% of m)
    if abs(d) < 0.1 * (x + m) {
      // x·ln(x/m) + m − x = d·v + 2x·Σ_{j≥1} v^(2j+1)/(2j+1), v = d / (x + m).
      var v = d / (x + m)
      var sum = d * v
      var term = 2 * x * v
      v *= v
      var j = 3.0
      while true {
        term *= v
        let next = sum + term / j
        if next == sum { return next }
        sum = next
        j += 2
      }
    }
    return x * PortableMath.log(x / m) + ((m - x) + mLow)
  }

  /// ln P(X = x) for X ~ Bin(n, p), 0 ≤ x ≤ n, 0 < p < 1.
  static func logBinomialProbability(_ x: Int, _ n: Int, _ p: Double) -> Double {
    if x == 0 { return Double(n) * PortableMath.log1p(-p) }
    if x == n { return Double(n) * PortableMath.log(p) }
    let xd = Double(x)
    let nd = Double(n)
    let rest = nd - xd
    // The means n·p and n·(1 − p) as exact pairs (1 − p itself rounds for p < ½).
    let np = ExactArithmetic.twoProduct(nd, p)
    let nq = ExactArithmetic.product(nd, ExactArithmetic.oneMinus(p))
    let core =
      stirlingError(nd) - stirlingError(xd) - stirlingError(rest) - deviance(xd, np.hi, np.lo)
      - deviance(rest, nq.hi, nq.lo)
    let logScale = PortableMath.ln2Pi + PortableMath.log(xd) + PortableMath.log1p(-xd / nd)
    return core - 0.5 * logScale
  }

  /// ln[λ^x e^(−λ) / Γ(x + 1)] for real x > 0, λ ≥ 0: the Poisson probability extended to
  /// real x, which is also the Gamma(x + 1, 1) density at λ.
  static func logPoissonProbability(_ x: Double, mean lambda: Double) -> Double {
    -stirlingError(x) - deviance(x, lambda) - 0.5 * (PortableMath.ln2Pi + PortableMath.log(x))
  }
}
