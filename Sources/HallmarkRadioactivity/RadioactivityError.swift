/// Why a radioactivity test could not run: an unreadable input, a key that does not fit the
/// inputs, or nothing left to test. Every case names the input.
public enum RadioactivityError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A file could not be read.
  case unreadable(path: String, reason: String)
  /// The inputs do not fit the key (vocabulary, tokenizer, context width).
  case mismatch(String)
  /// An input that cannot be used at all.
  case invalidInput(String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): cannot read (\(reason))"
    case .mismatch(let reason): reason
    case .invalidInput(let reason): reason
    }
  }
}
