/// Values as dots in labelled rows against a shaded reference band. In a report: the log10 p
/// of each document (one row) against the range the negative controls reach (the band), so
/// a reader sees at a glance which documents lie far outside what chance produces.
public struct StripPlot: Sendable {
  /// One row of dots.
  public struct Row: Sendable {
    public var label: String
    public var values: [Double]
    public var color: String
    /// Tooltip per value (same order), e.g. the document name.
    public var tooltips: [String]?

    public init(label: String, values: [Double], color: String, tooltips: [String]? = nil) {
      self.label = label
      self.values = values
      self.color = color
      self.tooltips = tooltips
    }
  }

  public var frame: PlotFrame
  public var rows: [Row]
  /// The shaded reference interval on the x axis (e.g. the null controls' 1st to 99th
  /// percentile) and its legend text.
  public var band: (range: ClosedRange<Double>, label: String)?
  public var markers: [PlotMarker]
  /// Fixed x range; nil fits the data, band and markers.
  public var domain: ClosedRange<Double>?

  public init(
    frame: PlotFrame, rows: [Row], band: (range: ClosedRange<Double>, label: String)? = nil,
    markers: [PlotMarker] = [], domain: ClosedRange<Double>? = nil
  ) {
    var frame = frame
    frame.marginLeft = max(frame.marginLeft, 120)
    self.frame = frame
    self.rows = rows
    self.band = band
    self.markers = markers
    self.domain = domain
  }

  /// Deterministic vertical jitter in [-1, 1) for the i-th dot (a fixed integer hash).
  static func jitter(_ i: Int) -> Double {
    var z = UInt64(truncatingIfNeeded: i) &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double(z >> 11) / Double(1 << 52) - 1
  }

  /// The `<svg>` element.
  public func render() -> String {
    var canvas = SVGCanvas(width: frame.width, height: frame.height)
    var all = rows.flatMap { PlotFrame.finite($0.values) }
    if let band { all += [band.range.lowerBound, band.range.upperBound] }
    all += markers.map(\.value).filter(\.isFinite)
    let x = frame.xScale(domain ?? LinearScale.niceDomain(all.min() ?? 0, all.max() ?? 1, count: 6))
    frame.drawAxes(on: &canvas, x: x, y: nil)
    if let band {
      let x0 = x(max(band.range.lowerBound, x.domain.lowerBound))
      let x1 = x(min(band.range.upperBound, x.domain.upperBound))
      canvas.rect(
        x: x0, y: frame.top, width: x1 - x0, height: frame.bottom - frame.top, fill: PlotColor.band,
        opacity: 0.6, tooltip: band.label)
      // Legend entry above the plot area, right-aligned: a swatch and the band's meaning.
      let labelWidth = Double(band.label.count) * 6.2
      canvas.rect(
        x: frame.right - labelWidth - 18, y: frame.top - 16, width: 12, height: 10,
        fill: PlotColor.band)
      canvas.text(
        band.label, x: frame.right, y: frame.top - 7, anchor: "end", size: 11, fill: "#444")
    }
    let rowHeight = (frame.bottom - frame.top) / Double(max(1, rows.count))
    for (r, row) in rows.enumerated() {
      let center = frame.top + rowHeight * (Double(r) + 0.5)
      canvas.text(row.label, x: frame.left - 8, y: center + 4, anchor: "end", size: 12)
      if r > 0 {
        let edge = frame.top + rowHeight * Double(r)
        canvas.line(x1: frame.left, y1: edge, x2: frame.right, y2: edge, stroke: PlotColor.grid)
      }
      for (i, v) in row.values.enumerated() where v.isFinite {
        let clamped = min(max(v, x.domain.lowerBound), x.domain.upperBound)
        canvas.circle(
          cx: x(clamped), cy: center + Self.jitter(r * 1_000_003 + i) * rowHeight * 0.3, r: 3.5,
          fill: row.color, opacity: 0.75,
          tooltip: row.tooltips.flatMap { i < $0.count ? $0[i] : nil }
            ?? SVGFormat.fixed(v, decimals: 3))
      }
    }
    for marker in markers { marker.draw(on: &canvas, frame: frame, x: x) }
    let counts = rows.map { "\($0.label): \($0.values.count)" }.joined(separator: ", ")
    return canvas.render(title: frame.title, description: "Dot plot by row (\(counts)).")
  }
}
