/// Series and continued fraction of the regularized incomplete gamma functions P(a, x) and
/// Q(a, x) = 1 − P(a, x) (Numerical Recipes §6.2).
enum IncompleteGamma {
  static let tolerance = Double.ulpOfOne
  /// An upper bound on iterations; convergence needs O(√a) of them near x = a.
  static let maxIterations = 100_000_000
  private static let tiny = 1e-300

  /// S(a, x) = Σ_{j≥0} x^j / ((a + 1)(a + 2)⋯(a + j)), so that
  /// P(a, x) = x^a e^(−x) / Γ(a + 1) · S(a, x). Used for x < a + 1.
  ///
  /// Summed with compensation (up to ~10⁵ terms near x = a = 10⁸), and stopped when the
  /// geometric bound on the remaining terms falls below 2⁻⁵³ of the sum, so slowly decaying
  /// series are not cut short.
  static func series(a: Double, x: Double) -> Double {
    var term = 1.0
    var sum = 1.0
    var compensation = 0.0
    var j = 1.0
    for _ in 0..<maxIterations {
      term *= x / (a + j)
      (sum, compensation) = ExactArithmetic.compensatedAdd(term, to: sum, compensation)
      let ratio = x / (a + j + 1)
      if ratio < 1 && term * ratio <= 0.5 * tolerance * sum * (1 - ratio) { break }
      j += 1
    }
    return sum + compensation
  }

  /// H(a, x) with Q(a, x) = x^a e^(−x) / Γ(a) · H(a, x), by the modified Lentz method.
  /// Used for x ≥ a + 1.
  static func continuedFraction(a: Double, x: Double) -> Double {
    let b0 = (x - a) + 1  // x − a is exact near x = a, where b0 would otherwise cancel
    var c = 1 / tiny
    var d = 1 / b0
    var h = d
    var i = 1.0
    for _ in 0..<maxIterations {
      let an = -i * (i - a)
      let b = b0 + 2 * i
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) <= tolerance { break }
      i += 1
    }
    return h
  }
}
