/// Turns text into the token ids a source model would see, and back.
///
/// A forensic check re-tokenizes a suspect text exactly as the source model did; every
/// implementation must reproduce its reference (llama.cpp for GGUF vocabularies, Hugging Face
/// `tokenizers` for `tokenizer.json`) token for token. See `Spec/tokenizer.md`.
public protocol Tokenizer: Sendable {
  /// Number of token ids (the embedding rows of the model).
  var vocabularySize: Int { get }
  /// Ids of the model's special tokens.
  var specialTokens: SpecialTokens { get }
  /// SHA-256 over the canonical form of vocabulary, merges and pre-tokenizer.
  var fingerprint: TokenizerFingerprint { get }
  /// The pre-tokenizer (canonical name) in use.
  var preTokenizer: PreTokenizer { get }
  /// Token ids for `text`; `addSpecial` adds the model's BOS/EOS (or template) tokens.
  func encode(_ text: String, addSpecial: Bool) -> [Int32]
  /// The bytes a token stands for (its text for control tokens); empty for unknown ids.
  func tokenBytes(_ id: Int32) -> [UInt8]
  /// The attributes of a token.
  func attributes(of id: Int32) -> TokenAttributes
  /// Bytes of the decoded ids (invalid UTF-8 is possible mid-stream; see ``StreamingDecoder``).
  func decodeBytes(_ ids: [Int32], skipSpecialTokens: Bool) -> [UInt8]
}

extension Tokenizer {
  /// Text of `ids`, with special tokens written out; invalid UTF-8 becomes U+FFFD.
  public func decode(_ ids: [Int32]) -> String {
    String(decoding: decodeBytes(ids, skipSpecialTokens: false), as: UTF8.self)
  }

  /// Text of `ids`, optionally without control and unknown tokens.
  public func decode(_ ids: [Int32], skipSpecialTokens: Bool) -> String {
    String(decoding: decodeBytes(ids, skipSpecialTokens: skipSpecialTokens), as: UTF8.self)
  }

  /// Token ids for `text` without BOS/EOS.
  public func encode(_ text: String) -> [Int32] { encode(text, addSpecial: false) }

  /// A decoder that turns ids into text incrementally.
  public func streamingDecoder(skipSpecialTokens: Bool = false) -> StreamingDecoder {
    StreamingDecoder(tokenizer: self, skipSpecialTokens: skipSpecialTokens)
  }
}

/// Ids of a vocabulary's special tokens (`nil` when the model has none).
public struct SpecialTokens: Sendable, Hashable {
  public var bos: Int32?
  public var eos: Int32?
  public var eot: Int32?
  public var unknown: Int32?
  public var padding: Int32?
  /// Tokens that end generation (EOS, EOT, end-of-turn markers).
  public var endOfGeneration: [Int32]

  public init(
    bos: Int32? = nil, eos: Int32? = nil, eot: Int32? = nil, unknown: Int32? = nil,
    padding: Int32? = nil, endOfGeneration: [Int32] = []
  ) {
    self.bos = bos
    self.eos = eos
    self.eot = eot
    self.unknown = unknown
    self.padding = padding
    self.endOfGeneration = endOfGeneration
  }
}

/// Why a tokenizer could not be loaded: names the file and the field at fault.
public struct TokenizerError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file (or `<memory>`).
  public var file: String
  /// The missing or invalid field, e.g. `model.merges[12]` or `tokenizer.ggml.tokens`.
  public var field: String
  /// What is wrong.
  public var reason: String

  public init(file: String, field: String, reason: String) {
    self.file = file
    self.field = field
    self.reason = reason
  }

  public var description: String { "\(file): \(field): \(reason)" }
}
