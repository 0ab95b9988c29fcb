import Foundation
import Testing

@testable import HallmarkEvidence

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct HTMLTests {
  @Test func escaping() {
    #expect(HTMLEscape.text("<script>&\"'") == "&lt;script&gt;&amp;\"'")
    #expect(HTMLEscape.attribute("a\"b'c<&>") == "a&quot;b&#39;c&lt;&amp;&gt;")
    #expect(HTMLEscape.text("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    let page = HTMLPage(
      title: "<b>x</b>",
      sections: [
        HTMLSection(id: "s", title: "T", blocks: [.paragraph("</p><script>alert(1)</script>")])
      ]
    ).render()
    #expect(!page.contains("<script>"))
    #expect(page.contains("&lt;/p&gt;&lt;script&gt;"))
  }

  @Test func plainWords() {
    #expect(PlainWords.oneIn(log10P: 0) == "1 in 1")
    #expect(PlainWords.oneIn(log10P: -1) == "1 in 10")
    #expect(PlainWords.oneIn(log10P: -3.39794) == "1 in 2,500")
    #expect(PlainWords.oneIn(log10P: -12) == "1 in 10^12")
    #expect(PlainWords.oneIn(log10P: -12.5) == "1 in 3.2 × 10^12")
    #expect(PlainWords.oneIn(log10P: -6.99999) == "1 in 10^7")
    #expect(PlainWords.oneInHTML(log10P: -400) == "1 in 10<sup>400</sup>")
    #expect(PlainWords.grouped(1_234_567) == "1,234,567")
  }

  @Test func numbersAndTicks() {
    #expect(SVGFormat.fixed(1.005, decimals: 2) == "1")  // 1.005 is 1.00499… in binary
    #expect(SVGFormat.fixed(-0.001) == "0")
    #expect(SVGFormat.fixed(12.5, decimals: 0) == "13")
    #expect(SVGFormat.fixed(0.30000000000000004, decimals: 1) == "0.3")
    #expect(SVGFormat.fixed(-3.25, decimals: 3) == "-3.25")
    let scale = LinearScale(domain: 0...1, range: 0...100)
    #expect(scale.ticks(count: 5).map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    let wide = LinearScale(domain: -15...0, range: 0...100)
    #expect(wide.ticks(count: 6).map(\.label) == ["-15", "-10", "-5", "0"])
    #expect(LinearScale.niceStep(span: 15, count: 6) == 5)
    #expect(LinearScale.niceStep(span: 0.003, count: 3) == 0.001)
    #expect(LinearScale.niceDomain(0.13, 9.2) == 0...10)
    #expect(LinearScale.decimalExponent(0.001) == -3 && LinearScale.decimalExponent(999) == 2)
    #expect(LinearScale(domain: 0...10, range: 0...100, flipped: true)(2) == 80)
  }

  @Test func plotsAreDeterministicWellFormedXML() throws {
    let page = ExamplePage.make()
    #expect(page == ExamplePage.make())
    #expect(!page.contains("http://") || page.contains("http://www.w3.org/2000/svg"))
    #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("<img"))
    // Each SVG parses as XML.
    var rest = Substring(page)
    var count = 0
    while let start = rest.range(of: "<svg "),
      let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
    {
      let svg = String(rest[start.lowerBound..<end.upperBound])
      let parser = XMLParser(data: Data(svg.utf8))
      #expect(
        parser.parse(), "SVG \(count) is not well-formed: \(String(describing: parser.parserError))"
      )
      rest = rest[end.upperBound...]
      count += 1
    }
    #expect(count == 3)
    if let path = ProcessInfo.processInfo.environment["HALLMARK_EXAMPLE_HTML"] {
      try FileIO.write(Array(page.utf8), to: path, overwrite: true)
    }
  }

  @Test func histogramBinsCountEveryValue() {
    let h = Histogram(
      frame: PlotFrame(title: "t", xLabel: "x", yLabel: "y"),
      values: [0, 0.05, 0.1, 0.5, 0.99, 1, .nan],
      binCount: 10, domain: 0...1)
    let bins = h.bins()
    #expect(bins.count == 10)
    #expect(bins.map(\.count).reduce(0, +) == 6)
    #expect(bins[0].count == 2 && bins[1].count == 1 && bins[9].count == 2)
  }

  @Test func longLinesAreThinnedKeepingExtremes() {
    let points = (0..<100_000).map { (x: Double($0), y: $0 == 54_321 ? 1000.0 : Double($0 % 7)) }
    let thin = LinePlot.thin(points, limit: 2000)
    #expect(thin.count <= 2000)
    #expect(thin.contains { $0.y == 1000 })
    #expect(thin.first?.x == 0 && thin.last?.x == 99_999)
  }

  @Test func tokenViewAndReproduceSection() {
    let view = TokenView(
      title: "doc",
      tokens: [
        .init(text: "<a>", kind: .hit, note: "s=\"1\""), .init(text: " b", kind: .miss),
        .init(text: " c", kind: .unscored),
      ])
    let html = view.render()
    #expect(html.contains("<span class=\"t-hit\" title=\"s=&quot;1&quot;\">&lt;a&gt;</span>"))
    #expect(html.contains("(1 of 2 scored tokens)"))
    #expect(
      ReportPage.shellQuoted(["hallmark", "--out", "my dir", "it's"])
        == "hallmark --out 'my dir' 'it'\\''s'")
  }
}
