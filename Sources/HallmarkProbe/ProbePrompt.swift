import Foundation

/// One prompt of a probe run: the chat messages sent for each of its samples.
public struct ProbePrompt: Sendable, Equatable {
  /// The messages, in order.
  public var messages: [ChatMessage]

  /// A prompt from its messages.
  public init(messages: [ChatMessage]) { self.messages = messages }

  /// A single user message.
  public init(text: String) { messages = [ChatMessage(role: "user", content: text)] }

  /// The prompts of a JSONL file (Spec/probe.md#prompts): one JSON object per line with
  /// `prompt` (a string, sent as one user message) or `messages` (an array of
  /// `{"role", "content"}` objects). Blank lines are skipped; prompt indices count prompts
  /// from 0 in file order.
  public static func read(path: String) throws(ProbeError) -> [ProbePrompt] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(
        file: path,
        reason: FileManager.default.fileExists(atPath: path)
          ? "cannot read the prompts (permission denied or a folder)" : "no such file")
    }
    var prompts: [ProbePrompt] = []
    var lineNumber = 0
    for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      prompts.append(try parse(Data(line), file: path, line: lineNumber))
    }
    guard !prompts.isEmpty else { throw .invalidPrompt(file: path, line: 1, reason: "no prompts") }
    return prompts
  }

  static func parse(_ line: Data, file: String, line number: Int) throws(ProbeError) -> ProbePrompt
  {
    func fail(_ reason: String) -> ProbeError {
      .invalidPrompt(file: file, line: number, reason: reason)
    }
    guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
      throw fail("not a JSON object")
    }
    if let text = object["prompt"] {
      guard let text = text as? String else { throw fail("\"prompt\" is not a string") }
      return ProbePrompt(text: text)
    }
    guard let list = object["messages"] else {
      throw fail("neither \"prompt\" nor \"messages\" is present")
    }
    guard let array = list as? [Any], !array.isEmpty else {
      throw fail("\"messages\" is not a non-empty array")
    }
    var messages: [ChatMessage] = []
    for (i, element) in array.enumerated() {
      guard let m = element as? [String: Any], let role = m["role"] as? String,
        let content = m["content"] as? String
      else {
        throw fail("message \(i) is not an object with string \"role\" and \"content\"")
      }
      messages.append(ChatMessage(role: role, content: content))
    }
    return ProbePrompt(messages: messages)
  }
}
