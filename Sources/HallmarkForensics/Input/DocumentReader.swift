import Foundation
import HallmarkText

/// What reading an input yields, in input order: a document or a problem.
public enum DocumentItem: Sendable {
  case document(InputDocument)
  case problem(InputProblem)
}

/// Turns input files into documents: a plain-text file is one document; a JSONL file is one
/// document per non-blank line, its text at `field` (and its id at `idField`). Every fault is
/// reported with the file, line and byte offset and skipped; reading goes on.
public struct DocumentReader: Sendable {
  /// How files are read.
  public var format: InputFormat
  /// The JSONL field that holds the text.
  public var field: JSONFieldPath
  /// The JSONL field that holds the document's id, if any.
  public var idField: JSONFieldPath?
  /// Replace invalid UTF-8 with U+FFFD instead of skipping the document.
  public var replaceInvalidUTF8: Bool
  /// Documents and problems yielded so far (the next document's ordinal is one more).
  public private(set) var ordinal = 0

  public init(
    format: InputFormat = .auto, field: JSONFieldPath = JSONFieldPath("text")!,
    idField: JSONFieldPath? = nil, replaceInvalidUTF8: Bool = false
  ) {
    self.format = format
    self.field = field
    self.idField = idField
    self.replaceInvalidUTF8 = replaceInvalidUTF8
  }

  /// Reads one file and hands each document or problem to `body`, in order.
  public mutating func read(_ file: InputFile, _ body: (DocumentItem) throws -> Void) rethrows {
    let bytes: Data
    switch Self.load(file) {
    case .success(let data): bytes = data
    case .failure(let problem):
      ordinal += 1
      try body(.problem(problem))
      return
    }
    switch format.resolved(for: file.isStandardInput ? "" : file.path) {
    case .jsonl: try readJSONL(bytes, name: file.name, body)
    case .text, .auto: try body(readText(bytes, name: file.name))
    }
  }

  /// Every item of `files`, in order (convenient for tests and small inputs).
  public mutating func readAll(_ files: [InputFile]) -> [DocumentItem] {
    var items: [DocumentItem] = []
    for file in files { read(file) { items.append($0) } }
    return items
  }

  static func load(_ file: InputFile) -> Result<Data, InputProblem> {
    if file.isStandardInput {
      return .success(FileHandle.standardInput.readDataToEndOfFile())
    }
    do {
      return .success(try Data(contentsOf: URL(fileURLWithPath: file.path), options: .mappedIfSafe))
    } catch {
      let fm = FileManager.default
      let reason =
        !fm.fileExists(atPath: file.path)
        ? "no such file"
        : fm.isReadableFile(atPath: file.path) ? "cannot be read" : "permission denied"
      return .failure(InputProblem(file: file.path, reason: "cannot read file (\(reason))"))
    }
  }

  private mutating func readText(_ data: Data, name: String) -> DocumentItem {
    ordinal += 1
    let bytes = [UInt8](data)
    if let bad = UTF8Validation.firstInvalidOffset(bytes), !replaceInvalidUTF8 {
      let line = bytes[..<bad].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
      return .problem(
        InputProblem(file: name, line: line, byteOffset: bad, reason: "invalid UTF-8"))
    }
    let text = String(decoding: bytes, as: UTF8.self)
    return .document(
      InputDocument(
        origin: DocumentOrigin(file: name), text: text, ordinal: ordinal, inputBytes: bytes.count))
  }

  private mutating func readJSONL(
    _ data: Data, name: String, _ body: (DocumentItem) throws -> Void
  ) rethrows {
    // Lines are sliced out of the (memory-mapped) file one at a time, so a large file is never
    // copied whole.
    let base = data.startIndex
    var start = base
    var lineNumber = 0
    while start < data.endIndex {
      lineNumber += 1
      let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
      let line = [UInt8](data[start..<end])
      let lineStart = start - base
      start = end + 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      ordinal += 1
      try body(record(line[...], file: name, line: lineNumber, offset: lineStart))
    }
  }

  private func record(_ line: ArraySlice<UInt8>, file: String, line number: Int, offset: Int)
    -> DocumentItem
  {
    func problem(_ reason: String, at byte: Int? = nil) -> DocumentItem {
      .problem(InputProblem(file: file, line: number, byteOffset: byte ?? offset, reason: reason))
    }
    if let bad = UTF8Validation.firstInvalidOffset(line) {
      return problem("invalid UTF-8", at: offset + bad)
    }
    let parsed: Any
    do {
      parsed = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
    } catch {
      return problem("not valid JSON")
    }
    guard parsed is [String: Any] else {
      return problem("not a JSON object (\(JSONFieldPath.typeName(parsed)))")
    }
    let text: String
    var id: String?
    do {
      text = try field.string(in: parsed)
      id = try idField?.string(in: parsed, allowNumbers: true)
    } catch {
      return problem(error.description)
    }
    if !replaceInvalidUTF8, text.unicodeScalars.contains(where: { $0 == "\u{FFFD}" }),
      !line.containsReplacementCharacter
    {
      // A lone surrogate escape (\ud800) decodes to U+FFFD: the text was not valid Unicode.
      return problem("field \"\(field)\" holds an unpaired surrogate escape")
    }
    return .document(
      InputDocument(
        origin: DocumentOrigin(file: file, line: number, id: id), text: text, ordinal: ordinal,
        inputBytes: line.count + 1))
  }
}

extension ArraySlice<UInt8> {
  /// Whether the bytes contain U+FFFD literally (EF BF BD) or as the escape \ufffd.
  fileprivate var containsReplacementCharacter: Bool {
    let s = String(decoding: self, as: UTF8.self)
    return s.contains("\u{FFFD}") || s.lowercased().contains("\\ufffd")
  }
}
