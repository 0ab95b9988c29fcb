import Foundation

/// An incremental results file (JSON lines, one record per line, flushed as written) read
/// back to resume an interrupted run (Spec/detection.md#resume).
///
/// The first record describes the run (`"record": "run"`); each document record carries its
/// `source`; a final record (`"record"` of `corpus` or `attribution`) marks a finished run. A
/// last line without its newline was cut off mid-write and is dropped.
public struct ResultsJournal {
  /// The path.
  public let path: String
  /// The run record, when present.
  public private(set) var run: [String: Any]?
  /// The `source` of every document record.
  public private(set) var completedSources: Set<String> = []
  /// Whether a final record is present.
  public private(set) var isFinished = false
  /// Records read (complete lines).
  public private(set) var records = 0
  /// The byte length of the complete lines (where appending resumes).
  public private(set) var validLength = 0

  /// Reads `path`; throws when a complete line is not a JSON object.
  public init(path: String) throws(ForensicsError) {
    self.path = path
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .journal(path: path, reason: "cannot be read")
    }
    let bytes = [UInt8](data)
    var start = 0
    var line = 0
    while let end = bytes[start...].firstIndex(of: 0x0A) {
      line += 1
      defer { start = end + 1 }
      let raw = bytes[start..<end]
      if raw.isEmpty { continue }
      guard let object = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any]
      else {
        throw .journal(path: path, reason: "line \(line) is not a JSON object")
      }
      records += 1
      switch object["record"] as? String {
      case "run": if run == nil { run = object }
      case "document":
        if let source = object["source"] as? String { completedSources.insert(source) }
      case "corpus", "attribution", "summary": isFinished = true
      default: break
      }
      validLength = end + 1
    }
  }

  /// Cuts the file back to its complete lines (dropping a record cut off mid-write).
  public func truncateToValidLength() throws(ForensicsError) {
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw .journal(path: path, reason: "cannot be opened for writing")
    }
    do {
      try handle.truncate(atOffset: UInt64(validLength))
      try handle.close()
    } catch {
      throw .journal(path: path, reason: "cannot be truncated: \(error)")
    }
  }

  /// A JSON value as text (booleans as `true`/`false`).
  static func text(_ value: Any) -> String {
    if let n = value as? NSNumber, JSONFieldPath.isBool(n) { return n.boolValue ? "true" : "false" }
    return "\(value)"
  }

  /// Fields of the run record that differ from `expected` (compared as JSON text), so a
  /// resumed run cannot mix settings.
  public func mismatches(_ expected: [String: String]) -> [String] {
    guard let run else { return ["run record missing"] }
    return expected.keys.sorted().compactMap { name in
      let found = run[name].map(Self.text) ?? "nothing"
      return found == expected[name]!
        ? nil : "\(name): file has \(found), this run \(expected[name]!)"
    }
  }
}
