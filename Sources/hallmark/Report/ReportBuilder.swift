import Foundation
import Hallmark
import HallmarkEvidence

/// Assembles `report.json` (Spec/evidence.md section 3.3) from an analysis and the facts of
/// the run: the tool, the command line, the time and the signer.
enum ReportBuilder {
  /// The report. Only `time` depends on the clock.
  static func report(
    analysis: ReportAnalysis, command: [String], time: JSONValue, signer: JSONValue,
    tool: JSONValue = BuildInfo.json
  ) throws -> JSONValue {
    var object = try deterministic(analysis)
    object["format"] = "hallmark-evidence/1"
    object["tool"] = tool
    object["command"] = .array(command.map { .string($0) })
    object["time"] = time
    object["signer"] = signer
    return .object(object)
  }

  /// The members that `report verify` recomputes.
  static func deterministic(_ a: ReportAnalysis) throws -> [String: JSONValue] {
    let key = a.key
    var keyObject: [String: JSONValue] = [
      "id": .string(key.id),
      "commitment": .string(key.commitment),
      "vocabulary_size": .number(Double(key.vocabularySize)),
      "tokenizer_fingerprint": key.tokenizerFingerprint.map { .string($0) } ?? .null,
    ]
    if let derivation = key.derivation {
      keyObject["derivation"] = [
        "master_id": .string(derivation.masterId), "account": .string(derivation.account),
      ]
    }
    let scheme = try JSONValueEncoder().encode(key.scheme)
    var settings: [String: JSONValue] = [
      "alpha": .number(a.settings.alpha),
      "min_scored": .number(Double(a.settings.minScored)),
      "dedup": true,
      "windows": .bool(a.settings.windows != nil),
      "window_min": a.settings.windows.map { .number(Double($0.minimumLength)) } ?? .null,
      "controls": .number(Double(a.settings.controls)),
      "mode": a.settings.text != nil ? "text" : a.settings.tokens != nil ? "tokens" : "none",
    ]
    if let text = a.settings.text {
      settings["normalization"] = .string(text.normalization.name)
      settings["format"] = .string(text.format.rawValue)
      settings["field"] = .string(text.field)
      settings["id_field"] = text.idField.map { .string($0) } ?? .null
      settings["replace_invalid_utf8"] = .bool(text.replaceInvalid)
      settings["tokenizer_fingerprint"] = a.tokenizerFingerprint.map { .string($0) } ?? .null
    } else {
      settings["normalization"] = "none"
    }
    let inputs = try JSONValueEncoder().encode(a.inputs)
    let documents: [JSONValue] = a.documents.map(document)
    var members: [String: JSONValue] = [
      "key": .object(keyObject),
      "scheme": ["name": .string(key.scheme.name), "parameters": scheme],
      "settings": .object(settings),
      "inputs": inputs,
      "method": .object(a.method),
      "documents": .array(documents),
      "corpus_tests": .array(a.corpusTests.map(\.json)),
      "summary": [
        "headline_log10_p": ReportJSON.number(a.headline.log10P),
        "headline_basis": .string(a.headline.basis),
        "documents_watermarked": .number(
          Double(a.documents.filter { $0.outcome == .watermarked }.count)),
      ],
    ]
    // Only when asked for, so that bundles without radioactivity keep their bytes.
    if !a.radioactivity.isEmpty {
      settings["radioactivity"] = .array(a.settings.radioactivity.map { .string($0) })
      members["settings"] = .object(settings)
      members["radioactivity"] = .array(
        try a.radioactivity.map {
          try $0.json(alpha: a.settings.alpha, minimumScored: a.settings.minScored)
        })
    }
    return members
  }

  static func document(_ d: ReportDocument) -> JSONValue {
    let r = d.analysis.score
    var o: [String: JSONValue] = [
      "document": .number(Double(d.ordinal)),
      "source": .string(d.origin.description),
      "id": d.origin.id.map { .string($0) } ?? .null,
      "text_sha256": .string(d.textSHA256),
      "prompt_tokens": .number(Double(d.promptLength)),
      "tokens": .number(Double(r.tokens)),
      "scored": .number(Double(r.scored)),
      "duplicates": .number(Double(r.duplicates)),
      "unscored": .number(Double(r.unscored)),
      "score": ReportJSON.number(r.score),
      "p_value": ReportJSON.pValue(r.pValue),
      "log10_p": ReportJSON.number(r.pValue.log10),
      "z": r.z.map(ReportJSON.number) ?? .null,
      "verdict": .string(d.outcome.rawValue),
    ]
    if let w = d.window {
      o["window"] = [
        "start": .number(Double(w.start)), "end": .number(Double(w.end)),
        "scored": .number(Double(w.scored)), "score": ReportJSON.number(w.score),
        "log10_p_uncorrected": ReportJSON.number(w.pValue.log10),
        "log10_p": ReportJSON.number(w.corrected.log10),
        "p_value": ReportJSON.pValue(w.corrected),
        "windows_tested": .number(Double(w.windowsTested)),
      ]
    }
    return .object(o)
  }
}
