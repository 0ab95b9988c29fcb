/// Error-free transformations (Knuth's two-sum, Dekker's two-product with Veltkamp
/// splitting): a sum or product of two doubles as an unevaluated pair `hi + lo` that is
/// exact. The tails use them where one rounding would be amplified, e.g. the mean n·p of
/// a binomial with n = 10⁹ (whose rounding moves the log-probability by 10⁻¹²) or
/// 1 − p for p = 0.01.
enum ExactArithmetic {
  /// hi + lo = a + b exactly, hi = fl(a + b).
  static func twoSum(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
    let s = a + b
    let bb = s - a
    return (s, (a - (s - bb)) + (b - bb))
  }

  /// hi + lo = a · b exactly, hi = fl(a · b), for |a|, |b| < 2^996 and no underflow.
  static func twoProduct(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
    let p = a * b
    let (ah, al) = split(a)
    let (bh, bl) = split(b)
    return (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
  }

  /// Veltkamp's split of a into 26-bit halves, hi + lo = a.
  private static func split(_ a: Double) -> (hi: Double, lo: Double) {
    let t = 134_217_729.0 * a  // 2^27 + 1
    let hi = t - (t - a)
    return (hi, a - hi)
  }

  /// 1 − p as an exact pair for p in [0, 1]: hi = fl(1 − p), lo = (1 − p) − hi.
  static func oneMinus(_ p: Double) -> (hi: Double, lo: Double) {
    twoSum(1, -p)
  }

  /// n · (hi + lo) as a pair, error about 2⁻¹⁰⁴ relative.
  static func product(_ n: Double, _ x: (hi: Double, lo: Double)) -> (hi: Double, lo: Double) {
    let (ph, pl) = twoProduct(n, x.hi)
    let s = ph + (pl + n * x.lo)
    return (s, (pl + n * x.lo) - (s - ph))
  }

  /// Neumaier's compensated addition: returns the new running sum and the accumulated
  /// rounding errors, whose sum with it is accurate to about one rounding overall.
  static func compensatedAdd(_ x: Double, to sum: Double, _ compensation: Double)
    -> (sum: Double, compensation: Double)
  {
    let t = sum + x
    let c = abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
    return (t, compensation + c)
  }
}
