/// Colours used by the plots: the Okabe–Ito palette, readable with colour-vision
/// deficiencies and in greyscale print.
public enum PlotColor {
  public static let blue = "#0072B2"
  public static let orange = "#E69F00"
  public static let green = "#009E73"
  public static let vermillion = "#D55E00"
  public static let purple = "#CC79A7"
  public static let grey = "#999999"
  public static let band = "#D9D9D9"
  public static let axis = "#444444"
  public static let grid = "#EBEBEB"
}

/// The common frame of every plot: size, margins, title, axis labels, and the drawing of
/// axes with ticks and grid lines.
public struct PlotFrame: Sendable {
  public var width: Double = 900
  public var height: Double = 340
  public var marginLeft: Double = 64
  public var marginRight: Double = 20
  public var marginTop: Double = 36
  public var marginBottom: Double = 52
  public var title: String
  public var xLabel: String
  public var yLabel: String

  public init(title: String, xLabel: String, yLabel: String) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// Left, right, top and bottom edges of the plotting area.
  var left: Double { marginLeft }
  var right: Double { width - marginRight }
  var top: Double { marginTop }
  var bottom: Double { height - marginBottom }

  func xScale(_ domain: ClosedRange<Double>) -> LinearScale {
    LinearScale(domain: domain, range: left...right)
  }

  func yScale(_ domain: ClosedRange<Double>) -> LinearScale {
    LinearScale(domain: domain, range: top...bottom, flipped: true)
  }

  /// Draws title, grid, axes, ticks and labels. `yTicks == nil` omits the y ticks (for
  /// category rows, which label themselves).
  func drawAxes(on canvas: inout SVGCanvas, x: LinearScale, y: LinearScale?) {
    canvas.text(title, x: left, y: 20, size: 14, weight: "bold")
    let xTicks = x.ticks(count: 6)
    for tick in xTicks {
      let px = x(tick.value)
      canvas.line(x1: px, y1: top, x2: px, y2: bottom, stroke: PlotColor.grid)
      canvas.line(x1: px, y1: bottom, x2: px, y2: bottom + 5, stroke: PlotColor.axis)
      canvas.text(tick.label, x: px, y: bottom + 18, anchor: "middle", size: 11)
    }
    if let y {
      for tick in y.ticks(count: 5) {
        let py = y(tick.value)
        canvas.line(x1: left, y1: py, x2: right, y2: py, stroke: PlotColor.grid)
        canvas.line(x1: left - 5, y1: py, x2: left, y2: py, stroke: PlotColor.axis)
        canvas.text(tick.label, x: left - 8, y: py + 4, anchor: "end", size: 11)
      }
    }
    canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: PlotColor.axis)
    canvas.line(x1: left, y1: top, x2: left, y2: bottom, stroke: PlotColor.axis)
    canvas.text(xLabel, x: (left + right) / 2, y: height - 12, anchor: "middle", size: 12)
    canvas.text(
      yLabel, x: 16, y: (top + bottom) / 2, anchor: "middle", size: 12, rotate: -90)
  }

  /// The finite values of `values`; plots ignore NaN and infinities.
  static func finite(_ values: [Double]) -> [Double] { values.filter(\.isFinite) }
}

/// A vertical reference line drawn across a plot (a threshold such as α, or an observed
/// value), labelled at the top.
public struct PlotMarker: Sendable {
  public var value: Double
  public var label: String
  public var color: String

  public init(value: Double, label: String, color: String = PlotColor.vermillion) {
    self.value = value
    self.label = label
    self.color = color
  }

  func draw(on canvas: inout SVGCanvas, frame: PlotFrame, x: LinearScale) {
    guard value.isFinite, x.domain.contains(value) else { return }
    let px = x(value)
    canvas.line(
      x1: px, y1: frame.top, x2: px, y2: frame.bottom, stroke: color, width: 1.5, dash: "5 3")
    let anchor = px > (frame.left + frame.right) / 2 ? "end" : "start"
    canvas.text(
      label, x: px + (anchor == "end" ? -4 : 4), y: frame.top + 12, anchor: anchor, size: 11,
      fill: color)
  }
}
