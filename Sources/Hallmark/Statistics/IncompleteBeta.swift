/// The continued fraction of the regularized incomplete beta function (Numerical Recipes
/// §6.4, evaluated with the modified Lentz method).
enum IncompleteBeta {
  /// Relative change below which the continued fraction has converged.
  static let tolerance = Double.ulpOfOne
  /// An upper bound on iterations; convergence needs O(√max(a, b)) of them.
  static let maxIterations = 100_000_000
  private static let tiny = 1e-300

  /// K(a, b, x) with I_x(a, b) = x^a (1 − x)^b / (a·B(a, b)) · K(a, b, x), for the exact
  /// argument x + xLow (so that x = 1 − p can be passed without its rounding error).
  ///
  /// Converges quickly for x < (a + 1) / (a + b + 2); callers use the symmetry
  /// I_x(a, b) = 1 − I_{1−x}(b, a) otherwise. For integer b it terminates after b steps.
  /// Near that boundary the first denominator 1 − (a + b)·x / (a + 1) cancels to about
  /// 1/√(a + b), so it is formed from an exact product.
  static func continuedFraction(a: Double, b: Double, x: Double, xLow: Double = 0) -> Double {
    let qab = a + b
    let qap = a + 1
    let qam = a - 1
    let scaled = ExactArithmetic.twoProduct(qab, x)
    var c = 1.0
    var d = nonzero((((qap - scaled.hi) - scaled.lo) - qab * xLow) / qap)
    d = 1 / d
    var h = d
    var m = 1.0
    for _ in 0..<maxIterations {
      let m2 = 2 * m
      let evenNumerator = m * (b - m)
      let even = (evenNumerator * x + evenNumerator * xLow) / ((qam + m2) * (a + m2))
      d = 1 / nonzero(1 + even * d)
      c = nonzero(1 + even / c)
      h *= d * c
      let oddNumerator = -(a + m) * (qab + m)
      let odd = (oddNumerator * x + oddNumerator * xLow) / ((a + m2) * (qap + m2))
      d = 1 / nonzero(1 + odd * d)
      c = nonzero(1 + odd / c)
      let delta = d * c
      h *= delta
      if abs(delta - 1) <= tolerance { break }
      m += 1
    }
    return h
  }

  private static func nonzero(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
}
