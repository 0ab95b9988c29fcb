/// Lines through (x, y) points, with a legend. In a report: the cumulative watermark score
/// along the tokens of the strongest document against its expected value under the null.
public struct LinePlot: Sendable {
  /// One line.
  public struct Series: Sendable {
    public var label: String
    public var points: [(x: Double, y: Double)]
    public var color: String
    public var dashed: Bool

    public init(
      label: String, points: [(x: Double, y: Double)], color: String, dashed: Bool = false
    ) {
      self.label = label
      self.points = points
      self.color = color
      self.dashed = dashed
    }

    /// A series from y values at x = 1, 2, 3, … (token positions).
    public init(label: String, values: [Double], color: String, dashed: Bool = false) {
      self.init(
        label: label, points: values.enumerated().map { (Double($0.offset + 1), $0.element) },
        color: color, dashed: dashed)
    }
  }

  public var frame: PlotFrame
  public var series: [Series]
  /// Most points drawn per series; longer series keep each pixel column's first, lowest,
  /// highest and last point, which preserves the shape.
  public var maxPoints: Int

  public init(frame: PlotFrame, series: [Series], maxPoints: Int = 2000) {
    self.frame = frame
    self.series = series
    self.maxPoints = maxPoints
  }

  /// `points` reduced to at most about `limit` points, keeping extremes per bucket.
  static func thin(_ points: [(x: Double, y: Double)], limit: Int) -> [(x: Double, y: Double)] {
    let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
    guard finite.count > limit, limit >= 4 else { return finite }
    let buckets = limit / 4
    var out: [(x: Double, y: Double)] = []
    out.reserveCapacity(limit + 2)
    for b in 0..<buckets {
      let start = finite.count * b / buckets
      let end = finite.count * (b + 1) / buckets
      guard start < end else { continue }
      let slice = finite[start..<end]
      var low = slice.startIndex
      var high = slice.startIndex
      for i in slice.indices {
        if slice[i].y < slice[low].y { low = i }
        if slice[i].y > slice[high].y { high = i }
      }
      for i in Set([start, low, high, end - 1]).sorted() { out.append(finite[i]) }
    }
    return out
  }

  /// The `<svg>` element.
  public func render() -> String {
    var canvas = SVGCanvas(width: frame.width, height: frame.height)
    let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
    let ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
    let x = frame.xScale(LinearScale.niceDomain(xs.min() ?? 0, xs.max() ?? 1, count: 6))
    let y = frame.yScale(LinearScale.niceDomain(ys.min() ?? 0, ys.max() ?? 1, count: 5))
    frame.drawAxes(on: &canvas, x: x, y: y)
    for s in series {
      let points = Self.thin(s.points, limit: maxPoints).map { (x: x($0.x), y: y($0.y)) }
      canvas.polyline(
        points, stroke: s.color, width: s.dashed ? 1.5 : 2, dash: s.dashed ? "6 4" : nil)
    }
    // Legend, top left inside the plot.
    for (i, s) in series.enumerated() {
      let ly = frame.top + 14 + Double(i) * 16
      canvas.line(
        x1: frame.left + 10, y1: ly - 4, x2: frame.left + 34, y2: ly - 4, stroke: s.color,
        width: 2, dash: s.dashed ? "6 4" : nil)
      canvas.text(s.label, x: frame.left + 40, y: ly, size: 11)
    }
    let summary = series.map { "\($0.label) (\($0.points.count) points)" }.joined(separator: ", ")
    return canvas.render(title: frame.title, description: "Line plot: \(summary).")
  }
}
