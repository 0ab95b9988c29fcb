import Hallmark
import HallmarkEvidence

/// One corpus-level test of an evidence report: a sample of distinct (window, token) tuples
/// tested as a whole, with the counts of what was left out and, optionally, negative controls.
/// `report.json` lists these under `corpus_tests`, and the page renders each the same way.
///
/// This is the hook for other corpus-level tests over the report's documents: build a section
/// with `kind` naming the test, the tuple counts (`filtered` for tuples left out by a filter
/// or exclusion) and the controls, and append it to `ReportAnalysis.corpusTests`; the JSON
/// fields and the page follow from this type (Spec/evidence.md, `corpus_tests`). Radioactivity
/// results have their own records, counts and control keys and their own member
/// (`RadioactivitySection`, `radioactivity`).
struct CorpusTestSection {
  /// What kind of test: "corpus" (all documents, each tuple once) or e.g. "radioactivity".
  var kind: String
  /// One sentence on what was tested, for the page.
  var description: String
  var documents: Int
  /// The test: tokens, scored (distinct tuples counted), duplicates, unscored, score, p.
  var result: DocumentScore
  /// Tuples left out by a filter or exclusion set (0 when none).
  var filtered: Int
  /// The decision at α.
  var verdict: String
  var controls: NegativeControls?
  /// Extra numbers specific to the kind (recorded as they are).
  var extra: [String: JSONValue] = [:]

  /// The `corpus_tests` entry.
  var json: JSONValue {
    var object: [String: JSONValue] = [
      "kind": .string(kind),
      "description": .string(description),
      "documents": .number(Double(documents)),
      "tokens": .number(Double(result.tokens)),
      "scored": .number(Double(result.scored)),
      "duplicates": .number(Double(result.duplicates)),
      "unscored": .number(Double(result.unscored)),
      "filtered": .number(Double(filtered)),
      "score": ReportJSON.number(result.score),
      "p_value": ReportJSON.pValue(result.pValue),
      "log10_p": ReportJSON.number(result.pValue.log10),
      "z": result.z.map(ReportJSON.number) ?? .null,
      "verdict": .string(verdict),
    ]
    if let controls {
      object["negative_controls"] = [
        "count": .number(Double(controls.results.count)),
        "seed": .string(controls.seed),
        "derivation": .string(NegativeControls.derivation),
        "alpha": .number(controls.alpha),
        "log10_p": .array(controls.results.map { ReportJSON.number($0.pValue.log10) }),
        "p_value": .array(controls.results.map { ReportJSON.pValue($0.pValue) }),
        "score": .array(controls.results.map { ReportJSON.number($0.score) }),
        "below_alpha": .number(Double(controls.belowAlpha)),
        "fraction_below_alpha": .number(
          controls.results.isEmpty
            ? 0 : Double(controls.belowAlpha) / Double(controls.results.count)),
      ]
    }
    for (name, value) in extra { object[name] = value }
    return .object(object)
  }
}

/// Number conventions of report.json.
enum ReportJSON {
  /// A finite double, or null (NaN and infinities cannot be written in JSON).
  static func number(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }

  /// A p-value as a double, or null when it underflows (then `log10_p` carries it).
  static func pValue(_ p: PValue) -> JSONValue {
    let v = p.value
    return v.isFinite && (v > 0 || p.log10 == 0) ? .number(v) : .null
  }
}
