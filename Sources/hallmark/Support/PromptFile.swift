import Foundation
import HallmarkModels

/// Prompts for `generate` and `probe`: JSONL, one object per line with `prompt` (a string) or
/// `messages` (a chat: objects with `role` and `content`), and optionally `id`.
struct PromptFile {
  struct Prompt {
    var line: Int
    var id: String?
    var messages: [ChatMessage]
  }

  /// The prompts of `path`; every bad line is named (file and line) in the thrown error.
  static func read(path: String) throws -> [Prompt] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("\(path): cannot read prompts file")
    }
    var prompts: [Prompt] = []
    var problems: [String] = []
    for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
      let number = i + 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      guard String(validating: line, as: UTF8.self) != nil else {
        problems.append("\(path):\(number): not valid UTF-8")
        continue
      }
      guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      else {
        problems.append("\(path):\(number): not a JSON object")
        continue
      }
      let id = object["id"].map { "\($0)" }
      if let text = object["prompt"] as? String {
        prompts.append(
          Prompt(line: number, id: id, messages: [ChatMessage(role: "user", content: text)]))
      } else if let chat = object["messages"] as? [[String: Any]] {
        let messages = chat.compactMap { m -> ChatMessage? in
          guard let role = m["role"] as? String, let content = m["content"] as? String else {
            return nil
          }
          return ChatMessage(role: role, content: content)
        }
        guard messages.count == chat.count, !messages.isEmpty else {
          problems.append(
            "\(path):\(number): every message needs string fields \"role\" and \"content\"")
          continue
        }
        prompts.append(Prompt(line: number, id: id, messages: messages))
      } else {
        problems.append(
          "\(path):\(number): needs a string field \"prompt\" or an array \"messages\"")
      }
    }
    if !problems.isEmpty { throw CLIError(problems.joined(separator: "\n")) }
    return prompts
  }
}
