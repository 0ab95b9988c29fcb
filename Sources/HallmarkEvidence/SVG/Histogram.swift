/// A histogram of values with equal-width bins on round boundaries, and optional vertical
/// markers. In a report: the p-values of the negative controls (random keys), which should
/// spread evenly, against α.
public struct Histogram: Sendable {
  public var frame: PlotFrame
  public var values: [Double]
  /// Desired number of bins (the bin width is rounded to a 1-2-5 step).
  public var binCount: Int
  /// Fixed x range; nil fits the data.
  public var domain: ClosedRange<Double>?
  public var markers: [PlotMarker]
  public var color: String

  public init(
    frame: PlotFrame, values: [Double], binCount: Int = 20, domain: ClosedRange<Double>? = nil,
    markers: [PlotMarker] = [], color: String = PlotColor.blue
  ) {
    self.frame = frame
    self.values = values
    self.binCount = binCount
    self.domain = domain
    self.markers = markers
    self.color = color
  }

  /// Bin edges and counts: each bin is [low, high), the last also includes its high edge.
  public func bins() -> [(low: Double, high: Double, count: Int)] {
    let data = PlotFrame.finite(values)
    let lo = domain?.lowerBound ?? data.min() ?? 0
    let hi = domain?.upperBound ?? data.max() ?? 1
    let nice = domain ?? LinearScale.niceDomain(lo, hi, count: max(1, binCount))
    let step = LinearScale.niceStep(
      span: nice.upperBound - nice.lowerBound, count: max(1, binCount))
    let n = max(1, Int(((nice.upperBound - nice.lowerBound) / step).rounded(.up)))
    var counts = [Int](repeating: 0, count: n)
    for v in data where v >= nice.lowerBound && v <= nice.upperBound {
      let i = min(n - 1, Int(((v - nice.lowerBound) / step).rounded(.down)))
      counts[i] += 1
    }
    return (0..<n).map { i in
      let low = nice.lowerBound + Double(i) * step
      return (low, low + step, counts[i])
    }
  }

  /// The `<svg>` element.
  public func render() -> String {
    var canvas = SVGCanvas(width: frame.width, height: frame.height)
    let bins = bins()
    let lo = bins.first?.low ?? 0
    let hi = bins.last?.high ?? 1
    let maxCount = bins.map(\.count).max() ?? 0
    let x = frame.xScale(lo...hi)
    let y = frame.yScale(LinearScale.niceDomain(0, Double(max(1, maxCount)) * 1.05, count: 5))
    frame.drawAxes(on: &canvas, x: x, y: y)
    for bin in bins where bin.count > 0 {
      let x0 = x(bin.low)
      let x1 = x(bin.high)
      let y0 = y(Double(bin.count))
      canvas.rect(
        x: x0 + 0.5, y: y0, width: x1 - x0 - 1, height: frame.bottom - y0, fill: color,
        opacity: 0.85,
        tooltip:
          "\(SVGFormat.fixed(bin.low, decimals: 4)) to \(SVGFormat.fixed(bin.high, decimals: 4)): \(bin.count)"
      )
    }
    for marker in markers { marker.draw(on: &canvas, frame: frame, x: x) }
    let data = PlotFrame.finite(values)
    return canvas.render(
      title: frame.title,
      description:
        "Histogram of \(data.count) values from \(SVGFormat.fixed(lo, decimals: 4)) to \(SVGFormat.fixed(hi, decimals: 4))."
    )
  }
}
