/// Why a token sequence cannot be scored under a key.
public enum DetectionError: Error, CustomStringConvertible, Sendable, Equatable {
  /// A token id is negative or not below the key's vocabulary size.
  case tokenOutOfRange(position: Int, id: Int64, vocabularySize: Int)
  /// The prompt length is negative or longer than the document.
  case invalidPromptLength(Int, tokens: Int)

  public var description: String {
    switch self {
    case .tokenOutOfRange(let position, let id, let size):
      "token \(position): id \(id) is outside the key's vocabulary (0..<\(size))"
    case .invalidPromptLength(let length, let tokens):
      "prompt length \(length) is not within the document's \(tokens) tokens"
    }
  }
}
