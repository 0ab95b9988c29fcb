/// Where a document came from: the file (or `<stdin>`), the line for JSONL records, and the
/// record's id when `--id-field` names one.
public struct DocumentOrigin: Sendable, Hashable, CustomStringConvertible {
  /// The file path as given (or found in a folder), or `<stdin>`.
  public var file: String
  /// The 1-based line of a JSONL record; nil for a whole plain-text file.
  public var line: Int?
  /// The record's id, when one was asked for.
  public var id: String?

  public init(file: String, line: Int? = nil, id: String? = nil) {
    self.file = file
    self.line = line
    self.id = id
  }

  /// `file` or `file:line`: unique within one run's inputs, and what `--resume` matches on.
  public var description: String { line.map { "\(file):\($0)" } ?? file }
}
