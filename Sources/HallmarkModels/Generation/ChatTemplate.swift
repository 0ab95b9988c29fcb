import GGUF

/// One chat message: a role (`system`, `user`, `assistant`) and its text.
public struct ChatMessage: Sendable, Equatable {
  public var role: String
  public var content: String

  public init(role: String, content: String) {
    self.role = role
    self.content = content
  }
}

/// The chat format of an instruct model, recognised from its GGUF `tokenizer.chat_template`.
///
/// The Jinja template itself is not executed: the reader recognises the template families it
/// knows by their marker tokens and renders them natively. ChatML (`<|im_start|>role\n…<|im_end|>\n`,
/// SmolLM2, Qwen) including a default system message when the template inserts one, and Llama 3
/// (`<|start_header_id|>role<|end_header_id|>\n\n…<|eot_id|>`). Other templates give `nil`
/// from ``init(metadata:)``: the caller should then pass a raw prompt.
public struct ChatTemplate: Sendable, Equatable {
  /// A recognised template family.
  public enum Style: Sendable, Equatable {
    /// ChatML, with the default system message the template inserts when the conversation
    /// has none (`nil` if it inserts none).
    case chatML(defaultSystem: String?)
    /// Llama 3 headers.
    case llama3

    /// The text that ends a turn (a stop token for generation).
    public var endOfTurn: String {
      switch self {
      case .chatML: "<|im_end|>"
      case .llama3: "<|eot_id|>"
      }
    }
  }

  /// The template text from the file.
  public let source: String
  /// The recognised family.
  public let style: Style

  /// Recognises the template in `tokenizer.chat_template`; `nil` when there is none or it is of
  /// an unknown family.
  public init?(metadata: GGUFMetadata) {
    guard case .string(let source) = metadata["tokenizer.chat_template"] else { return nil }
    self.init(source: source)
  }

  /// Recognises a template text; `nil` for unknown families.
  public init?(source: String) {
    self.source = source
    if source.contains("<|im_start|>") {
      style = .chatML(defaultSystem: Self.chatMLDefaultSystem(source))
    } else if source.contains("<|start_header_id|>") {
      style = .llama3
    } else {
      return nil
    }
  }

  /// The literal system message a ChatML template emits when the first message is not a
  /// system message (`'<|im_start|>system\n…<|im_end|>\n'` inside a branch on `'system'`).
  static func chatMLDefaultSystem(_ source: String) -> String? {
    guard source.contains("!= 'system'") || source.contains("!= \"system\"") else { return nil }
    let marker = "<|im_start|>system\n"
    guard let start = source.range(of: marker),
      let end = source.range(of: "<|im_end|>", range: start.upperBound..<source.endIndex)
    else { return nil }
    let text = String(source[start.upperBound..<end.lowerBound])
    return text.contains("{{") || text.contains("{%") ? nil : text
  }

  /// The prompt text for `messages`, ending with the assistant header when
  /// `addGenerationPrompt` is true. Special tokens appear as their text (the tokenizer maps
  /// them to their ids).
  public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool = true) -> String {
    var out = ""
    switch style {
    case .chatML(let defaultSystem):
      if let defaultSystem, messages.first?.role != "system" {
        out += "<|im_start|>system\n\(defaultSystem)<|im_end|>\n"
      }
      for m in messages { out += "<|im_start|>\(m.role)\n\(m.content)<|im_end|>\n" }
      if addGenerationPrompt { out += "<|im_start|>assistant\n" }
    case .llama3:
      out += "<|begin_of_text|>"
      for m in messages {
        out += "<|start_header_id|>\(m.role)<|end_header_id|>\n\n\(m.content)<|eot_id|>"
      }
      if addGenerationPrompt { out += "<|start_header_id|>assistant<|end_header_id|>\n\n" }
    }
    return out
  }
}
