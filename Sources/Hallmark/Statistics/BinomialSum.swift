/// Direct summation of binomial probabilities outward from a point, for counts near the
/// mean of a large binomial, where the incomplete-beta continued fraction loses accuracy:
/// its partial denominators 1 − (a + b)·x / (a + m) cancel to about |k − np| / k, which
/// amplifies rounding by √n near the mean (10⁻¹⁰ at n = 10⁹). The sum needs O(σ) terms.
enum BinomialSum {
  /// Use the sum when |k − np| ≤ `band` · σ.
  static let band = 20.0

  /// ln Σ_{j ≥ k} P(X = j) / P(X = k) for X ~ Bin(n, p), k > np (terms decrease).
  /// The term ratios are ((n − j)·p) / ((j + 1)·q), q = 1 − p exact as a pair, so every
  /// rounding is independent and none is repeated.
  static func logUpperRatioSum(k: Int, n: Int, p: Double) -> Double {
    let q = ExactArithmetic.oneMinus(p)
    var term = 1.0
    var sum = 1.0
    var compensation = 0.0
    var j = Double(k)
    let nd = Double(n)
    while j < nd {
      let ratio = ((nd - j) * p) / ((j + 1) * q.hi + (j + 1) * q.lo)
      term *= ratio
      (sum, compensation) = ExactArithmetic.compensatedAdd(term, to: sum, compensation)
      j += 1
      // Ratios decrease with j: the rest is at most term·ratio / (1 − ratio).
      if ratio < 1 && term * ratio <= 0.25 * Double.ulpOfOne * sum * (1 - ratio) { break }
    }
    return PortableMath.log(sum + compensation)
  }

  /// ln Σ_{j ≤ k} P(X = j) / P(X = k) for X ~ Bin(n, p), k < np + 1 (terms decrease
  /// downward), with ratios (j·q) / ((n − j + 1)·p).
  static func logLowerRatioSum(k: Int, n: Int, p: Double) -> Double {
    let q = ExactArithmetic.oneMinus(p)
    var term = 1.0
    var sum = 1.0
    var compensation = 0.0
    var j = Double(k)
    let nd = Double(n)
    while j > 0 {
      let ratio = (j * q.hi + j * q.lo) / ((nd - j + 1) * p)
      term *= ratio
      (sum, compensation) = ExactArithmetic.compensatedAdd(term, to: sum, compensation)
      j -= 1
      if ratio < 1 && term * ratio <= 0.25 * Double.ulpOfOne * sum * (1 - ratio) { break }
    }
    return PortableMath.log(sum + compensation)
  }
}
