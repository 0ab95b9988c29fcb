/// Why a student corpus, model file or parameter was refused. Every case names its input.
public enum StudentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A parameter outside its range (order, vocabulary size, token budget).
  case invalidParameter(String)
  /// A corpus line that cannot be used: file, 1-based line number, reason.
  case invalidCorpusLine(file: String, line: Int, reason: String)
  /// A token id outside the model's vocabulary.
  case tokenOutOfRange(source: String, position: Int, id: Int64, vocabularySize: Int)
  /// A file that cannot be read or written.
  case unreadable(file: String, reason: String)
  /// A model file that is not a valid student model: file, byte offset, reason.
  case invalidModelFile(file: String, offset: Int, reason: String)

  public var description: String {
    switch self {
    case .invalidParameter(let message): message
    case .invalidCorpusLine(let file, let line, let reason): "\(file):\(line): \(reason)"
    case .tokenOutOfRange(let source, let position, let id, let size):
      "\(source): token \(id) at position \(position) is outside the vocabulary of \(size) ids"
    case .unreadable(let file, let reason): "\(file): \(reason)"
    case .invalidModelFile(let file, let offset, let reason):
      "\(file): not a valid student model at byte \(offset): \(reason)"
    }
  }
}
