/// A piece of input that could not be turned into a document: it is reported and skipped, the
/// rest of the input is still processed, and the run ends with a non-zero status.
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file (or `<stdin>`).
  public var file: String
  /// The 1-based line, when the problem is inside one line (JSONL).
  public var line: Int?
  /// The byte offset of the fault from the start of the file, when known.
  public var byteOffset: Int?
  /// What is wrong.
  public var reason: String

  public init(file: String, line: Int? = nil, byteOffset: Int? = nil, reason: String) {
    self.file = file
    self.line = line
    self.byteOffset = byteOffset
    self.reason = reason
  }

  /// `file:line: byte offset N: reason`, omitting what is unknown.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    if let byteOffset { s += ": byte offset \(byteOffset)" }
    return s + ": " + reason
  }
}
