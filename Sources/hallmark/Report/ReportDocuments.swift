import Foundation
import Hallmark
import HallmarkEvidence
import HallmarkForensics
import HallmarkText

/// One document of an evidence report: where it came from, the digest of its text, and its
/// test under the key.
struct ReportDocument {
  var ordinal: Int
  var origin: DocumentOrigin
  /// SHA-256 (hex) of the document's UTF-8 text, or in token mode of its ids written as
  /// decimal numbers separated by single spaces.
  var textSHA256: String
  /// The text (text mode), for the token-coloured view.
  var text: String?
  var promptLength: Int
  var analysis: DocumentAnalysis
  var window: WindowMatch?
  var outcome: Verdict.Outcome
}

/// Reads every document of a report run, strictly: any input that cannot be read or tested
/// stops the run (an evidence bundle is complete or not made at all). Paths are read through
/// `locate` so that `report verify` can find moved copies of the recorded files, while the
/// report keeps the paths as recorded.
struct ReportDocumentReader {
  /// Maps a path as recorded on the command line to the path to open.
  var locate: (String) -> String

  /// Text inputs: every file of `options.inputs` (folders expanded), with its record.
  func readText(
    options: TextInputOptions, tokenization: TextTokenization
  ) throws -> (files: [InputFileRecord], documents: [(InputDocument, [Int32])]) {
    guard !options.inputs.isEmpty, !options.inputs.contains("-") else {
      throw CLIError(
        "report needs input files: standard input cannot be hashed and re-supplied to a verifier")
    }
    var records: [InputFileRecord] = []
    var documents: [(InputDocument, [Int32])] = []
    var reader = options.reader
    for argument in options.inputs {
      let actual = locate(argument)
      let (files, problems) = InputFiles.expand([actual])
      if let problem = problems.first {
        throw CLIError("\(argument): \(problem.reason)")
      }
      for file in files {
        let logical = argument + file.path.dropFirst(actual.count)
        do {
          let record = try InputFileRecord.describe(path: file.path, role: "text")
          records.append(
            InputFileRecord(path: logical, role: "text", bytes: record.bytes, sha256: record.sha256)
          )
        } catch {
          throw CLIError("\(logical): cannot read input (\(error))")
        }
        var failure: InputProblem? = nil
        reader.read(file) { item in
          guard failure == nil else { return }
          switch item {
          case .problem(var problem):
            problem.file = logical
            failure = problem
          case .document(var document):
            document.origin.file = logical
            documents.append((document, tokenization.tokens(document.text)))
          }
        }
        if let failure { throw CLIError("\(failure)") }
      }
    }
    return (records, documents)
  }

  /// Token-id input: one document per line.
  func readTokens(path: String) throws -> (
    file: InputFileRecord, documents: [(origin: DocumentOrigin, ids: [Int32], prompt: Int)]
  ) {
    guard path != "-" else {
      throw CLIError(
        "report needs a token file: standard input cannot be hashed and re-supplied to a verifier")
    }
    let actual = locate(path)
    let record: InputFileRecord
    do {
      let r = try InputFileRecord.describe(path: actual, role: "tokens")
      record = InputFileRecord(path: path, role: "tokens", bytes: r.bytes, sha256: r.sha256)
    } catch {
      throw CLIError("\(path): cannot read token file (\(error))")
    }
    var documents: [(origin: DocumentOrigin, ids: [Int32], prompt: Int)] = []
    for (index, line) in try TokenFile.read(path: actual).enumerated() {
      switch line {
      case .invalid(let reason): throw CLIError("\(path):\(index + 1): \(reason)")
      case .document(let ids, let prompt):
        documents.append((DocumentOrigin(file: path, line: index + 1), ids, prompt))
      }
    }
    return (record, documents)
  }

  /// The digest a token-mode document is identified by.
  static func idsDigest(_ ids: [Int32]) -> String {
    HallmarkEvidence.SHA256.hex(Array(ids.map(String.init).joined(separator: " ").utf8))
  }
}
