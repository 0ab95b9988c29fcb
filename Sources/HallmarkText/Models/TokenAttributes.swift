/// What kind of token a vocabulary entry is (GGUF `tokenizer.ggml.token_type`, or derived from
/// a `tokenizer.json`'s added tokens).
public struct TokenAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// An ordinary vocabulary entry.
  public static let normal = TokenAttributes(rawValue: 1)
  /// The unknown token.
  public static let unknown = TokenAttributes(rawValue: 2)
  /// A control token (BOS, EOS, chat markers); never produced from text unless parsed as special.
  public static let control = TokenAttributes(rawValue: 4)
  /// A user-defined (added) token, split out of text before pre-tokenization.
  public static let userDefined = TokenAttributes(rawValue: 8)
  /// An unused slot.
  public static let unused = TokenAttributes(rawValue: 16)
  /// A byte-fallback token `<0xXX>`.
  public static let byte = TokenAttributes(rawValue: 32)

  /// From a GGUF token type (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte).
  init(ggufType t: Int32) {
    switch t {
    case 1: self = .normal
    case 2: self = .unknown
    case 3: self = .control
    case 4: self = .userDefined
    case 5: self = .unused
    case 6: self = .byte
    default: self = []
    }
  }
}
