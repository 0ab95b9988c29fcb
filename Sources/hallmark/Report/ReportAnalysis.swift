import Foundation
import Hallmark
import HallmarkEvidence
import HallmarkForensics
import HallmarkText

/// Everything an evidence report computes from its inputs and the key: the deterministic part
/// of `report.json`. `report` computes it; `report verify` computes it again from the same
/// settings and requires the same bytes.
struct ReportAnalysis {
  /// What the run was asked to do (from the command line).
  struct Settings {
    var alpha: Double
    var minScored: Int
    var windows: WindowSearch?
    var controls: Int
    /// Text mode: the options; nil in token mode.
    var text: TextInputOptions?
    /// Token mode: the token file.
    var tokens: String?
    /// Radioactivity result files to recompute and include (`--radioactivity`).
    var radioactivity: [String] = []
  }

  var key: WatermarkKey
  var settings: Settings
  var inputs: [InputFileRecord]
  var tokenizerFingerprint: String?
  var documents: [ReportDocument]
  var corpusTests: [CorpusTestSection]
  /// Radioactivity results, recomputed (empty unless `--radioactivity` was given).
  var radioactivity: [RadioactivitySection] = []
  /// Text mode: the tokenizer (for the token view).
  var tokenizer: (any Tokenizer)?

  var verdict: Verdict { Verdict(alpha: settings.alpha, minimumScored: settings.minScored) }

  /// Reads the inputs (through `locate`) and runs every test.
  static func compute(
    key: WatermarkKey, settings: Settings, locate: @escaping (String) -> String
  ) throws -> ReportAnalysis {
    let reader = ReportDocumentReader(locate: locate)
    var inputs: [InputFileRecord] = []
    var raw:
      [(
        origin: DocumentOrigin, ordinal: Int, ids: [Int32], prompt: Int, digest: String,
        text: String?
      )] = []
    var tokenizer: (any Tokenizer)? = nil
    var fingerprint: String? = nil
    if let text = settings.text {
      let (loaded, name) = try TokenizerChoice.resolve(path: text.tokenizer.map(locate), key: key)
      tokenizer = loaded
      fingerprint = loaded.fingerprint.hex
      let (files, documents) = try reader.readText(
        options: text,
        tokenization: TextTokenization(tokenizer: loaded, normalization: text.normalization))
      inputs += files
      let recorded = text.tokenizer ?? name
      do {
        let r = try InputFileRecord.describe(path: name, role: "tokenizer")
        inputs.append(
          InputFileRecord(path: recorded, role: "tokenizer", bytes: r.bytes, sha256: r.sha256))
      } catch {
        throw CLIError("\(recorded): cannot read tokenizer (\(error))")
      }
      for (document, ids) in documents {
        raw.append(
          (
            document.origin, document.ordinal, ids, 0,
            HallmarkEvidence.SHA256.hex(Array(document.text.utf8)), document.text
          ))
      }
    } else if let path = settings.tokens {
      let (file, documents) = try reader.readTokens(path: path)
      inputs.append(file)
      for (i, d) in documents.enumerated() {
        raw.append(
          (d.origin, i + 1, d.ids, d.prompt, ReportDocumentReader.idsDigest(d.ids), nil))
      }
    }
    var radioactivity: [RadioactivitySection] = []
    for path in settings.radioactivity {
      let section = try RadioactivityEvidence.load(path: path, key: key, locate: locate)
      inputs += section.inputs
      radioactivity.append(section)
    }
    if raw.isEmpty && settings.text == nil && settings.tokens == nil && !radioactivity.isEmpty {
      return ReportAnalysis(
        key: key, settings: settings, inputs: inputs, tokenizerFingerprint: fingerprint,
        documents: [], corpusTests: [], radioactivity: radioactivity, tokenizer: tokenizer)
    }
    guard !raw.isEmpty else { throw CLIError("the inputs hold no documents") }

    let detector = Detector(key: key)
    let null = Detector.null(of: key)
    let verdict = Verdict(alpha: settings.alpha, minimumScored: settings.minScored)
    var seen = TupleSet()
    var batch = TupleBatch(contextWidth: key.scheme.contextWidth)
    var documents: [ReportDocument] = []
    for d in raw {
      let analysis: DocumentAnalysis
      do {
        analysis = try DocumentAnalysis.analyze(
          d.ids, detector: detector, promptLength: d.prompt, dedup: true, seen: &seen)
      } catch {
        throw CLIError("\(d.origin): \(error)")
      }
      batch.add(d.ids, promptLength: d.prompt)
      let window = settings.windows?.best(in: analysis, null: null)
      let outcome =
        window.map { verdict.outcome(scored: analysis.score.scored, pValue: $0.corrected) }
        ?? verdict.outcome(analysis.score)
      documents.append(
        ReportDocument(
          ordinal: d.ordinal, origin: d.origin, textSHA256: d.digest, text: d.text,
          promptLength: d.prompt, analysis: analysis, window: window, outcome: outcome))
    }
    let corpus = detector.score(batch: batch)
    let controls = try NegativeControls.run(
      count: settings.controls, documentDigests: documents.map(\.textSHA256), like: key,
      batch: batch, alpha: settings.alpha)
    let section = CorpusTestSection(
      kind: "corpus",
      description:
        "All documents tested together as one sample: each distinct (context window, token) tuple counted once across the corpus, in input order.",
      documents: documents.count, result: corpus, filtered: batch.filtered,
      verdict: verdict.outcome(corpus).rawValue, controls: controls)
    return ReportAnalysis(
      key: key, settings: settings, inputs: inputs, tokenizerFingerprint: fingerprint,
      documents: documents, corpusTests: [section], radioactivity: radioactivity,
      tokenizer: tokenizer)
  }

  /// The strongest document (smallest p-value; the first on ties).
  var strongest: [ReportDocument] {
    documents.enumerated().sorted {
      ($0.element.analysis.score.pValue.log10, $0.offset)
        < ($1.element.analysis.score.pValue.log10, $1.offset)
    }.map(\.element)
  }

  /// The headline number of the page: the corpus test, or the strongest document with its
  /// p-value multiplied by the number of documents tested (Bonferroni) when that is smaller.
  var headline: (log10P: Double, basis: String) {
    guard let first = corpusTests.first else {
      return radioactivityHeadline ?? (0, "no test")
    }
    let corpus = first.result.pValue.log10
    guard documents.count > 1, let best = strongest.first else {
      return (documents.first?.analysis.score.pValue.log10 ?? 0, "the document")
    }
    let corrected = min(0, best.analysis.score.pValue.log10 + log10(Double(documents.count)))
    if corrected < corpus {
      return (
        corrected,
        "the strongest document (\(best.origin.description)), corrected for having tested \(documents.count) documents"
      )
    }
    return (corpus, "all \(documents.count) documents tested together")
  }

  /// Without documents, the page's headline: the strongest radioactivity test, its p-value
  /// multiplied by the number of radioactivity tests (Bonferroni) when there are several.
  var radioactivityHeadline: (log10P: Double, basis: String)? {
    let tests = radioactivity.flatMap { section in section.tests.map { (section, $0) } }
    guard
      let (section, best) = tests.min(by: { $0.1.result.log10P < $1.1.result.log10P })
    else { return nil }
    let what = "the \(best.title.lowercased()) of \(section.result.suspect)"
    guard tests.count > 1 else { return (best.result.log10P, what) }
    return (
      min(0, best.result.log10P + log10(Double(tests.count))),
      what + ", corrected for having run \(tests.count) radioactivity tests"
    )
  }

  /// The statistical method in words, with its references.
  var method: [String: JSONValue] {
    let test: String
    let reference: String
    switch key.scheme {
    case .kgw, .unigram:
      test =
        "Each scored token is 'green' or not under the key; without the key a token is green with probability γ independently, so the number of green tokens among n distinct scored tuples is Binomial(n, γ). The p-value is the exact upper binomial tail P[X ≥ observed]."
      reference =
        "Kirchenbauer et al., A Watermark for Large Language Models, ICML 2023 (arXiv:2301.10226); Zhao et al., Provable Robust Watermarking for AI-Generated Text (Unigram), ICLR 2024."
    case .gumbel:
      test =
        "Each scored token contributes −ln(1 − r), r the keyed pseudo-random value of the chosen token; without the key these are independent Exp(1), so the sum over n distinct scored tuples is Gamma(n, 1). The p-value is the exact upper gamma tail."
      reference =
        "Aaronson, Watermarking of large language models (2023); Kuditipudi et al., Robust Distortion-free Watermarks for Language Models (arXiv:2307.15593)."
    case .synthid:
      test =
        "Each scored token contributes the number of its m tournament g-values equal to 1; without the key each is a fair coin, so the sum over n distinct scored tuples is Binomial(n·m, 1/2). The p-value is the exact upper binomial tail."
      reference =
        "Dathathri et al., Scalable watermarking for identifying large language model outputs, Nature 634 (2024)."
    }
    return [
      "test": .string(test),
      "reference": .string(reference),
      "dedup":
        "A (context window, token) tuple counts once per document (and once per corpus in the corpus test): repeated text adds no evidence, which keeps the p-value exact (Fernandez et al., Three Bricks to Consolidate Watermarks for LLMs, arXiv:2308.00113).",
      "decision": .string(
        "A document is reported watermarked when p < α = \(settings.alpha); with fewer than \(settings.minScored) scored tuples it is too short to test."
          + (settings.windows != nil
            ? " The best-scoring window is also searched and its p-value Bonferroni-corrected for the number of windows tested."
            : "")),
      "controls": .string(
        "The corpus test is repeated under \(settings.controls) control keys derived from the inputs, never from the key (\(NegativeControls.derivation)). About a fraction α of them should fall below α by chance."
      ),
      "spec": "Spec/detection.md, Spec/evidence.md",
    ]
  }
}
