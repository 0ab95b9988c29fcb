/// Accumulates SVG elements as text. Every number goes through `SVGFormat`, every text
/// through XML escaping, so output is deterministic and safe to inline in HTML.
public struct SVGCanvas: Sendable {
  public let width: Double
  public let height: Double
  private var body: [String] = []

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  private typealias F = SVGFormat

  /// A straight line.
  public mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil
  ) {
    let dashAttribute = dash.map { " stroke-dasharray=\"\(HTMLEscape.attribute($0))\"" } ?? ""
    body.append(
      "<line x1=\"\(F.c(x1))\" y1=\"\(F.c(y1))\" x2=\"\(F.c(x2))\" y2=\"\(F.c(y2))\" stroke=\"\(HTMLEscape.attribute(stroke))\" stroke-width=\"\(F.c(width))\"\(dashAttribute)/>"
    )
  }

  /// A filled rectangle, with an optional tooltip.
  public mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double = 1,
    tooltip: String? = nil
  ) {
    let open =
      "<rect x=\"\(F.c(x))\" y=\"\(F.c(y))\" width=\"\(F.c(max(0, width)))\" height=\"\(F.c(max(0, height)))\" fill=\"\(HTMLEscape.attribute(fill))\""
      + (opacity < 1 ? " fill-opacity=\"\(F.c(opacity))\"" : "")
    if let tooltip {
      body.append(open + "><title>\(HTMLEscape.text(tooltip))</title></rect>")
    } else {
      body.append(open + "/>")
    }
  }

  /// A filled circle, with an optional tooltip.
  public mutating func circle(
    cx: Double, cy: Double, r: Double, fill: String, opacity: Double = 1, tooltip: String? = nil
  ) {
    let open =
      "<circle cx=\"\(F.c(cx))\" cy=\"\(F.c(cy))\" r=\"\(F.c(r))\" fill=\"\(HTMLEscape.attribute(fill))\""
      + (opacity < 1 ? " fill-opacity=\"\(F.c(opacity))\"" : "")
    if let tooltip {
      body.append(open + "><title>\(HTMLEscape.text(tooltip))</title></circle>")
    } else {
      body.append(open + "/>")
    }
  }

  /// A polyline through `points` (not closed, not filled).
  public mutating func polyline(
    _ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5, dash: String? = nil
  ) {
    guard !points.isEmpty else { return }
    let coordinates = points.map { "\(F.c($0.x)),\(F.c($0.y))" }.joined(separator: " ")
    let dashAttribute = dash.map { " stroke-dasharray=\"\(HTMLEscape.attribute($0))\"" } ?? ""
    body.append(
      "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(HTMLEscape.attribute(stroke))\" stroke-width=\"\(F.c(width))\" stroke-linejoin=\"round\"\(dashAttribute)/>"
    )
  }

  /// Text anchored at (x, y): `anchor` is start, middle or end; `rotate` in degrees.
  public mutating func text(
    _ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
    weight: String = "normal", fill: String = "#222", rotate: Double? = nil
  ) {
    let transform = rotate.map { " transform=\"rotate(\(F.c($0)) \(F.c(x)) \(F.c(y)))\"" } ?? ""
    body.append(
      "<text x=\"\(F.c(x))\" y=\"\(F.c(y))\" text-anchor=\"\(HTMLEscape.attribute(anchor))\" font-size=\"\(F.c(size))\" font-weight=\"\(HTMLEscape.attribute(weight))\" fill=\"\(HTMLEscape.attribute(fill))\"\(transform)>\(HTMLEscape.text(content))</text>"
    )
  }

  /// The finished `<svg>` element, with `title` and `description` for screen readers.
  public func render(title: String, description: String) -> String {
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(F.c(width)) \(F.c(height))\" width=\"\(F.c(width))\" height=\"\(F.c(height))\" role=\"img\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">"
    out += "<title>\(HTMLEscape.text(title))</title><desc>\(HTMLEscape.text(description))</desc>"
    out +=
      "<rect x=\"0\" y=\"0\" width=\"\(F.c(width))\" height=\"\(F.c(height))\" fill=\"#ffffff\"/>"
    out += body.joined()
    out += "</svg>"
    return out
  }
}
