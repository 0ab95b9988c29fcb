import Foundation
import Hallmark
import HallmarkEvidence
import HallmarkForensics

/// The page of an evidence bundle (`report.html`), laid out by `ReportPage`: the finding in
/// plain words, the method, inputs, results, plots, the strongest documents token by token,
/// and how to reproduce and verify. Every number comes from the analysis that `report.json`
/// records.
struct ReportHTML {
  let analysis: ReportAnalysis
  let report: JSONValue
  let created: String
  let signer: ReportSigner

  /// Documents shown token by token.
  static let tokenViews = 3
  /// Tokens shown per document at most.
  static let tokenLimit = 1500

  func render() -> String {
    let key = analysis.key
    var summary: [HTMLBlock] = []
    if let corpus = analysis.corpusTests.first { summary += documentSummary(corpus) }
    summary += RadioactivityHTML.summary(analysis)
    if !analysis.documents.isEmpty {
      summary.append(
        .paragraph(
          "The report does not say who wrote the text. It says how unlikely these scores are for text produced without the key. The watermark key itself is not in this bundle; only its commitment \(key.commitment), which binds it without revealing it."
        ))
    }

    let methodObject = analysis.method
    // Without documents, only the per-tuple test applies (the radioactivity results explain
    // their own counting and controls).
    let documentMethod = analysis.documents.isEmpty ? [] : ["dedup", "decision", "controls"]
    let method: [HTMLBlock] =
      (["test"] + documentMethod).map { .paragraph(methodObject[$0]?.stringValue ?? "") } + [
        .paragraph("References: " + (methodObject["reference"]?.stringValue ?? "")),
        .keyValues(
          [
            ("Key id", key.id), ("Key commitment", key.commitment), ("Scheme", key.scheme.name),
          ] + key.scheme.summary + [
            ("Vocabulary size", PlainWords.grouped(key.vocabularySize))
          ] + Self.tokenizerRows(analysis, key: key)),
      ]

    var results: [HTMLBlock] = []
    let rows = analysis.documents.map { d -> [String] in
      let r = d.analysis.score
      return [
        "\(d.ordinal)",
        d.origin.id.map { "\(d.origin.description) (\($0))" } ?? d.origin.description,
        PlainWords.grouped(r.tokens), PlainWords.grouped(r.scored),
        PlainWords.grouped(r.duplicates), Format.score(r.score), Self.fixed(r.pValue.log10),
        PlainWords.oneIn(log10P: r.pValue.log10), d.outcome.rawValue,
      ]
    }
    if !analysis.documents.isEmpty {
      results.append(.paragraph("Each document tested on its own:"))
    }
    if !analysis.documents.isEmpty {
      results.append(
        .table(
          HTMLTable(
            headers: [
              "#", "Document", "Tokens", "Scored", "Repeats", "Score", "log10 p", "Chance",
              "Verdict",
            ], rows: rows, numericColumns: [0, 2, 3, 4, 5, 6])))
    }
    for section in analysis.corpusTests {
      results.append(.paragraph(section.description))
      var pairs: [(String, String)] = [
        ("Documents", PlainWords.grouped(section.documents)),
        ("Tokens", PlainWords.grouped(section.result.tokens)),
        ("Distinct tuples scored", PlainWords.grouped(section.result.scored)),
        ("Repeated tuples not counted", PlainWords.grouped(section.result.duplicates)),
        ("Tuples left out by a filter", PlainWords.grouped(section.filtered)),
        ("Score", Format.score(section.result.score)),
        ("log10 p", Self.fixed(section.result.pValue.log10)),
        ("Chance without the key", PlainWords.oneIn(log10P: section.result.pValue.log10)),
        ("Verdict", section.verdict),
      ]
      if let controls = section.controls {
        pairs.append(
          (
            "Control keys below α",
            "\(controls.belowAlpha) of \(controls.results.count) (seed \(controls.seed))"
          ))
      }
      results.append(.keyValues(pairs))
    }
    results += RadioactivityHTML.results(analysis)

    return ReportPage(
      title: "Watermark evidence report",
      subtitle:
        "\(BuildInfo.name) \(BuildInfo.version) (\(BuildCommit.value)) · created \(created)",
      summary: summary, method: method, inputs: analysis.inputs, results: results,
      figures: figures() + RadioactivityHTML.figures(analysis), tokenViews: tokenViews(),
      command: report["command"]?.arrayValue?.compactMap(\.stringValue) ?? [],
      reproduceNotes: [
        "Verify the bundle and recompute every number (the key file is needed for the recomputation; it is refused unless its commitment is the report's):",
        "hallmark report verify BUNDLE --key KEY.json --inputs INPUT-FILES... [--public-key signer.pub.pem | --ca-file ca.pem] [--tsa-ca tsa-ca.pem]",
      ],
      signatureMode: {
        if case .cms = signer { return .cms }
        return .ed25519
      }()
    ).render()
  }

  /// The summary of the document tests.
  func documentSummary(_ corpus: CorpusTestSection) -> [HTMLBlock] {
    let key = analysis.key
    var summary: [HTMLBlock] = []
    let headline = analysis.headline
    summary.append(
      .calloutHTML(
        "The chance that text written without this key scores this high is about "
          + PlainWords.oneInHTML(log10P: headline.log10P) + "."))
    summary.append(.paragraph("This figure is for \(headline.basis)."))
    let detected = analysis.documents.filter { $0.outcome == .watermarked }.count
    summary.append(
      .paragraph(
        "\(analysis.documents.count) document(s) were tested for the watermark of key \(key.id) (scheme \(key.scheme.name)). "
          + "\(detected) of them are individually reported as watermarked at the threshold α = \(analysis.settings.alpha). "
          + "Taken together (each repeated piece of text counted once), the corpus scores log10 p = \(Self.fixed(corpus.result.pValue.log10)): \(corpus.verdict)."
      ))
    if let controls = corpus.controls, !controls.results.isEmpty {
      let strongestControl = controls.results.map(\.pValue.log10).min() ?? 0
      let expected = Double(controls.results.count) * analysis.settings.alpha
      let separated =
        corpus.result.pValue.log10 < strongestControl
        && controls.belowAlpha <= max(1, Int(expected * 3))
      summary.append(
        .paragraph(
          "As a check, the same corpus test was run with \(controls.results.count) other keys that were never used to write anything. "
            + "\(controls.belowAlpha) of them fall below α (\(String(format: "%.2g", expected)) expected by chance); "
            + "the strongest of them reaches log10 p = \(Self.fixed(strongestControl)), against \(Self.fixed(corpus.result.pValue.log10)) under this key. "
            + (separated
              ? "The signal belongs to this key, not to the text or the method."
              : "The controls do not separate clearly from this key: the result should not be relied on.")
        ))
    }
    return summary
  }

  /// The three plots of the document tests.
  func figures() -> [HTMLBlock] {
    var blocks: [HTMLBlock] = []
    guard let corpus = analysis.corpusTests.first else { return [] }
    let controls = corpus.controls?.results.map(\.pValue.log10) ?? []
    let documentValues = analysis.documents.map(\.analysis.score.pValue.log10)
    let alphaLine = PlotMarker(
      value: log10(analysis.settings.alpha), label: "α", color: PlotColor.grey)
    let lowest =
      min(
        (documentValues + controls + [corpus.result.pValue.log10]).filter(\.isFinite).min() ?? -1,
        log10(analysis.settings.alpha)) - 1
    let strip = StripPlot(
      frame: PlotFrame(
        title: "log10 p of each document under the key, against the control keys",
        xLabel: "log10 p (further left = stronger evidence)", yLabel: ""),
      rows: [
        StripPlot.Row(
          label: "documents", values: documentValues, color: PlotColor.vermillion,
          tooltips: analysis.documents.map {
            "\($0.origin.description): \(Self.fixed($0.analysis.score.pValue.log10))"
          }),
        StripPlot.Row(label: "control keys", values: controls, color: PlotColor.blue),
      ],
      markers: [
        alphaLine,
        PlotMarker(value: corpus.result.pValue.log10, label: "corpus", color: PlotColor.vermillion),
      ],
      domain: lowest...0)
    blocks.append(
      .figure(
        svg: strip.render(),
        caption:
          "Red: each document's p-value under the key (log10). Blue: the corpus test under each control key, which never wrote anything; they scatter near 0. The grey line is α."
      ))
    if let best = analysis.strongest.first {
      let a = best.analysis
      let mean = Self.nullMean(Detector.null(of: analysis.key))
      var cumulative: [Double] = []
      var sum = 0.0
      for (p, s) in a.scoredTokens.scores.enumerated() where a.counted[p] {
        sum += s - mean
        cumulative.append(sum)
      }
      let line = LinePlot(
        frame: PlotFrame(
          title: "Cumulative excess score along \(best.origin.description)",
          xLabel: "scored tokens", yLabel: "score − expected"),
        series: [
          LinePlot.Series(label: "this document", values: cumulative, color: PlotColor.vermillion),
          LinePlot.Series(
            label: "expected without the key", values: cumulative.map { _ in 0 },
            color: PlotColor.grey, dashed: true),
        ])
      blocks.append(
        .figure(
          svg: line.render(),
          caption:
            "Along the strongest document, the running total of each counted token's score minus its expected value without the key. Text without the watermark wanders around 0; watermarked text climbs steadily."
        ))
    }
    if !controls.isEmpty {
      let histogram = Histogram(
        frame: PlotFrame(
          title: "Negative controls: corpus log10 p under \(controls.count) control keys",
          xLabel: "log10 p", yLabel: "keys"),
        values: controls, binCount: 20, domain: lowest...0,
        markers: [
          alphaLine,
          PlotMarker(
            value: corpus.result.pValue.log10, label: "this key", color: PlotColor.vermillion),
        ])
      blocks.append(
        .figure(
          svg: histogram.render(),
          caption:
            "How the corpus scores under keys that never wrote it (blue bars), and under the key of this report (red line)."
        ))
    }
    return blocks
  }

  /// Token-coloured views of the strongest documents.
  func tokenViews() -> [TokenView] {
    let null = Detector.null(of: analysis.key)
    return analysis.strongest.prefix(Self.tokenViews).map { d in
      var tokens: [TokenView.Token] = []
      let title = "\(d.origin.description): log10 p \(Self.fixed(d.analysis.score.pValue.log10))"
      if let tokenizer = analysis.tokenizer {
        let explanation = Explanation(analysis: d.analysis, tokenizer: tokenizer, null: null)
        for segment in explanation.segments {
          if segment.tokens.lowerBound >= Self.tokenLimit { break }
          tokens.append(Self.token(segment.text, segment.mark))
        }
      } else {
        let first = d.analysis.scoredTokens.firstPosition
        for (i, id) in d.analysis.tokens.prefix(Self.tokenLimit).enumerated() {
          let mark: TokenMark =
            i < first
            ? .unscored
            : d.analysis.counted[i - first]
              ? .scored(d.analysis.scoredTokens.scores[i - first], null: null) : .duplicate
          tokens.append(Self.token("\(id) ", mark))
        }
      }
      return TokenView(title: title, tokens: tokens)
    }
  }

  static func token(_ text: String, _ mark: TokenMark) -> TokenView.Token {
    switch mark {
    case .unscored: return TokenView.Token(text: text, kind: .unscored, note: "not scored")
    case .duplicate:
      return TokenView.Token(text: text, kind: .unscored, note: "repeat, not counted")
    case .scored(let score, let strength):
      return TokenView.Token(
        text: text, kind: strength > 0 ? .hit : .miss, note: "score \(Format.score(score))")
    }
  }

  /// The mean per-token score without the key.
  static func nullMean(_ null: NullDistribution) -> Double {
    switch null {
    case .binomial(let trials, let p): return Double(trials) * p
    case .gamma: return 1
    }
  }

  static func fixed(_ x: Double, _ decimals: Int = 2) -> String {
    x.isFinite ? SVGFormat.fixed(x, decimals: decimals) : (x < 0 ? "−∞" : "∞")
  }

  /// How the text became token ids: the documents' normalization and tokenizer, or, for a
  /// radioactivity-only bundle (whose results record their own inputs), the key's tokenizer.
  static func tokenizerRows(_ analysis: ReportAnalysis, key: WatermarkKey) -> [(String, String)] {
    if analysis.documents.isEmpty {
      return [("Tokenizer fingerprint (the key's)", key.tokenizerFingerprint ?? "not recorded")]
    }
    return [
      ("Normalization", analysis.settings.text?.normalization.name ?? "none (token ids)"),
      ("Tokenizer fingerprint", analysis.tokenizerFingerprint ?? "none (token ids)"),
    ]
  }
}
