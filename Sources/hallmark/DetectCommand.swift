import ArgumentParser
import Foundation
import Hallmark

/// `hallmark detect`: tests documents for a key's watermark.
struct DetectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "detect",
    abstract: "Test documents for a key's watermark and print exact p-values.",
    discussion: """
      --tokens FILE reads one document per line: whitespace-separated token ids, a JSON \
      array, or a `generate` record (its completion_ids are scored, its prompt_ids are context). A line that cannot be read is reported with its file and line number; the other \
      documents are still tested, and the exit status is 1 at the end.
      """)

  @Option(help: "The key file.")
  var key: String

  @Option(help: "Token-id input, one document per line (\"-\" for standard input).")
  var tokens: String

  @Flag(help: "Print one JSON object per document.")
  var json = false

  @Option(help: "Decision threshold α on the p-value.")
  var alpha: Double = 1e-6

  @Option(help: "Documents with fewer scored tuples are reported as too short to test.")
  var minScored: Int = 16

  @Flag(help: "Count repeated (context, token) tuples every time (not calibrated; for study only).")
  var noDedup = false

  func validate() throws {
    guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be in (0, 1)") }
    guard minScored >= 1 else { throw ValidationError("--min-scored must be at least 1") }
  }

  func run() throws {
    let key = try KeyFile.read(path: key)
    let detector = Detector(key: key)
    let verdict = Verdict(alpha: alpha, minimumScored: minScored)
    let lines = try TokenFile.read(path: tokens)
    let source = tokens == "-" ? "<stdin>" : tokens
    var table = Table(headers: ["document", "tokens", "scored", "score", "log10 p", "z", "verdict"])
    var failures = 0
    for (index, line) in lines.enumerated() {
      let document = index + 1
      let ids: [Int32]
      let promptLength: Int
      switch line {
      case .invalid(let reason):
        Terminal.warn("\(source):\(document): \(reason); document skipped")
        failures += 1
        continue
      case .document(let parsed, let prompt):
        ids = parsed
        promptLength = prompt
      }
      let result: DocumentScore
      do {
        result = try detector.score(ids, promptLength: promptLength, dedup: !noDedup)
      } catch {
        Terminal.warn("\(source):\(document): \(error); document skipped")
        failures += 1
        continue
      }
      let outcome = verdict.outcome(result)
      if json {
        var object = JSONLine()
        object.add("document", document)
        object.add("source", "\(source):\(document)")
        object.add("scheme", key.scheme.name)
        object.add("tokens", result.tokens)
        object.add("scored", result.scored)
        object.add("duplicates", result.duplicates)
        object.add("score", result.score)
        object.add("p_value", result.pValue.value)
        object.add("log10_p", result.pValue.log10)
        if let z = result.z { object.add("z", z) }
        object.add("detected", outcome == .watermarked)
        object.add("verdict", outcome.rawValue)
        print(object.text)
      } else {
        table.rows.append([
          "\(document)", "\(result.tokens)", "\(result.scored)", format(result.score),
          String(format: "%.2f", result.pValue.log10),
          result.z.map { String(format: "%.2f", $0) } ?? "-",
          outcome.rawValue,
        ])
      }
    }
    if !json { print(table.text) }
    if failures > 0 {
      Terminal.warn("\(failures) document(s) of \(source) could not be tested (see above)")
      throw ExitCode(1)
    }
  }

  private func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int64(value)) : String(format: "%.3f", value)
  }
}
