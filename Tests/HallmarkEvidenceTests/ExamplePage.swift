import Foundation

@testable import HallmarkEvidence

/// A page with made-up but plausible numbers, to test the page builder and to look at
/// (scripts/render-html.sh renders it when HALLMARK_EXAMPLE_HTML names an output file).
enum ExamplePage {
  /// Deterministic pseudo-random numbers in [0, 1).
  static func uniform(_ i: Int) -> Double { (StripPlot.jitter(i) + 1) / 2 }

  /// p-values of 100 random-key controls: uniform in (0.001, 1).
  static let nullP: [Double] = (0..<100).map { max(uniform($0), 1e-3) }
  static let nullLog10P: [Double] = nullP.map { logApprox($0) / 2.302585092994046 }

  /// ln(p) by the stdlib only (series), good enough for an illustration.
  static func logApprox(_ p: Double) -> Double {
    var x = p
    var k = 0.0
    while x < 0.5 {
      x *= 2
      k -= 0.6931471805599453
    }
    let y = (x - 1) / (x + 1)
    var term = y
    var sum = 0.0
    var n = 1.0
    for _ in 0..<30 {
      sum += term / n
      term *= y * y
      n += 2
    }
    return k + 2 * sum
  }

  static let documentLog10P: [Double] = [-14.2, -9.7, -11.3, -0.4, -7.9, -1.1, -12.8, -0.2]

  static func make() -> String {
    let tokens =
      "The committee reviewed the proposal in detail and agreed to fund the project for another year, provided that the quarterly reports continue to arrive on time."
      .split(separator: " ", omittingEmptySubsequences: false)
    let view = TokenView(
      title: "doc-0001.txt (log10 p = -14.2)",
      tokens: tokens.enumerated().map { i, word in
        let kind: TokenView.Kind = i < 2 ? .unscored : (uniform(i + 500) < 0.78 ? .hit : .miss)
        return TokenView.Token(text: (i == 0 ? "" : " ") + word, kind: kind, note: "token \(i)")
      })
    var cumulative: [Double] = []
    var expected: [Double] = []
    var sum = 0.0
    for i in 0..<600 {
      sum += uniform(i + 900) < 0.72 ? 1 : 0
      cumulative.append(sum)
      expected.append(Double(i + 1) * 0.5)
    }
    let strip = StripPlot(
      frame: PlotFrame(
        title: "Per-document evidence against the null controls",
        xLabel: "log10 p (further left = stronger evidence)",
        yLabel: ""),
      rows: [
        .init(label: "documents", values: documentLog10P, color: PlotColor.vermillion),
        .init(label: "100 random keys", values: nullLog10P, color: PlotColor.grey),
      ],
      band: ((nullLog10P.min() ?? -2)...0, "range of the random-key controls"),
      markers: [PlotMarker(value: -2, label: "α = 0.01")])
    let line = LinePlot(
      frame: PlotFrame(
        title: "Cumulative score along doc-0001.txt", xLabel: "token position",
        yLabel: "green tokens so far"),
      series: [
        .init(label: "observed", values: cumulative, color: PlotColor.green),
        .init(
          label: "expected without the key (γ = 0.5)", values: expected, color: PlotColor.grey,
          dashed: true),
      ])
    let histogram = Histogram(
      frame: PlotFrame(
        title: "Negative controls: p-values under 100 random keys", xLabel: "p-value",
        yLabel: "keys"),
      values: nullP, binCount: 10, domain: 0...1,
      markers: [PlotMarker(value: 0.01, label: "α = 0.01")])
    let inputs = [
      InputFileRecord(
        path: "corpus/suspect.jsonl", role: "text", bytes: 1_234_567,
        sha256: String(repeating: "ab", count: 32)),
      InputFileRecord(
        path: "models/tokenizer.gguf", role: "tokenizer", bytes: 98_765_432,
        sha256: String(repeating: "3f", count: 32)),
    ]
    return ReportPage(
      title: "Watermark evidence report (illustration)",
      subtitle: "hallmark 0.0.0 · 2026-01-01T00:00:00Z · illustration with made-up numbers",
      summary: [
        .calloutHTML(
          "The chance that text written without this key scores this high is about \(PlainWords.oneInHTML(log10P: -14.2)) for the strongest document."
        ),
        .paragraph(
          "6 of 8 documents carry the watermark at α = 0.01 after correction for testing 8 documents. Under 100 random keys, 1 of 100 controls fell below α, as chance predicts."
        ),
      ],
      method: [
        .paragraph(
          "Each token is scored with the keyed green-list test of Kirchenbauer et al. (2023); the count of green tokens is compared with its exact binomial distribution."
        ),
        .keyValues([
          ("Scheme", "kgw-selfhash"), ("γ (green fraction)", "0.5"), ("Context width", "4"),
          ("Key id", "9c1e…"),
        ]),
      ],
      inputs: inputs,
      results: [
        .table(
          HTMLTable(
            headers: ["Document", "Scored", "Green", "log10 p"],
            rows: documentLog10P.enumerated().map { i, p in
              [
                "doc-\(String(i + 1))", "600", "\(300 + Int(-p * 10))",
                SVGFormat.fixed(p, decimals: 1),
              ]
            }, numericColumns: [1, 2, 3]))
      ],
      figures: [
        .figure(
          svg: strip.render(),
          caption: "Each dot is one document; the grey band is where the random-key controls fall."),
        .figure(
          svg: line.render(),
          caption: "Green tokens accumulate faster than the dashed line expected without the key."),
        .figure(
          svg: histogram.render(),
          caption: "Under keys that were not used, p-values spread evenly, as they should."),
      ],
      tokenViews: [view],
      command: [
        "hallmark", "report", "--key", "key.hmk", "--out", "bundle dir", "corpus/suspect.jsonl",
      ],
      reproduceNotes: ["The key file is not part of the bundle; its commitment (key id) is."],
      signatureMode: .ed25519
    ).render()
  }
}
