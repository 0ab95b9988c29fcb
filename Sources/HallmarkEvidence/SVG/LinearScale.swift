/// Maps a data interval onto a pixel interval and proposes round tick values (steps of 1, 2
/// or 5 times a power of ten), as plotting libraries do.
public struct LinearScale: Sendable, Equatable {
  public var domain: ClosedRange<Double>
  public var range: ClosedRange<Double>
  /// When true, the domain's low end maps to the range's high end (y axes grow upwards).
  public var flipped: Bool

  public init(domain: ClosedRange<Double>, range: ClosedRange<Double>, flipped: Bool = false) {
    self.domain = domain
    self.range = range
    self.flipped = flipped
  }

  /// The pixel position of `value`.
  public func callAsFunction(_ value: Double) -> Double {
    let span = domain.upperBound - domain.lowerBound
    let t = span == 0 ? 0.5 : (value - domain.lowerBound) / span
    let u = flipped ? 1 - t : t
    return range.lowerBound + u * (range.upperBound - range.lowerBound)
  }

  /// A round step giving about `count` intervals over `span`.
  public static func niceStep(span: Double, count: Int) -> Double {
    guard span > 0, span.isFinite, count > 0 else { return 1 }
    let raw = span / Double(count)
    var power: Double = 1
    let exponent = decimalExponent(raw)
    if exponent >= 0 {
      for _ in 0..<exponent { power *= 10 }
    } else {
      for _ in 0..<(-exponent) { power /= 10 }
    }
    let fraction = raw / power
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * power
  }

  /// The domain widened outwards to whole steps, so axes start and end on ticks.
  public static func niceDomain(_ low: Double, _ high: Double, count: Int = 5) -> ClosedRange<
    Double
  > {
    var lo = low
    var hi = high
    if !(lo.isFinite && hi.isFinite) { return 0...1 }
    if lo > hi { swap(&lo, &hi) }
    if lo == hi {
      let pad = lo == 0 ? 1 : lo.magnitude / 10
      lo -= pad
      hi += pad
    }
    let step = niceStep(span: hi - lo, count: count)
    return ((lo / step).rounded(.down) * step)...((hi / step).rounded(.up) * step)
  }

  /// Tick values within the domain, about `count` of them, each a whole multiple of a round
  /// step, with labels written to the step's precision.
  public func ticks(count: Int = 5) -> [(value: Double, label: String)] {
    let step = Self.niceStep(span: domain.upperBound - domain.lowerBound, count: count)
    let first = (domain.lowerBound / step - 1e-9).rounded(.up)
    let last = (domain.upperBound / step + 1e-9).rounded(.down)
    guard first <= last, last - first < 1000 else { return [] }
    let decimals = max(0, -Self.decimalExponent(step))
    return stride(from: first, through: last, by: 1).map { k in
      let value = k * step
      return (value, SVGFormat.fixed(value, decimals: decimals))
    }
  }

  /// floor(log10(x)) for x > 0, exactly: the decimal exponent of x's shortest digits
  /// (x = 0.d1d2… × 10^n, d1 ≠ 0, so floor(log10 x) = n − 1). No libm, so no platform drift.
  static func decimalExponent(_ x: Double) -> Int {
    guard x > 0, x.isFinite else { return 0 }
    return ECMAScriptNumber.shortestDigits(x).n - 1
  }
}
