import Foundation
import HallmarkEvidence
import HallmarkRadioactivity

/// The radioactivity part of an evidence report's page: a summary in plain words, each result
/// with its tests, records and controls, and a small plot of each test's control p-values.
/// Every number comes from the `radioactivity` member of `report.json`.
enum RadioactivityHTML {
  /// The summary paragraphs (with the headline when the report has no documents).
  static func summary(_ analysis: ReportAnalysis) -> [HTMLBlock] {
    guard !analysis.radioactivity.isEmpty else { return [] }
    var blocks: [HTMLBlock] = []
    if analysis.documents.isEmpty {
      let headline = analysis.headline
      blocks.append(
        .calloutHTML(
          "The chance that a model never trained on text watermarked with this key scores this high is about "
            + PlainWords.oneInHTML(log10P: headline.log10P) + "."))
      blocks.append(.paragraph("This figure is for \(headline.basis)."))
    }
    for section in analysis.radioactivity {
      let parts = section.tests.map { test in
        "\(test.title.lowercased()): log10 p = \(ReportHTML.fixed(test.result.log10P)) over \(PlainWords.grouped(test.result.tuples)) distinct tuples, \(test.result.controls.belowAlpha) of \(test.result.controls.keys) control keys below \(test.result.controls.alpha)"
      }
      blocks.append(
        .paragraph(
          "Radioactivity (\(section.result.suspect)): was the suspect trained on text watermarked with key \(analysis.key.id)? "
            + parts.joined(separator: "; ") + "."))
    }
    blocks.append(
      .paragraph(
        "A radioactivity test says how unlikely the suspect's scores are for a model never trained on text carrying this key's watermark; the control keys, which never watermarked anything, show what chance looks like. It does not say how much of our text the suspect saw, nor who trained it. The watermark key is not in this bundle, only its commitment \(analysis.key.commitment)."
      ))
    return blocks
  }

  /// Each result: what was tested, the records, and each test's numbers.
  static func results(_ analysis: ReportAnalysis) -> [HTMLBlock] {
    var blocks: [HTMLBlock] = []
    for section in analysis.radioactivity {
      let r = section.result
      blocks.append(
        .paragraph(
          "Radioactivity result \(section.resultPath) (\(r.test) test of \(r.suspect)), recomputed from its recorded inputs; made with:"
        ))
      blocks.append(.code(ReportPage.shellQuoted(section.command)))
      var rows: [[String]] = []
      if let s = r.suspectRecords { rows.append(recordRow("suspect outputs", s)) }
      if let s = r.referenceRecords { rows.append(recordRow("our reference outputs", s)) }
      if !rows.isEmpty {
        blocks.append(
          .table(
            HTMLTable(
              headers: [
                "Records", "Read", "Used", "Empty", "Echo the prompt", "Other tokenizer",
                "Invalid", "Mixed tokenizers",
              ], rows: rows, numericColumns: [1, 2, 3, 4, 5, 6])))
      }
      let problems = (r.suspectRecords?.problems ?? []) + (r.referenceRecords?.problems ?? [])
      if !problems.isEmpty {
        blocks.append(.paragraph("Records left out, first reasons:"))
        blocks.append(.list(Array(problems.prefix(10))))
      }
      for test in section.tests {
        let t = test.result
        let c = t.controls
        blocks.append(.paragraph(test.title + ". " + test.description))
        var pairs: [(String, String)] = [
          ("Positions looked at", PlainWords.grouped(t.positions)),
          ("Distinct tuples scored", PlainWords.grouped(t.tuples)),
          ("Repeated tuples not counted", PlainWords.grouped(t.duplicates)),
          (
            r.test == "open-weights"
              ? "Copied from the context, left out" : "In a prompt, left out",
            PlainWords.grouped(t.excluded)
          ),
        ]
        if test.kind == "closed-model-filtered" {
          pairs.append(("Window not in our outputs, left out", PlainWords.grouped(t.filtered)))
          if let w = r.closedModel?.referenceWindows {
            pairs.append(("Distinct windows in our outputs", PlainWords.grouped(w)))
          }
        }
        if r.extraPrompts > 0 { pairs.append(("Extra prompts excluded", "\(r.extraPrompts)")) }
        if let o = r.openWeights { pairs.append(("Documents read", "\(o.sequences)")) }
        pairs += [
          ("Score", Format.score(t.score.score)),
          ("log10 p", ReportHTML.fixed(t.log10P)),
          ("Chance without training on our text", PlainWords.oneIn(log10P: t.log10P)),
          (
            "Verdict at α = \(analysis.settings.alpha)",
            RadioactivitySection.verdict(
              t, alpha: analysis.settings.alpha, minimumScored: analysis.settings.minScored)
          ),
          (
            "Control keys below \(c.alpha)",
            "\(c.belowAlpha) of \(c.keys) (95 % interval \(ReportHTML.fixed(c.fractionInterval[0], 3))–\(ReportHTML.fixed(c.fractionInterval[1], 3)); seed \(c.seed))"
          ),
          (
            "Control log10 p",
            "median \(ReportHTML.fixed(c.medianLog10P)), strongest \(ReportHTML.fixed(c.minimumLog10P))"
          ),
          ("Rank among the controls (empirical p)", ReportHTML.fixed(c.empiricalP, 4)),
        ]
        blocks.append(.keyValues(pairs))
      }
    }
    return blocks
  }

  static func recordRow(_ label: String, _ s: SuspectSummary) -> [String] {
    [
      label, PlainWords.grouped(s.records), PlainWords.grouped(s.used), "\(s.empty)",
      "\(s.echoes)", "\(s.foreignTokenizer)", "\(s.invalid)", s.mixedTokenizers ? "yes" : "no",
    ]
  }

  /// One small histogram per test: the control keys' log10 p, and the key's as a line.
  static func figures(_ analysis: ReportAnalysis) -> [HTMLBlock] {
    var blocks: [HTMLBlock] = []
    for section in analysis.radioactivity {
      for test in section.tests {
        let controls = test.result.controls.log10P ?? []
        guard !controls.isEmpty else { continue }
        let alpha = test.result.controls.alpha
        let lowest =
          min(([test.result.log10P] + controls).filter(\.isFinite).min() ?? -1, log10(alpha)) - 1
        var frame = PlotFrame(
          title: "\(test.title): log10 p under \(controls.count) control keys",
          xLabel: "log10 p", yLabel: "keys")
        frame.height = 240
        let histogram = Histogram(
          frame: frame, values: controls, binCount: 20, domain: lowest...0,
          markers: [
            PlotMarker(value: log10(alpha), label: "\(alpha)", color: PlotColor.grey),
            PlotMarker(value: test.result.log10P, label: "this key", color: PlotColor.vermillion),
          ])
        blocks.append(
          .figure(
            svg: histogram.render(),
            caption:
              "Radioactivity of \(section.result.suspect), \(test.title.lowercased()): the same test under keys that never watermarked anything (blue bars) and under the key of this report (red line). The grey line is \(alpha)."
          ))
      }
    }
    return blocks
  }
}
