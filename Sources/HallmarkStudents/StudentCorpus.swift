import Foundation

/// JSONL files of token ids for students (Spec/students.md#corpus): one JSON object per line
/// with `completion_ids` (an array of token ids) and optionally `prompt_ids`. Blank lines are
/// skipped; any other line that cannot be used stops the read with its file and line number.
public enum StudentCorpus {
  /// The training documents in `path`.
  public static func read(path: String) throws(StudentError) -> [TrainingSequence] {
    var documents: [TrainingSequence] = []
    try forEachLine(path: path) { (line, number) throws(StudentError) in
      guard let completion = line.completion else {
        throw .invalidCorpusLine(file: path, line: number, reason: "no \"completion_ids\" field")
      }
      documents.append(TrainingSequence(prompt: line.prompt ?? [], completion: completion))
    }
    return documents
  }

  /// The `prompt_ids` of each line of `path` (a prompts file for `student generate`).
  public static func readPrompts(path: String) throws(StudentError) -> [[Int32]] {
    var prompts: [[Int32]] = []
    try forEachLine(path: path) { (line, number) throws(StudentError) in
      guard let prompt = line.prompt else {
        throw .invalidCorpusLine(file: path, line: number, reason: "no \"prompt_ids\" field")
      }
      prompts.append(prompt)
    }
    return prompts
  }

  /// The two fields of a line; other fields are ignored.
  struct Line: Decodable {
    var prompt: [Int32]?
    var completion: [Int32]?

    enum CodingKeys: String, CodingKey {
      case prompt = "prompt_ids"
      case completion = "completion_ids"
    }
  }

  /// Calls `body` with each non-blank line's fields and its 1-based line number.
  static func forEachLine(path: String, _ body: (Line, Int) throws(StudentError) -> Void)
    throws(StudentError)
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(
        file: path,
        reason: FileManager.default.fileExists(atPath: path)
          ? "cannot read (permission denied or a folder)" : "no such file")
    }
    let decoder = JSONDecoder()
    var number = 0
    for bytes in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
      number += 1
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      let line: Line
      do {
        line = try decoder.decode(Line.self, from: Data(bytes))
      } catch {
        throw .invalidCorpusLine(file: path, line: number, reason: reason(error, Data(bytes)))
      }
      for (field, ids) in [("prompt_ids", line.prompt), ("completion_ids", line.completion)] {
        if let i = ids?.firstIndex(where: { $0 < 0 }) {
          throw .invalidCorpusLine(
            file: path, line: number,
            reason: "element \(i) of \"\(field)\" is not a token id: \(ids![i])")
        }
      }
      try body(line, number)
    }
  }

  /// A decoding error in the words of the corpus format. The decoder reports some mistakes
  /// (a fraction where an id belongs) as invalid JSON without a path, so the line is looked at
  /// again to name the field and element.
  static func reason(_ error: any Error, _ line: Data) -> String {
    if let error = error as? DecodingError {
      var path: [any CodingKey] = []
      switch error {
      case .typeMismatch(_, let context), .valueNotFound(_, let context),
        .dataCorrupted(let context), .keyNotFound(_, let context):
        path = context.codingPath
      @unknown default: break
      }
      if let field = path.first?.stringValue {
        if path.count >= 2, let index = path[1].intValue {
          return "element \(index) of \"\(field)\" is not a token id"
        }
        return "\"\(field)\" is not an array of token ids"
      }
    }
    guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
      return "not a JSON object"
    }
    for field in ["prompt_ids", "completion_ids"] {
      guard let value = object[field], !(value is NSNull) else { continue }
      guard let array = value as? [Any] else {
        return "\"\(field)\" is not an array of token ids"
      }
      for (i, element) in array.enumerated() {
        guard let number = element as? NSNumber, Int32(exactly: number.doubleValue) != nil else {
          return "element \(i) of \"\(field)\" is not a token id: \(element)"
        }
      }
    }
    return "cannot read the line (\(error))"
  }
}
