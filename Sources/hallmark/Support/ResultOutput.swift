import ArgumentParser
import Foundation
import HallmarkForensics

/// Where a run's records go: JSON lines or an aligned table on standard output, and with
/// `--out` a results file written record by record (each line flushed to the file as it is
/// made), which `--resume` reads back to continue an interrupted run without repeating
/// documents (Spec/detection.md#resume).
final class ResultOutput {
  private let json: Bool
  private var table: Table
  private var file: FileHandle?
  private let journal: ResultsJournal?
  let progress: ProgressBar
  /// Whether the results file already holds a finished run.
  var alreadyFinished: Bool { journal?.isFinished ?? false }

  /// Opens the output. `run` is the run record: written first to a new results file, and
  /// compared with the one in the file on `--resume` (`compared` names the fields that must
  /// match).
  init(
    options: OutputOptions, headers: [String], leftAligned: Set<Int> = [0], run: JSONLine,
    compared: [String: String], progressTotal: Int?
  ) throws {
    json = options.json
    table = Table(headers: headers, leftAligned: leftAligned)
    progress = ProgressBar(total: progressTotal, unit: "documents")
    guard let path = options.out else {
      if options.resume {
        throw CLIError("--resume needs --out FILE (the results file to continue)")
      }
      journal = nil
      return
    }
    let fm = FileManager.default
    if options.resume, fm.fileExists(atPath: path) {
      let journal: ResultsJournal
      do {
        journal = try ResultsJournal(path: path)
        let mismatches = journal.mismatches(compared)
        guard mismatches.isEmpty else {
          throw CLIError(
            "\(path) was written by a different run, so it cannot be resumed: "
              + mismatches.joined(separator: "; "))
        }
        try journal.truncateToValidLength()
      } catch let error as ForensicsError {
        throw CLIError(error.description)
      }
      self.journal = journal
      file = FileHandle(forWritingAtPath: path)
      _ = try? file?.seekToEnd()
    } else {
      if fm.fileExists(atPath: path) {
        throw CLIError(
          "\(path) exists: pass --resume to continue that run, or choose another --out")
      }
      guard fm.createFile(atPath: path, contents: nil),
        let handle = FileHandle(forWritingAtPath: path)
      else { throw CLIError("\(path): cannot create results file") }
      journal = nil
      file = handle
      write(toFile: run.text)
    }
  }

  /// Whether a resumed run already holds the document from `source`.
  func isDone(_ source: String) -> Bool { journal?.completedSources.contains(source) ?? false }

  /// Emits one record: a JSON line on standard output (or a table row for the end), and a line
  /// in the results file.
  func emit(_ record: JSONLine, row: [String]?) {
    if json {
      progress.clear()
      Self.standardOutput(record.text)
    } else if let row {
      table.rows.append(row)
    }
    write(toFile: record.text)
  }

  /// Writes a record to the results file only.
  func record(_ record: JSONLine) { write(toFile: record.text) }

  /// Prints the table (when not JSON) and any closing lines; closes the file.
  func finish(trailer: [String] = []) {
    progress.clear()
    if !json {
      if !table.rows.isEmpty || trailer.isEmpty { Self.standardOutput(table.text) }
      for line in trailer { Self.standardOutput(line) }
    }
    try? file?.close()
    file = nil
  }

  /// A warning on standard error that does not tangle with the progress bar.
  func warn(_ message: String) {
    progress.clear()
    Terminal.warn(message)
  }

  private func write(toFile line: String) {
    guard let file else { return }
    file.write(Data((line + "\n").utf8))
  }

  /// Writes a line to standard output unbuffered (records appear as they are made).
  static func standardOutput(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
}

/// Output options shared by detect and scan.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print one JSON object per line instead of a table.")
  var json = false

  @Option(help: "Also write every record (JSON lines) to this file as it is made.")
  var out: String?

  @Flag(help: "Continue the interrupted run recorded in --out, skipping documents already there.")
  var resume = false
}
