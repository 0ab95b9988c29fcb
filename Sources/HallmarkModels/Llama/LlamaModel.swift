import Foundation
import GGUF

/// A Llama-architecture transformer running on the CPU straight from a GGUF file.
///
/// RMSNorm, rotary position embeddings with the file's parameters, grouped-query attention
/// with a per-sequence key/value cache (``LlamaCache``), a SwiGLU MLP, and tied or separate
/// output embeddings. Weight matrices stay quantized in the memory-mapped file and are
/// multiplied in place by multi-threaded SIMD kernels; every token of every sequence in a
/// call is one row of the same matrix products, so a batched decoding step reads the weights
/// once. Float32 activations and cache. Deterministic: the same calls give bit-identical
/// logits, whatever the thread count or the other sequences in the batch.
public final class LlamaModel: LanguageModel, @unchecked Sendable {
  /// The hyperparameters.
  public let configuration: LlamaConfiguration
  /// The special tokens from the file's metadata.
  public let specialTokens: SpecialTokens
  /// The GGUF file the weights are mapped from.
  public let file: GGUFFile
  /// Number of threads the kernels use.
  public let threads: Int
  let weights: LlamaWeights
  let rope: RoPE
  let team: ThreadTeam

  /// Loads the model from `file`, using `threads` threads (default: all active processors).
  public init(file: GGUFFile, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
    let c = try LlamaConfiguration(metadata: file.metadata)
    configuration = c
    self.file = file
    self.threads = max(1, threads)
    team = ThreadTeam(threads: self.threads)
    weights = try LlamaWeights(file: file, configuration: c)
    rope = RoPE(dimensions: c.ropeDimensions, base: c.ropeFrequencyBase, positionScale: c.ropeScale)
    specialTokens = Self.specialTokens(file.metadata, vocabularySize: c.vocabularySize)
  }

  /// Opens the GGUF file at `url` (memory-mapped) and loads the model.
  public convenience init(
    contentsOf url: URL, threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws {
    try self.init(file: GGUFFile(contentsOf: url), threads: threads)
  }

  static func specialTokens(_ m: GGUFMetadata, vocabularySize: Int) -> SpecialTokens {
    func id(_ key: String) -> Int32? {
      guard let v = m[key]?.intValue, v >= 0, v < vocabularySize else { return nil }
      return Int32(v)
    }
    let bos = id("tokenizer.ggml.bos_token_id")
    let eos = id("tokenizer.ggml.eos_token_id")
    var stop = Set([eos, id("tokenizer.ggml.eot_token_id")].compactMap { $0 })
    if let template = ChatTemplate(metadata: m),
      let tokens = try? m.stringArray("tokenizer.ggml.tokens"),
      let end = tokens.firstIndex(of: template.style.endOfTurn)
    {
      stop.insert(Int32(end))
    }
    let addBOS: Bool =
      if case .bool(let b) = m["tokenizer.ggml.add_bos_token"] { b } else { bos != nil }
    return SpecialTokens(bos: bos, eos: eos, stop: stop, addBOS: addBOS)
  }

  public var vocabularySize: Int { configuration.vocabularySize }
  public var contextLength: Int { configuration.contextLength }

  public func makeCache() -> LlamaCache {
    LlamaCache(
      layers: configuration.blockCount, kvDimension: configuration.kvDimension,
      modelID: ObjectIdentifier(self))
  }

  public func logits(appending tokens: [[Int32]], to caches: [LlamaCache]) throws -> [[Float]] {
    guard tokens.count == caches.count else {
      throw LanguageModelError(
        message: "\(tokens.count) token lists for \(caches.count) caches")
    }
    guard Set(caches.map(ObjectIdentifier.init)).count == caches.count else {
      throw LanguageModelError(message: "the same cache appears twice in one batch")
    }
    for (i, (list, cache)) in zip(tokens, caches).enumerated() {
      guard cache.modelID == ObjectIdentifier(self) else {
        throw LanguageModelError(message: "sequence \(i): cache made by another model")
      }
      guard !list.isEmpty else {
        throw LanguageModelError(message: "sequence \(i): no tokens to append")
      }
      if let bad = list.first(where: { $0 < 0 || Int($0) >= vocabularySize }) {
        throw LanguageModelError(
          message: "sequence \(i): token id \(bad) outside the vocabulary (0..<\(vocabularySize))")
      }
      guard cache.count + list.count <= contextLength else {
        throw LanguageModelError(
          message:
            "sequence \(i): \(cache.count + list.count) tokens exceed the context length \(contextLength)"
        )
      }
    }
    return forward(tokens, caches)
  }
}
