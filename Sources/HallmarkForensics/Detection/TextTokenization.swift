import HallmarkText

/// Text to the token ids the source model saw: the detection normalization (off by default),
/// then the key's tokenizer without BOS/EOS.
public struct TextTokenization: Sendable {
  /// The tokenizer (checked against the key with ``TokenizerCheck``).
  public let tokenizer: any Tokenizer
  /// The normalization applied first; recorded with every result.
  public let normalization: DetectionNormalization

  public init(tokenizer: any Tokenizer, normalization: DetectionNormalization = .none) {
    self.tokenizer = tokenizer
    self.normalization = normalization
  }

  /// The ids of `text`.
  public func tokens(_ text: String) -> [Int32] {
    tokenizer.encode(normalization.apply(text), addSpecial: false)
  }
}
