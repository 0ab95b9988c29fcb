/// A table for a report page: header cells and rows of cells (plain text, escaped).
public struct HTMLTable: Sendable {
  public var headers: [String]
  public var rows: [[String]]
  /// Columns (by index) holding numbers, aligned right.
  public var numericColumns: Set<Int>

  public init(headers: [String], rows: [[String]], numericColumns: Set<Int> = []) {
    self.headers = headers
    self.rows = rows
    self.numericColumns = numericColumns
  }

  func render() -> String {
    func cell(_ tag: String, _ text: String, _ column: Int) -> String {
      let cls = numericColumns.contains(column) ? " class=\"num\"" : ""
      return "<\(tag)\(cls)>\(HTMLEscape.text(text))</\(tag)>"
    }
    var out = "<table><thead><tr>"
    out += headers.enumerated().map { cell("th", $0.element, $0.offset) }.joined()
    out += "</tr></thead><tbody>"
    for row in rows {
      out += "<tr>" + row.enumerated().map { cell("td", $0.element, $0.offset) }.joined() + "</tr>"
    }
    return out + "</tbody></table>"
  }
}

/// One block of content in a page section.
public enum HTMLBlock: Sendable {
  /// A paragraph of plain text (escaped).
  case paragraph(String)
  /// A highlighted statement, the page's headline finding (plain text, escaped).
  case callout(String)
  /// A highlighted statement given as trusted HTML (for `<sup>` exponents from
  /// `PlainWords.oneInHTML`); never pass input text here unescaped.
  case calloutHTML(String)
  /// A bulleted list (each item escaped).
  case list([String])
  /// Name–value pairs as a two-column table.
  case keyValues([(String, String)])
  case table(HTMLTable)
  /// An inline SVG from the plot types, with a caption.
  case figure(svg: String, caption: String)
  case tokens(TokenView)
  /// Preformatted text such as a command line (escaped).
  case code(String)

  func render() -> String {
    switch self {
    case .paragraph(let text): return "<p>\(HTMLEscape.text(text))</p>"
    case .callout(let text): return "<p class=\"callout\">\(HTMLEscape.text(text))</p>"
    case .calloutHTML(let html): return "<p class=\"callout\">\(html)</p>"
    case .list(let items):
      return "<ul>" + items.map { "<li>\(HTMLEscape.text($0))</li>" }.joined() + "</ul>"
    case .keyValues(let pairs):
      return "<table class=\"kv\"><tbody>"
        + pairs.map {
          "<tr><th>\(HTMLEscape.text($0.0))</th><td>\(HTMLEscape.text($0.1))</td></tr>"
        }
        .joined() + "</tbody></table>"
    case .table(let table): return table.render()
    case .figure(let svg, let caption):
      return "<figure>\(svg)<figcaption>\(HTMLEscape.text(caption))</figcaption></figure>"
    case .tokens(let view): return view.render()
    case .code(let text): return "<pre><code>\(HTMLEscape.text(text))</code></pre>"
    }
  }
}

/// A titled section of a page.
public struct HTMLSection: Sendable {
  /// The anchor (letters, digits, dashes) used by the table of contents.
  public var id: String
  public var title: String
  public var blocks: [HTMLBlock]

  public init(id: String, title: String, blocks: [HTMLBlock]) {
    self.id = id
    self.title = title
    self.blocks = blocks
  }
}

/// One self-contained HTML page: inline CSS, inline SVG, no scripts, no external assets, so
/// it opens the same anywhere, offline, years later, and prints cleanly.
public struct HTMLPage: Sendable {
  public var title: String
  /// A line under the title (e.g. tool version and report time).
  public var subtitle: String?
  public var sections: [HTMLSection]

  public init(title: String, subtitle: String? = nil, sections: [HTMLSection]) {
    self.title = title
    self.subtitle = subtitle
    self.sections = sections
  }

  /// The complete document.
  public func render() -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    out += "<title>\(HTMLEscape.text(title))</title><style>\(Self.css)</style></head><body><main>"
    out += "<h1>\(HTMLEscape.text(title))</h1>"
    if let subtitle { out += "<p class=\"subtitle\">\(HTMLEscape.text(subtitle))</p>" }
    if sections.count > 1 {
      out += "<nav><ol>"
      for s in sections {
        out += "<li><a href=\"#\(HTMLEscape.attribute(s.id))\">\(HTMLEscape.text(s.title))</a></li>"
      }
      out += "</ol></nav>"
    }
    for s in sections {
      out += "<section id=\"\(HTMLEscape.attribute(s.id))\"><h2>\(HTMLEscape.text(s.title))</h2>"
      out += s.blocks.map { $0.render() }.joined(separator: "\n")
      out += "</section>\n"
    }
    out += "</main></body></html>\n"
    return out
  }

  static let css = """
    body{margin:0;background:#f6f6f4;color:#1d1d1d;font:16px/1.55 "DejaVu Serif",Georgia,serif}\
    main{max-width:980px;margin:0 auto;padding:28px 36px 60px;background:#fff}\
    h1{font:600 28px/1.25 "DejaVu Sans",Helvetica,Arial,sans-serif;margin:0 0 4px}\
    h2{font:600 20px/1.3 "DejaVu Sans",Helvetica,Arial,sans-serif;margin:34px 0 10px;\
    padding-top:10px;border-top:1px solid #ddd}\
    h3{font:600 16px/1.3 "DejaVu Sans",Helvetica,Arial,sans-serif;margin:18px 0 6px}\
    .subtitle{color:#555;margin:0 0 14px;font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:14px}\
    nav ol{margin:8px 0 0;padding-left:22px;columns:2;font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:14px}\
    nav a{color:#0b5394}\
    .callout{font-size:19px;line-height:1.45;background:#eef5fb;border-left:5px solid #0072B2;\
    padding:12px 16px;margin:14px 0}\
    table{border-collapse:collapse;margin:10px 0;font:14px/1.4 "DejaVu Sans",Helvetica,Arial,sans-serif;width:100%}\
    th,td{border-bottom:1px solid #e2e2e2;padding:5px 8px;text-align:left;vertical-align:top;\
    overflow-wrap:anywhere}\
    thead th{background:#f1f1ee;border-bottom:2px solid #ccc}\
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
    table.kv th{width:30%;font-weight:600;background:none}\
    figure{margin:16px 0}figure svg{max-width:100%;height:auto;border:1px solid #e4e4e4}\
    figcaption{font:13px/1.4 "DejaVu Sans",Helvetica,Arial,sans-serif;color:#444;margin-top:4px}\
    pre{background:#f4f4f2;border:1px solid #e0e0dc;padding:10px 12px;overflow-x:auto;\
    white-space:pre-wrap;overflow-wrap:anywhere}\
    code{font:13px/1.45 "DejaVu Sans Mono",Menlo,Consolas,monospace}\
    .tokens .legend{font:13px "DejaVu Sans",Helvetica,Arial,sans-serif;color:#444}\
    .token-text{white-space:pre-wrap;border:1px solid #e2e2e2;padding:10px 12px;line-height:1.9}\
    .t-hit{background:#c7ecd9;border-bottom:2px solid #009E73}\
    .t-miss{background:none}\
    .t-unscored{color:#888;background:#f0f0f0}\
    @media print{body{background:#fff}main{padding:0}nav{display:none}}
    """
}
