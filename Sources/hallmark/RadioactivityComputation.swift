import Foundation
import Hallmark
import HallmarkModels
import HallmarkRadioactivity
import HallmarkStudents

/// The radioactivity test of a parsed `hallmark radioactivity` command line, as a value: the
/// command prints it, and `hallmark report --radioactivity` runs it again from a result's
/// recorded command line to check and reproduce the result.
extension RadioactivityCommand {
  /// Runs the test under `key`, opening every file through `locate` (the report verifier maps
  /// recorded paths to the copies it was given). Returns the report (its `suspect` is the path
  /// as given) and the tokenizer file used, if any record needed one.
  func compute(
    key: WatermarkKey, locate: (String) -> String, keepControlPValues: Bool
  ) throws -> (report: RadioactivityReport, tokenizer: String?) {
    let test = RadioactivityTest(
      key: key, controlCount: controls, controlSeed: controlSeed, alpha: alpha,
      keepControlPValues: keepControlPValues)
    let suspectLines = try suspectOutputs.map { try SuspectFile.read(path: locate($0)) } ?? []
    let referenceLines = try reference.map { try SuspectFile.read(path: locate($0)) } ?? []
    let promptLines = try prompts.map { try SuspectFile.read(path: locate($0)) } ?? []
    // The tokenizer is loaded only when some record needs it.
    var tokenizer: ModelTokenizer?
    if SuspectCorpus.needsTokenizer(
      suspectLines + referenceLines + promptLines, fingerprint: key.tokenizerFingerprint)
    {
      let loaded = try ModelTokenizer(path: model.map(locate))
      if let expected = key.tokenizerFingerprint, expected != loaded.fingerprint {
        throw KeyError.tokenizerMismatch(
          key: key.id, expected: expected, actual: loaded.fingerprint)
      }
      tokenizer = loaded
    }
    let fingerprint = key.tokenizerFingerprint ?? tokenizer?.fingerprint
    var referenceDocuments: [SuspectDocument]?
    var referenceSummary: SuspectSummary?
    if let reference {
      var (documents, summary) = SuspectCorpus.resolve(
        referenceLines, fingerprint: fingerprint, vocabularySize: key.vocabularySize,
        tokenizer: tokenizer)
      if let limit, documents.count > limit { documents = Array(documents.prefix(limit)) }
      guard !documents.isEmpty else {
        throw CLIError(
          "\(reference): no usable records (\(summary.problems.first ?? "empty file"))")
      }
      referenceDocuments = documents
      referenceSummary = summary
    }
    let tokenizerFile = tokenizer.map { model ?? $0.path }
    if let suspectOutputs {
      let (documents, summary) = SuspectCorpus.resolve(
        suspectLines, fingerprint: fingerprint, vocabularySize: key.vocabularySize,
        tokenizer: tokenizer)
      if documents.isEmpty {
        Terminal.warn("\(suspectOutputs): no usable records; nothing was scored")
      }
      let extra = SuspectCorpus.prompts(promptLines, tokenizer: tokenizer)
      if let prompts, extra.skipped > 0 {
        Terminal.warn("\(prompts): \(extra.skipped) lines without a usable prompt skipped")
      }
      let result = test.closedModel(
        documents: documents, prompts: extra.prompts,
        reference: referenceDocuments.map { $0.map { $0.prompt + $0.completion } })
      let report = RadioactivityReport(
        test: "closed-model", key: key, suspect: suspectOutputs, suspectRecords: summary,
        referenceRecords: referenceSummary, extraPrompts: extra.prompts.count, closedModel: result)
      return (report, tokenizerFile)
    }
    let sequences = referenceDocuments!.map { (prompt: $0.prompt, completion: $0.completion) }
    let predictor: any TopOnePredictor
    let name: String
    if let suspectStudent {
      let student = try NGramModelFile.read(path: locate(suspectStudent))
      guard student.vocabularySize == key.vocabularySize else {
        throw CLIError(
          "\(suspectStudent): vocabulary \(student.vocabularySize) differs from the key's \(key.vocabularySize)"
        )
      }
      predictor = StudentPredictor(model: student, threads: threads)
      name = suspectStudent
    } else {
      let path = suspectModel!
      predictor = try Self.languageModel(
        path: locate(path), key: key, threads: threads, batch: batch)
      name = path
      if let i = sequences.firstIndex(where: { $0.prompt.isEmpty }) {
        throw CLIError(
          "\(reference!): record \(i + 1) has no prompt ids (the model needs context)")
      }
    }
    let result = try test.openWeights(sequences: sequences, predictor: predictor)
    let report = RadioactivityReport(
      test: "open-weights", key: key, suspect: name, referenceRecords: referenceSummary,
      openWeights: result)
    return (report, tokenizerFile)
  }

  /// The files the run reads, with their roles, in a fixed order (the key file is not one: a
  /// result records the key's commitment instead).
  func inputFiles(tokenizer: String?) -> [(path: String, role: String)] {
    var files: [(String, String)] = []
    if let suspectOutputs { files.append((suspectOutputs, "suspect-outputs")) }
    if let suspectModel { files.append((suspectModel, "suspect-model")) }
    if let suspectStudent { files.append((suspectStudent, "suspect-student")) }
    if let reference { files.append((reference, "reference")) }
    if let prompts { files.append((prompts, "prompts")) }
    if let tokenizer { files.append((tokenizer, "tokenizer")) }
    return files
  }
}

/// How radioactivity results are written and read as JSON (snake-case keys, sorted).
enum RadioactivityJSON {
  static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return encoder
  }

  static var decoder: JSONDecoder {
    let decoder = JSONDecoder()
    // Snake case to camel case, except inside a p-value, whose keys are spelled out
    // ("log10_p", "p_value") and which the encoder's conversion leaves as they are.
    decoder.keyDecodingStrategy = .custom { path in
      let key = path.last!
      guard path.dropLast().last?.stringValue != "pValue" else { return key }
      let parts = key.stringValue.split(separator: "_", omittingEmptySubsequences: false)
      guard parts.count > 1, !parts.contains(where: \.isEmpty) else { return key }
      let camel =
        String(parts[0])
        + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }
        .joined()
      return AnyCodingKey(camel)
    }
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return decoder
  }
}

/// A coding key from a string (for the key decoding strategy).
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { return nil }
}
