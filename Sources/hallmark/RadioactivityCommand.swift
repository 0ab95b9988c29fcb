import ArgumentParser
import Foundation
import GGUF
import Hallmark
import HallmarkEvidence
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
    let computed = try compute(key: key, locate: { $0 }, keepControlPValues: controlPValues)
    if json {
      var report = computed.report
      report.command = ReportCreateCommand.recordedCommand(CommandLine.arguments)
      report.inputs = try inputFiles(tokenizer: computed.tokenizer).map { path, role in
        do {
          return try InputFileRecord.describe(path: path, role: role)
        } catch {
          throw CLIError("\(path): cannot read \(role) (\(error))")
        }
      }
      print(String(decoding: try RadioactivityJSON.encoder.encode(report), as: UTF8.self))
    } else {
      print(Self.describe(computed.report))
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
