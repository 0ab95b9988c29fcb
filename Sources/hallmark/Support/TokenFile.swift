import Foundation

/// Documents of token ids, one per line: whitespace-separated integers, a JSON array, or a
/// JSON object such as a `generate` record (`completion_ids`, with `prompt_ids` as context that
/// is not scored). Each line parses on its own, so one bad line is reported and the rest still
/// counts.
struct TokenFile {
  /// One line's outcome.
  enum Line {
    /// Token ids, the first `promptLength` of which are context only.
    case document([Int32], promptLength: Int)
    case invalid(String)
  }

  /// Reads `path` ("-" for standard input) into lines; throws only when it cannot be read.
  static func read(path: String) throws -> [Line] {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let contents = FileManager.default.contents(atPath: path) else {
        throw CLIError(
          "\(path): cannot read token file (\(FileManager.default.fileExists(atPath: path) ? "permission denied or a folder" : "no such file"))"
        )
      }
      data = contents
    }
    var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map(parse)
    // A final newline does not start another document.
    if data.last == 0x0A || data.isEmpty { lines.removeLast() }
    return lines
  }

  static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Line {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return .invalid("not valid UTF-8")
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.hasPrefix("{") {
      guard
        let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
      else { return .invalid("not a valid JSON object") }
      guard let completion = object["completion_ids"] else {
        return .invalid("the JSON object has no \"completion_ids\" field")
      }
      switch (
        ids(completion, field: "completion_ids"),
        ids(object["prompt_ids"] ?? [Any](), field: "prompt_ids")
      ) {
      case (.success(let c), .success(let p)): return .document(p + c, promptLength: p.count)
      case (.failure(let e), _), (_, .failure(let e)): return .invalid(e.description)
      }
    }
    if trimmed.hasPrefix("[") {
      guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) else {
        return .invalid("not a valid JSON array")
      }
      switch ids(array, field: "the JSON array") {
      case .success(let ids): return .document(ids, promptLength: 0)
      case .failure(let e): return .invalid(e.description)
      }
    }
    var ids: [Int32] = []
    for (i, field) in trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
      .enumerated()
    {
      guard let id = Int32(field) else {
        return .invalid("token \(i + 1) is not an integer token id: \"\(field.prefix(40))\"")
      }
      ids.append(id)
    }
    return .document(ids, promptLength: 0)
  }

  /// Token ids from a JSON array.
  static func ids(_ value: Any, field: String) -> Result<[Int32], CLIError> {
    guard let array = value as? [Any] else { return .failure(CLIError("\(field) is not an array")) }
    var ids: [Int32] = []
    for (i, element) in array.enumerated() {
      guard let number = element as? NSNumber, let id = Int32(exactly: number.doubleValue) else {
        return .failure(CLIError("element \(i + 1) of \(field) is not a token id: \(element)"))
      }
      ids.append(id)
    }
    return .success(ids)
  }
}

/// A user-facing error: printed as "hallmark: message", exit status 1.
struct CLIError: Error, CustomStringConvertible, Sendable {
  let description: String
  init(_ description: String) { self.description = description }
}
