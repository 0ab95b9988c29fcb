import Foundation
import Hallmark
import HallmarkEvidence
import HallmarkRadioactivity

/// One radioactivity result of an evidence report (Spec/evidence.md, `radioactivity`): the
/// result recomputed from its recorded command line and inputs, and the files it was computed
/// from. `report.json` lists these under `radioactivity`; `RadioactivityHTML` renders them.
struct RadioactivitySection {
  /// The result file as given to `--radioactivity`.
  var resultPath: String
  /// The recomputed result, every control's log10 p included.
  var result: RadioactivityReport
  /// The command line that made the result (recorded in it).
  var command: [String]
  /// The result file and the files it was computed from, with their digests.
  var inputs: [InputFileRecord]

  /// One test of the result: its kind, what it means, and its numbers.
  struct Test {
    var kind: String
    var title: String
    var description: String
    var result: TupleTestResult
  }

  /// The result's tests, in a fixed order.
  var tests: [Test] {
    var tests: [Test] = []
    if let c = result.closedModel {
      tests.append(
        Test(
          kind: "closed-model", title: "Closed-model test (all tuples)",
          description:
            "The suspect's own outputs are scored under the key: each distinct (context window, token) tuple once across all outputs, tuples that also occur in a prompt left out. A model never trained on text watermarked with this key scores like chance.",
          result: c.unfiltered))
      if let f = c.filtered {
        tests.append(
          Test(
            kind: "closed-model-filtered", title: "Closed-model test, filtered to our windows",
            description:
              "The same outputs, keeping only tuples whose context window occurs in our own logged watermarked outputs (the reference): a student learns our bias where it saw our text, so this concentrates the signal. The filter looks at windows only, never at scores, so the test stays exact.",
            result: f))
      }
    }
    if let o = result.openWeights {
      tests.append(
        Test(
          kind: "reading-mode", title: "Open-weights test (reading mode)",
          description:
            "Our watermarked outputs (the reference) are read through the suspect model; at every position its most likely next token is scored under the key with our text as the context, each distinct tuple once, predictions that copy a tuple from earlier in the same document left out. A model never trained on our watermarked text predicts like chance.",
          result: o.reading))
    }
    return tests
  }

  /// Decision at the report's α ("radioactive", "not detected", "too few tuples to test").
  static func verdict(_ r: TupleTestResult, alpha: Double, minimumScored: Int) -> String {
    if r.tuples < minimumScored { return "too few tuples to test" }
    return r.log10P < log10(alpha) ? "radioactive" : "not detected"
  }

  /// The `radioactivity` entry of report.json.
  func json(alpha: Double, minimumScored: Int) throws -> JSONValue {
    let r = result
    var object: [String: JSONValue] = [
      "result": .string(resultPath),
      "test": .string(r.test),
      "suspect": .string(r.suspect),
      "key_id": .string(r.keyId),
      "command": .array(command.map { .string($0) }),
      "suspect_records": r.suspectRecords.map(Self.records) ?? .null,
      "reference_records": r.referenceRecords.map(Self.records) ?? .null,
      "extra_prompts": .number(Double(r.extraPrompts)),
      "reference_windows": r.closedModel?.referenceWindows.map { .number(Double($0)) } ?? .null,
      "sequences": r.openWeights.map { .number(Double($0.sequences)) } ?? .null,
    ]
    object["tests"] = .array(
      tests.map { test in
        let t = test.result
        return [
          "kind": .string(test.kind),
          "description": .string(test.description),
          "positions": .number(Double(t.positions)),
          "tuples": .number(Double(t.tuples)),
          "duplicates": .number(Double(t.duplicates)),
          "excluded": .number(Double(t.excluded)),
          "filtered": .number(Double(t.filtered)),
          "tokens": .number(Double(t.score.tokens)),
          "score": ReportJSON.number(t.score.score),
          "p_value": ReportJSON.pValue(t.score.pValue),
          "log10_p": ReportJSON.number(t.log10P),
          "z": t.score.z.map(ReportJSON.number) ?? .null,
          "verdict": .string(Self.verdict(t, alpha: alpha, minimumScored: minimumScored)),
          "negative_controls": Self.controls(t.controls),
        ]
      })
    return .object(object)
  }

  /// A `SuspectSummary` as report.json writes it.
  static func records(_ s: SuspectSummary) -> JSONValue {
    [
      "records": .number(Double(s.records)),
      "used": .number(Double(s.used)),
      "ids": .number(Double(s.ids)),
      "ids_without_fingerprint": .number(Double(s.idsWithoutFingerprint)),
      "retokenized": .number(Double(s.retokenized)),
      "empty": .number(Double(s.empty)),
      "echoes": .number(Double(s.echoes)),
      "foreign_tokenizer": .number(Double(s.foreignTokenizer)),
      "invalid": .number(Double(s.invalid)),
      "mixed_tokenizers": .bool(s.mixedTokenizers),
      "fingerprints": .object(s.fingerprints.mapValues { .number(Double($0)) }),
      "problems": .array(s.problems.map { .string($0) }),
    ]
  }

  /// A `ControlSummary` (with every control's log10 p) as report.json writes it.
  static func controls(_ c: ControlSummary) -> JSONValue {
    [
      "count": .number(Double(c.keys)),
      "seed": .string(String(c.seed)),
      "derivation": .string(derivation),
      "alpha": .number(c.alpha),
      "log10_p": .array((c.log10P ?? []).map(ReportJSON.number)),
      "below_alpha": .number(Double(c.belowAlpha)),
      "fraction_below_alpha": .number(c.fractionBelowAlpha),
      "fraction_interval": .array(c.fractionInterval.map(ReportJSON.number)),
      "minimum_log10_p": ReportJSON.number(c.minimumLog10P),
      "median_log10_p": ReportJSON.number(c.medianLog10P),
      "at_least_as_significant": .number(Double(c.atLeastAsSignificant)),
      "empirical_p": .number(c.empiricalP),
    ]
  }

  /// The control keys' derivation in words (Spec/radioactivity.md#controls).
  static let derivation =
    "control key i = HKDF-SHA256(ikm = seed as 8 bytes little-endian, salt = \"hallmark/v1/radioactivity-control\", info = i in decimal, 32 bytes); same scheme, parameters, vocabulary and tokenizer as the key"
}
