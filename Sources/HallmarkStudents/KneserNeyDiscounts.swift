/// The three discounts of modified Kneser–Ney for one n-gram order (Chen and Goodman 1998,
/// §3): D1 for n-grams seen once, D2 for twice, D3+ for three times or more.
///
/// Estimated from the order's count-of-counts n1…n4 (of raw counts at the highest order, of
/// continuation counts below it): Y = n1 / (n1 + 2·n2), Dk = k − (k+1)·Y·n(k+1)/nk. Where an
/// estimate is undefined (a zero count-of-counts, as in tiny corpora) or outside (0, k), the
/// fixed value k/2 is used instead (Spec/students.md#discounts), so every discount lies in
/// (0, k) and every token keeps a positive probability.
public struct KneserNeyDiscounts: Sendable, Equatable {
  /// D1, D2 and D3+.
  public let d1: Double
  public let d2: Double
  public let d3: Double

  /// Discounts given directly; each Dk must lie in (0, k).
  public init(d1: Double, d2: Double, d3: Double) throws(StudentError) {
    guard d1 > 0 && d1 < 1, d2 > 0 && d2 < 2, d3 > 0 && d3 < 3 else {
      throw .invalidParameter("discounts must satisfy 0 < Dk < k, got \(d1), \(d2), \(d3)")
    }
    self.d1 = d1
    self.d2 = d2
    self.d3 = d3
  }

  /// The Chen–Goodman estimate from the count-of-counts `n[0…3]` = n1…n4.
  public static func estimate(countOfCounts n: [Int]) -> KneserNeyDiscounts {
    let n1 = Double(n[0])
    let n2 = Double(n[1])
    let n3 = Double(n[2])
    let n4 = Double(n[3])
    let y = n1 + 2 * n2 > 0 ? n1 / (n1 + 2 * n2) : Double.nan
    func pick(_ k: Double, _ numerator: Double, _ denominator: Double) -> Double {
      let d = denominator > 0 ? k - (k + 1) * y * numerator / denominator : Double.nan
      return d.isFinite && d > 0 && d < k ? d : k / 2
    }
    // The three values are in range by construction of `pick`.
    return try! KneserNeyDiscounts(d1: pick(1, n2, n1), d2: pick(2, n3, n2), d3: pick(3, n4, n3))
  }

  /// The discount of an n-gram with adjusted count `count` ≥ 1.
  @inline(__always) public func discount(_ count: UInt32) -> Double {
    count >= 3 ? d3 : count == 2 ? d2 : d1
  }
}
