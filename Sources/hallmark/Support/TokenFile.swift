import Foundation

/// Documents of token ids, one per line: whitespace-separated integers or a JSON array.
/// Each line parses on its own, so one bad line is reported and the rest still counts.
struct TokenFile {
  /// One line's outcome.
  enum Line {
    case document([Int32])
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
    if trimmed.hasPrefix("[") {
      guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else {
        return .invalid("not a valid JSON array")
      }
      var ids: [Int32] = []
      for (i, element) in array.enumerated() {
        guard let number = element as? NSNumber, let id = Int32(exactly: number.doubleValue) else {
          return .invalid("element \(i + 1) of the JSON array is not a token id: \(element)")
        }
        ids.append(id)
      }
      return .document(ids)
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
    return .document(ids)
  }
}

/// A user-facing error: printed as "hallmark: message", exit status 1.
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
