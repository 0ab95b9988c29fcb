import ArgumentParser
import Foundation
import Hallmark
import HallmarkForensics

/// `hallmark scan`: one test over a whole corpus (each tuple counted once across all
/// documents), or attribution over many candidate keys.
struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Test a whole corpus as one sample, or find which candidate keys marked it.",
    discussion: """
      With --key: every document gets its own test (as in detect, with its new tuples) and the \
      corpus gets one test in which each (context window, token) tuple counts once across all \
      documents, so that many short outputs add up while repeated text adds nothing. \
      With --keys FOLDER (key files) or --master FILE --accounts FILE (one account per line; \
      the accounts' derived keys): every candidate key tests the corpus's distinct tuples, the \
      p-values are adjusted with Holm–Bonferroni over the candidates, and those below --alpha \
      are reported as matches. Inputs, bad-input handling and output options are those of \
      detect.
      """)

  @Option(help: "The key file (corpus test).")
  var key: String?

  @Option(help: "A folder of candidate key files (attribution).")
  var keys: String?

  @Option(help: "The master key whose per-account keys are the candidates (attribution).")
  var master: String?

  @Option(help: "The accounts to test, one per line (with --master).")
  var accounts: String?

  @Option(help: "Token-id input instead of text, one document per line (\"-\" for standard input).")
  var tokens: String?

  @OptionGroup var input: TextInputOptions

  @OptionGroup var output: OutputOptions

  @OptionGroup var test: TestOptions

  @Option(help: "Threads for attribution (default: all processors).")
  var threads: Int = System.processorCount

  func validate() throws {
    let modes = [key != nil, keys != nil, master != nil].filter { $0 }.count
    guard modes == 1 else {
      throw ValidationError(
        "give exactly one of --key, --keys FOLDER, or --master FILE --accounts FILE")
    }
    guard (master == nil) == (accounts == nil) else {
      throw ValidationError("--master and --accounts go together")
    }
    if tokens != nil && !input.inputs.isEmpty {
      throw ValidationError("give either --tokens FILE or text inputs, not both")
    }
    if key == nil && output.resume {
      throw ValidationError("--resume continues a corpus scan (--key); attribution runs start over")
    }
    if key == nil && (test.noDedup || test.windows) {
      throw ValidationError("attribution always counts each tuple once and has no --windows")
    }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    if let key {
      try CorpusRun(command: self, key: try KeyFile.read(path: key)).run()
    } else {
      try AttributionRun(command: self).run()
    }
  }

  /// The documents of the run, tokenized for `key`, and the fingerprint used (nil for ids).
  func feed(for key: WatermarkKey) throws -> (DocumentFeed, tokenizer: String?) {
    if let tokens { return (DocumentFeed(tokens: tokens), nil) }
    let (tokenizer, _) = try TokenizerChoice.resolve(path: input.tokenizer, key: key)
    return (
      DocumentFeed(
        text: input,
        tokenization: TextTokenization(tokenizer: tokenizer, normalization: input.normalization)),
      tokenizer.fingerprint.hex
    )
  }
}

/// `scan --key`: per-document tests and the corpus test.
private struct CorpusRun {
  let command: ScanCommand
  let key: WatermarkKey

  func run() throws {
    let (feed, fingerprint) = try command.feed(for: key)
    let report = command.test.report(
      key: key, normalization: fingerprint == nil ? nil : command.input.normalization.name,
      tokenizer: fingerprint, corpus: true)
    let (runRecord, compared) = command.test.runRecord(
      command: "scan", key: key, report: report,
      extra: command.tokens == nil ? [:] : ["mode": "tokens"])
    let out = try ResultOutput(
      options: command.output, headers: report.headers, leftAligned: report.leftAligned,
      run: runRecord, compared: compared, progressTotal: feed.totalBytes)
    if out.alreadyFinished {
      out.warn("\(command.output.out!) already holds a finished scan; nothing to resume")
      return
    }
    var scan = CorpusScan(key: key, dedup: !command.test.noDedup)
    var failures = 0
    let problems = try feed.visitDocuments(reportingTo: out) { document in
      let entry: CorpusScan.Entry
      do {
        entry = try scan.add(try document.tokens().get(), promptLength: document.promptLength)
      } catch {
        out.warn("\(document.origin): \(error); skipped")
        failures += 1
        return
      }
      // A resumed scan re-reads finished documents for the corpus test only.
      if out.isDone(document.origin.description) { return }
      let (record, row, _) = report.report(
        ordinal: document.ordinal, origin: document.origin, analysis: entry.analysis,
        newTuples: entry.newTuples)
      out.emit(record, row: row)
    }
    failures += problems
    let corpus = scan.result
    let outcome = command.test.verdict.outcome(corpus)
    var record = JSONLine()
    record.add("record", "corpus")
    record.add("scheme", key.scheme.name)
    record.add("key", key.id)
    record.add("documents", scan.documents)
    record.add("skipped", failures)
    record.add("tokens", corpus.tokens)
    record.add("scored", corpus.scored)
    record.add("duplicates", corpus.duplicates)
    record.add("unscored", corpus.unscored)
    record.add("score", corpus.score)
    record.add("p_value", corpus.pValue.value)
    record.add("log10_p", corpus.pValue.log10)
    if let z = corpus.z { record.add("z", z) }
    record.add("detected", outcome == .watermarked)
    record.add("verdict", outcome.rawValue)
    if let normalization = report.normalization { record.add("normalization", normalization) }
    if let fingerprint { record.add("tokenizer", fingerprint) }
    out.emit(record, row: nil)
    out.finish(trailer: [
      "",
      "corpus: \(scan.documents) documents, \(corpus.tokens) tokens, \(corpus.scored) distinct "
        + "tuples scored (\(corpus.duplicates) repeats not counted), score "
        + "\(Format.score(corpus.score)), log10 p \(Format.log10(corpus.pValue))"
        + (corpus.z.map { String(format: ", z %.2f", $0) } ?? "") + ": \(outcome.rawValue)",
    ])
    if failures > 0 {
      Terminal.warn("\(failures) input(s) could not be tested (see above)")
      throw ExitCode(1)
    }
  }
}
