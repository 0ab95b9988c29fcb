/// An error reading a GGUF file: which file, which field or tensor, at which byte offset, and why.
///
/// Every malformed, truncated or unsupported input is reported through this type; the reader
/// never traps on bad bytes. `description` reads like
/// `model.gguf: metadata["general.alignment"] at byte 1234: expected uint32, found string`.
public struct GGUFError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file's path (or a name given to an in-memory buffer).
  public var file: String
  /// The field or tensor concerned, e.g. `header.version`, `metadata["tokenizer.ggml.tokens"][17]`,
  /// `tensor "blk.0.attn_q.weight" data`.
  public var field: String
  /// The byte offset in the file where the field starts, when known.
  public var offset: Int?
  /// What is wrong.
  public var reason: String

  /// Creates an error.
  public init(file: String, field: String, offset: Int?, reason: String) {
    self.file = file
    self.field = field
    self.offset = offset
    self.reason = reason
  }

  public var description: String {
    if let offset {
      return "\(file): \(field) at byte \(offset): \(reason)"
    }
    return "\(file): \(field): \(reason)"
  }
}
