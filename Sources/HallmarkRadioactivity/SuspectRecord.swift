import Foundation
import HallmarkModels

/// One line of a suspect-outputs file (Spec/radioactivity.md#inputs): a `generate`, `student
/// generate` or `probe` record, or any JSON object with the same fields. Every field is
/// optional here; `SuspectCorpus` decides what a record can be used for.
public struct SuspectRecord: Sendable, Equatable {
  /// The 1-based line number in its file.
  public var line: Int
  /// `completion_ids`: the completion as token ids.
  public var completionIDs: [Int32]?
  /// `prompt_ids`: the prompt as token ids (context, never scored).
  public var promptIDs: [Int32]?
  /// `completion`: the completion as text.
  public var completion: String?
  /// `prompt` (a string) or the last `messages` entry's content.
  public var prompt: String?
  /// `messages`: the chat sent (probe records).
  public var messages: [ChatMessage]?
  /// `tokenizer_fingerprint`, lower-case hex without a `sha256:` prefix.
  public var tokenizerFingerprint: String?

  /// A record from its fields.
  public init(
    line: Int, completionIDs: [Int32]? = nil, promptIDs: [Int32]? = nil, completion: String? = nil,
    prompt: String? = nil, messages: [ChatMessage]? = nil, tokenizerFingerprint: String? = nil
  ) {
    self.line = line
    self.completionIDs = completionIDs
    self.promptIDs = promptIDs
    self.completion = completion
    self.prompt = prompt
    self.messages = messages
    self.tokenizerFingerprint = tokenizerFingerprint.map(Self.normalizedFingerprint)
  }

  /// `sha256:ABC…` and `abc…` name the same fingerprint.
  public static func normalizedFingerprint(_ text: String) -> String {
    let lower = text.lowercased()
    return lower.hasPrefix("sha256:") ? String(lower.dropFirst(7)) : lower
  }

  /// The chat of the prompt: `messages`, else `prompt` as one user message.
  public var chat: [ChatMessage]? {
    if let messages, !messages.isEmpty { return messages }
    return prompt.map { [ChatMessage(role: "user", content: $0)] }
  }
}

/// Reading suspect-outputs files: JSONL, one object per line. A line that is not a usable
/// object is kept as a problem (`file:line: reason`) and the rest still counts.
public enum SuspectFile {
  /// One line's outcome.
  public enum Line: Sendable, Equatable {
    case record(SuspectRecord)
    case invalid(line: Int, reason: String)
  }

  /// The non-blank lines of `path`.
  public static func read(path: String) throws(RadioactivityError) -> [Line] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(
        path: path,
        reason: FileManager.default.fileExists(atPath: path)
          ? "permission denied or a folder" : "no such file")
    }
    return parse(data)
  }

  /// The non-blank lines of JSONL bytes.
  public static func parse(_ data: Data) -> [Line] {
    var lines: [Line] = []
    var number = 0
    for bytes in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
      number += 1
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      lines.append(parse(line: Data(bytes), number: number))
    }
    return lines
  }

  /// One line.
  public static func parse(line: Data, number: Int) -> Line {
    guard String(data: line, encoding: .utf8) != nil else {
      return .invalid(line: number, reason: "not valid UTF-8")
    }
    guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
      return .invalid(line: number, reason: "not a JSON object")
    }
    do {
      var record = SuspectRecord(line: number)
      record.completionIDs = try ids(object["completion_ids"], field: "completion_ids")
      record.promptIDs = try ids(object["prompt_ids"], field: "prompt_ids")
      record.completion = try string(object["completion"], field: "completion")
      record.prompt = try string(object["prompt"], field: "prompt")
      record.tokenizerFingerprint = try string(
        object["tokenizer_fingerprint"], field: "tokenizer_fingerprint"
      ).map(SuspectRecord.normalizedFingerprint)
      if let value = object["messages"], !(value is NSNull) {
        guard let array = value as? [[String: Any]] else {
          throw FieldError("\"messages\" is not an array of objects")
        }
        record.messages = try array.enumerated().map { i, m in
          guard let role = m["role"] as? String, let content = m["content"] as? String else {
            throw FieldError("message \(i) needs string fields \"role\" and \"content\"")
          }
          return ChatMessage(role: role, content: content)
        }
        if record.prompt == nil { record.prompt = record.messages?.last?.content }
      }
      return .record(record)
    } catch {
      return .invalid(line: number, reason: (error as? FieldError)?.reason ?? "\(error)")
    }
  }

  struct FieldError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
  }

  static func ids(_ value: Any?, field: String) throws(FieldError) -> [Int32]? {
    guard let value, !(value is NSNull) else { return nil }
    guard let array = value as? [Any] else { throw FieldError("\"\(field)\" is not an array") }
    var ids: [Int32] = []
    ids.reserveCapacity(array.count)
    for (i, element) in array.enumerated() {
      guard let number = element as? NSNumber, let id = Int32(exactly: number.doubleValue), id >= 0
      else { throw FieldError("element \(i) of \"\(field)\" is not a token id: \(element)") }
      ids.append(id)
    }
    return ids
  }

  static func string(_ value: Any?, field: String) throws(FieldError) -> String? {
    guard let value, !(value is NSNull) else { return nil }
    guard let text = value as? String else { throw FieldError("\"\(field)\" is not a string") }
    return text
  }
}
