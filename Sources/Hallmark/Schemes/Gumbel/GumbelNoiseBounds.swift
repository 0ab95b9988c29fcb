/// A cheap upper bound of the Gumbel embedder's keyed noise −ln(−ln u), u = (word + 1/2) / 2^32,
/// from a few integer and conversion operations, so that loops over it vectorise
/// (Spec/schemes.md#gumbel).
///
/// `GumbelArgmax` flags the candidates whose bound can reach the best value so far, so only a
/// handful of candidates per step are evaluated exactly. The bound: −ln u ≥ 1 − u, so the noise
/// is at most −ln(1 − u) = 32 ln 2 − ln(d − 1/2) with d = 2^32 − word, which is at most
/// 32 ln 2 − ln x with x = d − 1 = ¬word, and ln x ≥ (1 + log2 y) ln 2 with y = ⌊x / 2⌋.
/// log2 y is bounded below by the classic bit trick, y's binary32 bit pattern read as an
/// integer, / 2^23 − 127 = E + (m − 1) ≤ E + log2 m (y = 2^E · m, m ∈ [1, 2)). The bound is
/// within 0.1 of the noise where the noise is large (u ≥ 0.99, up to the last 2^17 words); the
/// last two words (y = 0) get a bound of about 110, which is safe. Binary32 rounding of the
/// conversions is below 10^-5 and covered by `margin`.
enum GumbelNoiseBounds {
  /// Slack for binary32 rounding in comparisons of values below about 100.
  static let margin: Float = 1e-3
  /// (31 + 127) ln 2 + margin, and ln 2 / 2^23.
  static let offset: Float = 158 * 0.693_147_2 + margin
  static let slope: Float = 0.693_147_2 * 0x1p-23

  /// An upper bound of the noise of `word`, with `margin` to spare.
  @inline(__always) static func upper(_ word: UInt32) -> Float {
    let y = Float(Int32(bitPattern: ~word &>> 1))
    return offset - Float(Int32(bitPattern: y.bitPattern)) * slope
  }
}
