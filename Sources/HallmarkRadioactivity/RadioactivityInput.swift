/// One input file of a radioactivity run as a result records it, so that the result can be
/// recomputed and its inputs checked (Spec/radioactivity.md#report): the path as given on the
/// command line, what it is for, its size and its SHA-256.
public struct RadioactivityInput: Codable, Sendable, Equatable {
  /// The path as given on the command line (or the default model's path for `tokenizer`).
  public var path: String
  /// "suspect-outputs", "suspect-model", "suspect-student", "reference", "prompts" or
  /// "tokenizer".
  public var role: String
  /// Size in bytes.
  public var bytes: Int
  /// SHA-256, 64 lower-case hex digits.
  public var sha256: String

  /// An input record from its parts.
  public init(path: String, role: String, bytes: Int, sha256: String) {
    self.path = path
    self.role = role
    self.bytes = bytes
    self.sha256 = sha256
  }
}
