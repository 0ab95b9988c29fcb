import GGUF

/// The hyperparameters of a Llama-architecture model, read from GGUF metadata
/// (`<arch>.embedding_length`, `<arch>.attention.head_count`, …).
public struct LlamaConfiguration: Sendable, Equatable {
  /// The architecture name (`general.architecture`).
  public var architecture: String
  /// Hidden size.
  public var embeddingLength: Int
  /// Number of transformer blocks.
  public var blockCount: Int
  /// Hidden size of the SwiGLU MLP.
  public var feedForwardLength: Int
  /// Number of query heads.
  public var headCount: Int
  /// Number of key/value heads (grouped-query attention when fewer than query heads).
  public var headCountKV: Int
  /// RMSNorm epsilon.
  public var rmsNormEpsilon: Float
  /// RoPE base frequency (`rope.freq_base`, default 10000).
  public var ropeFrequencyBase: Float
  /// Number of rotated dimensions per head (`rope.dimension_count`, default the head size).
  public var ropeDimensions: Int
  /// Linear RoPE scaling factor (`rope.scaling.type` = `linear`), 1 for none.
  public var ropeScale: Float
  /// Training context length.
  public var contextLength: Int
  /// Vocabulary size.
  public var vocabularySize: Int

  /// Size of one attention head.
  public var headDimension: Int { embeddingLength / headCount }
  /// Size of the key (or value) vector of one token.
  public var kvDimension: Int { headDimension * headCountKV }

  /// Architectures whose GGUF layout this engine runs.
  public static let supportedArchitectures: Set<String> = ["llama", "mistral"]

  /// Reads the configuration from `metadata`; throws a ``GGUFError`` naming the missing or
  /// invalid key.
  public init(metadata m: GGUFMetadata) throws {
    architecture = try m.string("general.architecture")
    let a = architecture
    func invalid(_ key: String, _ reason: String) -> GGUFError {
      GGUFError(
        file: m.file, field: "metadata[\"\(key)\"]", offset: m.offset(of: key), reason: reason)
    }
    guard Self.supportedArchitectures.contains(a) else {
      throw invalid(
        "general.architecture",
        "unsupported architecture \"\(a)\" (supported: \(Self.supportedArchitectures.sorted()))")
    }
    embeddingLength = try m.int("\(a).embedding_length")
    blockCount = try m.int("\(a).block_count")
    feedForwardLength = try m.int("\(a).feed_forward_length")
    headCount = try m.int("\(a).attention.head_count")
    headCountKV =
      m["\(a).attention.head_count_kv"] == nil
      ? headCount : try m.int("\(a).attention.head_count_kv")
    rmsNormEpsilon = try m.float("\(a).attention.layer_norm_rms_epsilon")
    ropeFrequencyBase =
      m["\(a).rope.freq_base"] == nil ? 10_000 : try m.float("\(a).rope.freq_base")
    contextLength = try m.int("\(a).context_length")
    if m["\(a).vocab_size"] != nil {
      vocabularySize = try m.int("\(a).vocab_size")
    } else {
      vocabularySize = try m.stringArray("tokenizer.ggml.tokens").count
    }
    ropeScale = 1
    if let type = m["\(a).rope.scaling.type"] {
      let key = "\(a).rope.scaling.type"
      switch type {
      case .string("none"): break
      case .string("linear"): ropeScale = try m.float("\(a).rope.scaling.factor")
      default: throw invalid(key, "unsupported RoPE scaling \(type) (supported: none, linear)")
      }
    }
    for (key, value) in [
      ("embedding_length", embeddingLength), ("block_count", blockCount),
      ("feed_forward_length", feedForwardLength), ("attention.head_count", headCount),
      ("attention.head_count_kv", headCountKV), ("context_length", contextLength),
    ] where value <= 0 || value > 1 << 20 {
      throw invalid("\(a).\(key)", "value \(value) out of range")
    }
    guard embeddingLength % headCount == 0, headCount % headCountKV == 0,
      (embeddingLength / headCount) % 32 == 0, embeddingLength % 32 == 0,
      feedForwardLength % 32 == 0
    else {
      throw invalid(
        "\(a).attention.head_count",
        "unsupported shape: \(headCount) heads (\(headCountKV) KV) of hidden size \(embeddingLength), FFN \(feedForwardLength)"
      )
    }
    ropeDimensions =
      m["\(a).rope.dimension_count"] == nil
      ? embeddingLength / headCount : try m.int("\(a).rope.dimension_count")
    guard ropeDimensions > 0, ropeDimensions <= embeddingLength / headCount, ropeDimensions % 2 == 0
    else {
      throw invalid("\(a).rope.dimension_count", "value \(ropeDimensions) out of range")
    }
    guard vocabularySize > 0, vocabularySize < Int(Int32.max), rmsNormEpsilon > 0, ropeScale > 0
    else {
      throw invalid("\(a).vocab_size", "invalid vocabulary size, epsilon or RoPE scale")
    }
  }
}
