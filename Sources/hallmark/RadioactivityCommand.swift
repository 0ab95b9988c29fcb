import ArgumentParser
import Foundation
import GGUF
import Hallmark
import HallmarkModels
import HallmarkRadioactivity
import HallmarkStudents
import HallmarkText

/// `hallmark radioactivity`: was a suspect model trained on our watermarked outputs?
struct RadioactivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "radioactivity",
    abstract: "Test a suspect model for our watermark's radioactivity (Sander et al. 2024).",
    discussion: """
      Closed model (--suspect-outputs FILE.jsonl: generate, student or probe records): the \
      suspect's outputs are scored under the key, each (window, token) tuple once over the whole \
      file, tuples that occur in the prompts left out. With --reference OURS.jsonl (our \
      watermarked outputs) a second, filtered test keeps only tuples whose window occurs in them. \
      Open weights (--suspect-model FILE.gguf or --suspect-student FILE): --reference is read \
      through the suspect with teacher forcing and its top-1 predictions are scored (reading \
      mode). Every result includes the same test under --controls random keys. See \
      Spec/radioactivity.md.
      """)

  @Option(help: "The key file.")
  var key: String

  @Option(help: "The suspect's outputs (JSONL records with completion_ids and/or completion).")
  var suspectOutputs: String?

  @Option(help: "The suspect's weights (GGUF, same tokenizer as the key), for reading mode.")
  var suspectModel: String?

  @Option(help: "An n-gram student file as the suspect, for reading mode.")
  var suspectStudent: String?

  @Option(
    help: "Further prompts whose tuples are excluded (JSONL: prompt, messages or prompt_ids).")
  var prompts: String?

  @Option(help: "Our watermarked outputs (generate records): the filter, or the text read.")
  var reference: String?

  @Option(help: "Use at most this many reference records (the first ones).")
  var limit: Int?

  @Option(help: "Control keys.")
  var controls = 100

  @Option(help: "Seed of the control keys.")
  var controlSeed: UInt64 = 0

  @Option(help: "The level α at which control p-values are counted.")
  var alpha = 0.01

  @Option(help: "GGUF whose tokenizer re-tokenizes text (default: the fetched SmolLM2).")
  var model: String?

  @Option(help: "Sequences decoded together (--suspect-model).")
  var batch = 8

  @Option(help: "Threads for the suspect model.")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "List every control key's log10 p in the JSON.")
  var controlPValues = false

  @Flag(help: "Print the report as one JSON object.")
  var json = false

  func validate() throws {
    let suspects = [suspectOutputs, suspectModel, suspectStudent].compactMap { $0 }
    guard suspects.count == 1 else {
      throw ValidationError(
        "give exactly one of --suspect-outputs, --suspect-model and --suspect-student")
    }
    if suspectOutputs == nil && reference == nil {
      throw ValidationError("reading mode needs --reference (our watermarked outputs to read)")
    }
    guard controls >= 0 else { throw ValidationError("--controls must be >= 0") }
    guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be in (0, 1)") }
    guard batch >= 1, threads >= 1 else {
      throw ValidationError("--batch and --threads must be at least 1")
    }
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
  }

  func run() throws {
    let key = try KeyFile.read(path: key)
    let test = RadioactivityTest(
      key: key, controlCount: controls, controlSeed: controlSeed, alpha: alpha,
      keepControlPValues: controlPValues)
    let suspectLines = try suspectOutputs.map { try SuspectFile.read(path: $0) } ?? []
    let referenceLines = try reference.map { try SuspectFile.read(path: $0) } ?? []
    let promptLines = try prompts.map { try SuspectFile.read(path: $0) } ?? []
    // The tokenizer is loaded only when some record needs it.
    var tokenizer: ModelTokenizer?
    if SuspectCorpus.needsTokenizer(
      suspectLines + referenceLines + promptLines, fingerprint: key.tokenizerFingerprint)
    {
      let loaded = try ModelTokenizer(path: model)
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
    let report: RadioactivityReport
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
      report = RadioactivityReport(
        test: "closed-model", key: key, suspect: suspectOutputs, suspectRecords: summary,
        referenceRecords: referenceSummary, extraPrompts: extra.prompts.count, closedModel: result)
    } else {
      let sequences = referenceDocuments!.map { (prompt: $0.prompt, completion: $0.completion) }
      let predictor: any TopOnePredictor
      let name: String
      if let suspectStudent {
        let student = try NGramModelFile.read(path: suspectStudent)
        guard student.vocabularySize == key.vocabularySize else {
          throw CLIError(
            "\(suspectStudent): vocabulary \(student.vocabularySize) differs from the key's \(key.vocabularySize)"
          )
        }
        predictor = StudentPredictor(model: student, threads: threads)
        name = suspectStudent
      } else {
        let path = suspectModel!
        predictor = try Self.languageModel(path: path, key: key, threads: threads, batch: batch)
        name = path
        if let i = sequences.firstIndex(where: { $0.prompt.isEmpty }) {
          throw CLIError(
            "\(reference!): record \(i + 1) has no prompt ids (the model needs context)")
        }
      }
      let result = try test.openWeights(sequences: sequences, predictor: predictor)
      report = RadioactivityReport(
        test: "open-weights", key: key, suspect: name, referenceRecords: referenceSummary,
        openWeights: result)
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      encoder.keyEncodingStrategy = .convertToSnakeCase
      encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
      print(Self.describe(report))
    }
  }

  /// A GGUF suspect, checked against the key's vocabulary and tokenizer.
  static func languageModel(path: String, key: WatermarkKey, threads: Int, batch: Int) throws
    -> LanguageModelPredictor<LlamaModel>
  {
    let file: GGUFFile
    do {
      file = try GGUFFile(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLIError("\(path): \(error)")
    }
    let model = try LlamaModel(file: file, threads: threads)
    guard model.vocabularySize == key.vocabularySize else {
      throw KeyError.vocabularyMismatch(
        key: key.id, expected: key.vocabularySize, actual: model.vocabularySize)
    }
    if let expected = key.tokenizerFingerprint {
      let tokenizer = try TokenizerLoader.load(gguf: file.metadata)
      guard tokenizer.fingerprint.hex == expected else {
        throw KeyError.tokenizerMismatch(
          key: key.id, expected: expected, actual: tokenizer.fingerprint.hex)
      }
    }
    return LanguageModelPredictor(model: model, batchSize: batch)
  }

  /// The human-readable report.
  static func describe(_ report: RadioactivityReport) -> String {
    var lines = [
      "\(report.test) radioactivity test, key \(report.keyId) (\(report.scheme.name), h = \(report.scheme.contextWidth))"
    ]
    lines.append("suspect: \(report.suspect)")
    func records(_ label: String, _ s: SuspectSummary?) {
      guard let s else { return }
      lines.append(
        "\(label): \(s.records) records, \(s.used) used (\(s.ids) ids, \(s.retokenized) re-tokenized), \(s.empty) empty, \(s.echoes) echoing the prompt, \(s.foreignTokenizer) of another tokenizer, \(s.invalid) invalid"
      )
      if s.mixedTokenizers {
        lines.append(
          "  warning: mixed tokenizers: "
            + s.fingerprints.sorted { $0.key < $1.key }.map { "\($0.key.prefix(16)): \($0.value)" }
            .joined(separator: ", "))
      }
      for p in s.problems.prefix(5) { lines.append("  \(p)") }
    }
    records("suspect records", report.suspectRecords)
    records("reference records", report.referenceRecords)
    var table = Table(headers: [
      "test", "positions", "tuples", "duplicates", "excluded", "filtered", "log10 p",
      "controls < α", "control CI", "empirical p",
    ])
    func row(_ name: String, _ r: TupleTestResult) {
      table.rows.append([
        name, "\(r.positions)", "\(r.tuples)", "\(r.duplicates)", "\(r.excluded)", "\(r.filtered)",
        String(format: "%.2f", r.log10P), "\(r.controls.belowAlpha)/\(r.controls.keys)",
        String(format: "%.3f–%.3f", r.controls.fractionInterval[0], r.controls.fractionInterval[1]),
        String(format: "%.3g", r.controls.empiricalP),
      ])
    }
    if let c = report.closedModel {
      row("all tuples", c.unfiltered)
      if let f = c.filtered { row("filtered", f) }
    }
    if let o = report.openWeights { row("reading mode", o.reading) }
    lines.append(table.text)
    return lines.joined(separator: "\n")
  }
}
