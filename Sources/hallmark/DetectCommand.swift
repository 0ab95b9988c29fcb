import ArgumentParser
import Foundation
import Hallmark
import HallmarkForensics

/// `hallmark detect`: tests documents for a key's watermark, one test per document.
struct DetectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "detect",
    abstract: "Test documents for a key's watermark and print exact p-values.",
    discussion: """
      Text mode (the default) reads files, folders (recursively, in path order), JSONL \
      (--field, --id-field) or standard input, and re-tokenizes the text with the key's \
      tokenizer. --tokens FILE reads token ids instead, one document per line: \
      whitespace-separated ids, a JSON array, or a `generate` record (its completion_ids are \
      scored, its prompt_ids are context). Anything that cannot be read (a missing or \
      unreadable file, invalid UTF-8, a bad JSON line, a missing field) is reported with its \
      file, line and byte offset; the other documents are still tested, and the exit status is \
      1 at the end. A document with fewer than --min-scored scored tuples is "too short to \
      test", never a verdict. --windows also searches for the best-scoring passage (for text \
      where only part is watermarked) and decides on its p-value, corrected for the search.
      """)

  @Option(help: "The key file.")
  var key: String

  @Option(help: "Token-id input instead of text, one document per line (\"-\" for standard input).")
  var tokens: String?

  @OptionGroup var input: TextInputOptions

  @OptionGroup var output: OutputOptions

  @OptionGroup var test: TestOptions

  func validate() throws {
    if tokens != nil && !input.inputs.isEmpty {
      throw ValidationError("give either --tokens FILE or text inputs, not both")
    }
  }

  func run() throws {
    let key = try KeyFile.read(path: key)
    let feed: DocumentFeed
    var report = test.report(key: key, normalization: nil, tokenizer: nil, corpus: false)
    if let tokens {
      feed = DocumentFeed(tokens: tokens)
    } else {
      let (tokenizer, _) = try TokenizerChoice.resolve(path: input.tokenizer, key: key)
      let tokenization = TextTokenization(tokenizer: tokenizer, normalization: input.normalization)
      feed = DocumentFeed(text: input, tokenization: tokenization)
      report = test.report(
        key: key, normalization: input.normalization.name, tokenizer: tokenizer.fingerprint.hex,
        corpus: false)
    }
    let (run, compared) = test.runRecord(
      command: "detect", key: key, report: report, extra: tokens == nil ? [:] : ["mode": "tokens"])
    let out = try ResultOutput(
      options: output, headers: report.headers, leftAligned: report.leftAligned, run: run,
      compared: compared, progressTotal: feed.totalBytes)
    let detector = Detector(key: key)
    var seen = TupleSet()
    var failures = 0
    let problems = try feed.visitDocuments(reportingTo: out) { document in
      if out.isDone(document.origin.description) { return }
      let analysis: DocumentAnalysis
      do {
        let ids = try document.tokens().get()
        analysis = try DocumentAnalysis.analyze(
          ids, detector: detector, promptLength: document.promptLength, dedup: !test.noDedup,
          seen: &seen)
      } catch {
        out.warn("\(document.origin): \(error); skipped")
        failures += 1
        return
      }
      let (record, row, _) = report.report(
        ordinal: document.ordinal, origin: document.origin, analysis: analysis)
      out.emit(record, row: row)
    }
    failures += problems
    out.finish()
    if failures > 0 {
      Terminal.warn("\(failures) input(s) could not be tested (see above)")
      throw ExitCode(1)
    }
  }
}

/// The test's settings, shared by detect and scan.
struct TestOptions: ParsableArguments {
  @Option(help: "Decision threshold α on the p-value (default 1e-6: see Spec/detection.md).")
  var alpha: Double = 1e-6

  @Option(help: "Documents with fewer scored tuples are reported as too short to test.")
  var minScored: Int = 16

  @Flag(help: "Count repeated (context, token) tuples every time (not calibrated; for study only).")
  var noDedup = false

  @Flag(help: "Also find the best-scoring window; decide on its p-value corrected for the search.")
  var windows = false

  @Option(help: "The shortest window searched, in scored tuples.")
  var windowMin: Int = 32

  func validate() throws {
    guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be in (0, 1)") }
    guard minScored >= 1 else { throw ValidationError("--min-scored must be at least 1") }
    guard windowMin >= 1 else { throw ValidationError("--window-min must be at least 1") }
  }

  var verdict: Verdict { Verdict(alpha: alpha, minimumScored: minScored) }

  func report(key: WatermarkKey, normalization: String?, tokenizer: String?, corpus: Bool)
    -> DocumentReport
  {
    DocumentReport(
      key: key, verdict: verdict, windows: windows ? WindowSearch(minimumLength: windowMin) : nil,
      normalization: normalization, tokenizer: tokenizer, corpus: corpus)
  }

  /// The run record of a results file, and the fields a resumed run must match.
  func runRecord(
    command: String, key: WatermarkKey, report: DocumentReport, extra: [String: String] = [:]
  ) -> (JSONLine, [String: String]) {
    var compared: [String: String] = [
      "command": command, "key": key.id, "dedup": "\(!noDedup)", "windows": "\(windows)",
      "normalization": report.normalization ?? "none", "tokenizer": report.tokenizer ?? "none",
    ]
    for (k, v) in extra { compared[k] = v }
    var run = JSONLine()
    run.add("record", "run")
    for name in compared.keys.sorted() { run.add(name, compared[name]!) }
    run.add("scheme", key.scheme.name)
    run.add("alpha", alpha)
    run.add("min_scored", minScored)
    if windows { run.add("window_min", windowMin) }
    return (run, compared)
  }
}
