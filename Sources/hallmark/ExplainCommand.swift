import ArgumentParser
import Foundation
import Hallmark
import HallmarkForensics

/// `hallmark explain`: shows which tokens carry the evidence.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show a document with each scored token marked green (evidence) or red (against).",
    discussion: """
      Counted tokens are shaded by how far their score is from its null mean; repeated \
      (context, token) tuples, which are not counted again, are struck through in grey; \
      unscored tokens (no full context window) are dim. On a terminal the marks are ANSI \
      colours (--color); elsewhere, or with --color never, brackets: {+green+}, [-red-], \
      (=repeat=). --html writes one self-contained HTML page (hover a token for its id and \
      score). Inputs are read as by detect.
      """)

  enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
  }

  @Option(help: "The key file.")
  var key: String

  @OptionGroup var input: TextInputOptions

  @Flag(help: "Write a self-contained HTML page instead of terminal text.")
  var html = false

  @Option(help: "Write to this file instead of standard output.")
  var out: String?

  @Option(help: "Terminal colours: auto (when standard output is a terminal), always, never.")
  var color: ColorChoice = .auto

  @Flag(help: "Count repeated tuples every time (not calibrated; for study only).")
  var noDedup = false

  @Flag(help: "Also find and show the best-scoring window.")
  var windows = false

  @Option(help: "The shortest window searched, in scored tuples.")
  var windowMin: Int = 32

  @Option(help: "Decision threshold α (for the verdict shown).")
  var alpha: Double = 1e-6

  @Option(help: "Documents with fewer scored tuples are too short to test.")
  var minScored: Int = 16

  func run() throws {
    let key = try KeyFile.read(path: key)
    let (tokenizer, _) = try TokenizerChoice.resolve(path: input.tokenizer, key: key)
    let tokenization = TextTokenization(tokenizer: tokenizer, normalization: input.normalization)
    let feed = DocumentFeed(text: input, tokenization: tokenization)
    let detector = Detector(key: key)
    let verdict = Verdict(alpha: alpha, minimumScored: minScored)
    let search = windows ? WindowSearch(minimumLength: windowMin) : nil
    let ansi = ANSIRendering(
      color: color == .always || (color == .auto && out == nil && Terminal.stdoutIsTTY))
    var sections: [HTMLRendering.Section] = []
    var text = ""
    var failures = 0
    try feed.visit { item in
      switch item {
      case .problem(let problem):
        Terminal.warn("\(problem); skipped")
        failures += 1
      case .document(let document):
        let analysis: DocumentAnalysis
        do {
          analysis = try DocumentAnalysis.analyze(
            try document.tokens().get(), detector: detector, dedup: !noDedup)
        } catch {
          Terminal.warn("\(document.origin): \(error); skipped")
          failures += 1
          return
        }
        let window = search?.best(in: analysis, null: detector.null)
        let explanation = Explanation(
          analysis: analysis, tokenizer: tokenizer, null: detector.null, window: window)
        let score = analysis.score
        let outcome =
          window.map { verdict.outcome(scored: score.scored, pValue: $0.corrected) }
          ?? verdict.outcome(score)
        var summary: [(String, String)] = [
          ("source", document.origin.description),
          ("key", "\(key.id) (\(key.scheme.name))"),
          ("tokens", "\(score.tokens)"),
          ("scored", "\(score.scored) (\(score.duplicates) repeats, \(score.unscored) unscored)"),
          ("score", Format.score(score.score)),
          ("p-value", "\(score.pValue) (log10 p \(Format.log10(score.pValue)))"),
        ]
        if let z = score.z { summary.append(("z", String(format: "%.2f", z))) }
        if let window {
          summary.append(
            (
              "best window",
              "tokens \(window.start)–\(window.end), \(window.scored) scored, p \(window.corrected) "
                + "corrected over \(window.windowsTested) windows"
            ))
        }
        summary.append(("verdict", outcome.rawValue))
        if let id = document.origin.id { summary.insert(("id", id), at: 1) }
        if html {
          sections.append(
            HTMLRendering.Section(
              heading: document.origin.id ?? document.origin.description, summary: summary,
              explanation: explanation))
        } else {
          text += "== " + summary.map { "\($0.0): \($0.1)" }.joined(separator: " · ") + "\n"
          text += ansi.render(explanation) + "\n\n"
        }
      }
    }
    let result =
      html
      ? HTMLRendering(title: "Watermark evidence: key \(key.id)").render(sections)
      : text + ansi.legend + "\n"
    if let out {
      guard FileManager.default.createFile(atPath: out, contents: Data(result.utf8)) else {
        throw CLIError("\(out): cannot write")
      }
    } else {
      FileHandle.standardOutput.write(Data(result.utf8))
    }
    if failures > 0 {
      Terminal.warn("\(failures) input(s) could not be shown (see above)")
      throw ExitCode(1)
    }
  }
}
