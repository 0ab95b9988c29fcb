/// The continued fraction of the regularized incomplete beta function (Numerical Recipes
/// §6.4, evaluated with the modified Lentz method).
enum IncompleteBeta {
  /// Relative change below which the continued fraction has converged.
  static let tolerance = Double.ulpOfOne
  /// An upper bound on iterations; convergence needs O(√max(a, b)) of them.
  static let maxIterations = 100_000_000
  private static let tiny = 1e-300

  /// K(a, b, x) with I_x(a, b) = x^a (1 − x)^b / (a·B(a, b)) · K(a, b, x).
  ///
  /// Converges quickly for x < (a + 1) / (a + b + 2); callers use the symmetry
  /// I_x(a, b) = 1 − I_{1−x}(b, a) otherwise. For integer b it terminates after b steps.
  static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
    let qab = a + b
    let qap = a + 1
    let qam = a - 1
    var c = 1.0
    var d = nonzero(1 - qab * x / qap)
    d = 1 / d
    var h = d
    var m = 1.0
    for _ in 0..<maxIterations {
      let m2 = 2 * m
      let even = m * (b - m) * x / ((qam + m2) * (a + m2))
      d = 1 / nonzero(1 + even * d)
      c = nonzero(1 + even / c)
      h *= d * c
      let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
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
