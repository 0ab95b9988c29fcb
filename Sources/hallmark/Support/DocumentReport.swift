import Foundation
import Hallmark
import HallmarkForensics

/// Turns one document's test into its record (JSON line) and table row, the same for detect
/// and scan, in token-id and text mode (Spec/detection.md#output-fields).
struct DocumentReport {
  let key: WatermarkKey
  let verdict: Verdict
  /// The window search, with `--windows`.
  let windows: WindowSearch?
  /// Text mode: the normalization name and tokenizer fingerprint recorded with each result.
  let normalization: String?
  let tokenizer: String?
  /// Scan: report each document's new tuples.
  let corpus: Bool

  var headers: [String] {
    var h = ["document", "tokens", "scored", "score", "log10 p", "z"]
    if windows != nil { h += ["window", "window log10 p"] }
    if corpus { h.append("new") }
    return h + ["verdict", "source"]
  }

  /// The source column and the verdict column are text.
  var leftAligned: Set<Int> { [0, headers.count - 2, headers.count - 1] }

  /// The record, the row and the outcome of one document.
  func report(
    ordinal: Int, origin: DocumentOrigin, analysis: DocumentAnalysis, newTuples: Int? = nil
  ) -> (record: JSONLine, row: [String], outcome: Verdict.Outcome) {
    let result = analysis.score
    let window = windows?.best(in: analysis, null: Detector.null(of: key))
    let outcome: Verdict.Outcome
    if let window {
      outcome = verdict.outcome(scored: result.scored, pValue: window.corrected)
    } else {
      outcome = verdict.outcome(result)
    }
    var object = JSONLine()
    object.add("record", "document")
    object.add("document", ordinal)
    object.add("source", origin.description)
    if let id = origin.id { object.add("id", id) }
    object.add("scheme", key.scheme.name)
    object.add("key", key.id)
    object.add("tokens", result.tokens)
    object.add("scored", result.scored)
    object.add("duplicates", result.duplicates)
    object.add("unscored", result.unscored)
    object.add("score", result.score)
    object.add("p_value", result.pValue.value)
    object.add("log10_p", result.pValue.log10)
    if let z = result.z { object.add("z", z) }
    if windows != nil {
      object.add("window_start", window.map { Double($0.start) })
      object.add("window_end", window.map { Double($0.end) })
      object.add("window_scored", window.map { Double($0.scored) })
      object.add("window_score", window?.score)
      object.add("window_p_value", window?.corrected.value)
      object.add("window_log10_p", window?.corrected.log10)
      object.add("window_log10_p_uncorrected", window?.pValue.log10)
      object.add("windows_tested", window?.windowsTested ?? 0)
    }
    if let newTuples { object.add("new_tuples", newTuples) }
    object.add("detected", outcome == .watermarked)
    object.add("verdict", outcome.rawValue)
    if let normalization { object.add("normalization", normalization) }
    if let tokenizer { object.add("tokenizer", tokenizer) }

    var row = [
      "\(ordinal)", "\(result.tokens)", "\(result.scored)", Format.score(result.score),
      Format.log10(result.pValue), result.z.map { String(format: "%.2f", $0) } ?? "-",
    ]
    if windows != nil {
      row.append(window.map { "\($0.start)–\($0.end)" } ?? "-")
      row.append(window.map { Format.log10($0.corrected) } ?? "-")
    }
    if let newTuples { row.append("\(newTuples)") }
    row.append(outcome.rawValue)
    row.append(origin.id.map { "\(origin.description) (\($0))" } ?? origin.description)
    return (object, row, outcome)
  }
}

/// Number formats for tables.
enum Format {
  static func score(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15
      ? String(Int64(value)) : String(format: "%.3f", value)
  }

  static func log10(_ p: PValue) -> String { String(format: "%.2f", p.log10) }
}

extension Detector {
  /// The null distribution of `key`'s per-tuple score.
  static func null(of key: WatermarkKey) -> NullDistribution {
    SchemeRegistry.scorer(for: key).null
  }
}
