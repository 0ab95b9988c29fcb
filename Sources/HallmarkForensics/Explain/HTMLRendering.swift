import Hallmark

/// Renders ``Explanation``s as one self-contained HTML page (no scripts, no external files):
/// per document a heading, a summary table and the text, each counted token on a green or red
/// background whose opacity follows its strength, repeats struck through in grey, unscored
/// tokens in grey; hovering a token shows its position, id and score.
public struct HTMLRendering: Sendable {
  /// One document on the page.
  public struct Section: Sendable {
    /// The heading (e.g. the document's source).
    public var heading: String
    /// Rows of its summary table (name, value).
    public var summary: [(String, String)]
    /// The marked text.
    public var explanation: Explanation

    public init(heading: String, summary: [(String, String)], explanation: Explanation) {
      self.heading = heading
      self.summary = summary
      self.explanation = explanation
    }
  }

  /// The page title.
  public var title: String

  public init(title: String) { self.title = title }

  /// The page.
  public func render(_ sections: [Section]) -> String {
    var html = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
      <style>
      body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#111}
      table{border-collapse:collapse;margin-bottom:1em}th,td{text-align:left;padding:2px 12px 2px 0}
      th{font-weight:600}
      .text{white-space:pre-wrap;font-family:ui-monospace,monospace;line-height:1.7;
      border:1px solid #ccc;padding:1em;border-radius:4px}
      .g{background:rgba(0,160,60,var(--a))}.r{background:rgba(220,30,30,var(--a))}
      .d{color:#888;text-decoration:line-through;background:#eee}.u{color:#999}
      .w{outline:2px solid #36c;outline-offset:1px}
      .legend span{padding:0 4px;margin-right:.3em}.legend{margin-bottom:2em}
      </style></head><body>
      <h1>\(Self.escape(title))</h1>
      <p class="legend"><span class="g" style="--a:.6">green</span>evidence for the watermark,
      <span class="r" style="--a:.6">red</span>against,
      <span class="d">repeat</span>tuple already counted (not counted again),
      <span class="u">unscored</span>no full context window,
      <span class="w">outlined</span>best window (with --windows).</p>

      """
    for section in sections {
      let rows = section.summary.map {
        "<tr><th>\(Self.escape($0.0))</th><td>\(Self.escape($0.1))</td></tr>"
      }.joined(separator: "\n")
      var body = ""
      for segment in section.explanation.segments {
        body += span(segment, window: section.explanation.window)
      }
      html += """
        <section><h2>\(Self.escape(section.heading))</h2>
        <table>
        \(rows)
        </table>
        <div class="text">\(body)</div></section>

        """
    }
    return html + "</body></html>\n"
  }

  private func span(_ segment: Explanation.Segment, window: WindowMatch?) -> String {
    let positions =
      segment.tokens.count == 1
      ? "token \(segment.tokens.lowerBound)"
      : "tokens \(segment.tokens.lowerBound)–\(segment.tokens.upperBound - 1)"
    let ids = segment.ids.map(String.init).joined(separator: " ")
    var classes: [String] = []
    var style = ""
    var tip = "\(positions), id \(ids)"
    switch segment.mark {
    case .unscored:
      classes.append("u")
      tip += ", unscored"
    case .duplicate:
      classes.append("d")
      tip += ", repeated tuple (not counted again)"
    case .scored(let score, let strength):
      classes.append(strength > 0 ? "g" : "r")
      style = " style=\"--a:\(Self.alpha(strength))\""
      tip += ", score \(Self.number(score))"
    }
    if let window, segment.tokens.lowerBound >= window.start,
      segment.tokens.upperBound <= window.end
    {
      classes.append("w")
    }
    return
      "<span class=\"\(classes.joined(separator: " "))\"\(style) title=\"\(Self.escape(tip))\">"
      + Self.escape(segment.text) + "</span>"
  }

  static func alpha(_ strength: Double) -> String {
    let a = 0.15 + 0.6 * min(1, abs(strength))
    return String((a * 100).rounded() / 100)
  }

  static func number(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String((x * 1000).rounded() / 1000)
  }

  /// HTML escaping of text and attribute values.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if c.value < 0x20 && c != "\n" && c != "\t" {
          out.unicodeScalars.append(Unicode.Scalar(0x2400 + c.value)!)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }
}
