/// A binary64 sum in Hallmark's fixed order (the `total` of Spec/sampling.md): element i goes to
/// partial sum i mod 4 while whole groups of four remain, the rest to partial sum 0, and the
/// partial sums combine as (s0 + s1) + (s2 + s3). The order is fixed, so the result is the same
/// on every machine, and four independent chains let the loops pipeline.
struct OrderedSum {
  private var lanes = SIMD4<Double>()

  /// Adds elements i ..< i + 4 of a group of four (i a multiple of 4).
  @inline(__always) mutating func add(_ four: SIMD4<Double>) { lanes += four }

  /// Adds one element after the last whole group of four.
  @inline(__always) mutating func add(_ x: Double) { lanes[0] += x }

  /// The sum.
  var value: Double { (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) }
}
