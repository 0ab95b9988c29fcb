/// A causal language model that turns token ids into next-token logits, many sequences at once.
///
/// Each sequence keeps its state (a key/value cache) in a ``Cache`` object; one call to
/// ``logits(appending:to:)`` appends tokens to every sequence in the batch and returns the
/// logits that follow the last appended token of each. Batching lets an engine read its
/// weights once per step for all sequences.
public protocol LanguageModel: AnyObject, Sendable {
  /// Per-sequence state (e.g. the key/value cache).
  associatedtype Cache: AnyObject

  /// Number of logits per step (the vocabulary size).
  var vocabularySize: Int { get }
  /// The special token ids from the model file.
  var specialTokens: SpecialTokens { get }
  /// The longest sequence (prompt + generated) the model accepts.
  var contextLength: Int { get }

  /// A fresh, empty cache for one sequence.
  func makeCache() -> Cache

  /// Appends `tokens[i]` (at least one id) to the sequence of `caches[i]` and returns, for each
  /// sequence, the `vocabularySize` logits for the token that follows. The caches must be
  /// distinct objects.
  func logits(appending tokens: [[Int32]], to caches: [Cache]) throws -> [[Float]]
}

/// Special token ids of a model, from its GGUF metadata (`tokenizer.ggml.*_token_id`).
public struct SpecialTokens: Sendable, Equatable {
  /// Beginning of sequence, if the model has one.
  public var bos: Int32?
  /// End of sequence, if the model has one.
  public var eos: Int32?
  /// Tokens that end a generation: EOS, EOT (`tokenizer.ggml.eot_token_id`) and, for chat
  /// models, the template's end-of-turn token when it is in the vocabulary.
  public var stop: Set<Int32>
  /// Whether the tokenizer adds BOS at the start (`tokenizer.ggml.add_bos_token`).
  public var addBOS: Bool

  /// Creates a set of special tokens.
  public init(bos: Int32?, eos: Int32?, stop: Set<Int32>, addBOS: Bool) {
    self.bos = bos
    self.eos = eos
    self.stop = stop
    self.addBOS = addBOS
  }
}

/// A request the model cannot serve: a token id outside the vocabulary, an empty token list,
/// a sequence longer than the context, or a cache from another model.
public struct LanguageModelError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What is wrong, naming the sequence and value.
  public var message: String
  public var description: String { message }
}
