/// A byte-pair-encoding tokenizer: byte-level BPE (GPT-2, Llama 3, Qwen2, SmolLM, DeepSeek, …)
/// or merge-based SentencePiece-style BPE over UTF-8 characters with `<0xXX>` byte fallback
/// (Gemma 4, Hugging Face Llama-2-style `tokenizer.json`).
///
/// Load one with ``TokenizerLoader``. Encoding reproduces llama.cpp (GGUF) or Hugging Face
/// `tokenizers` (`tokenizer.json`) token for token.
public struct BPETokenizer: Tokenizer {
  let core: TokenizerCore

  init(core: TokenizerCore) { self.core = core }

  public var vocabularySize: Int { core.vocab.count }
  public var specialTokens: SpecialTokens { core.specialTokens }
  public var fingerprint: TokenizerFingerprint { core.fingerprint }
  public var preTokenizer: PreTokenizer { core.preTokenizer }

  public func encode(_ text: String, addSpecial: Bool) -> [Int32] {
    core.encode(text, addSpecial: addSpecial)
  }

  public func tokenBytes(_ id: Int32) -> [UInt8] { Array(core.vocab.piece(id)) }

  public func attributes(of id: Int32) -> TokenAttributes {
    id >= 0 && Int(id) < core.vocab.count ? core.vocab.attributes[Int(id)] : []
  }

  public func decodeBytes(_ ids: [Int32], skipSpecialTokens: Bool) -> [UInt8] {
    core.decodeBytes(ids, skipSpecialTokens: skipSpecialTokens)
  }
}

/// A score-based SentencePiece BPE tokenizer (GGUF `tokenizer.ggml.model = llama`: Llama 2,
/// Mistral, Phi-3), as llama.cpp's `llm_tokenizer_spm` runs it: spaces become U+2581, a space
/// is prefixed, the highest-scoring adjacent merge is applied first, unknown characters fall
/// back to `<0xXX>` byte tokens.
public struct SentencePieceTokenizer: Tokenizer {
  let core: TokenizerCore

  init(core: TokenizerCore) { self.core = core }

  public var vocabularySize: Int { core.vocab.count }
  public var specialTokens: SpecialTokens { core.specialTokens }
  public var fingerprint: TokenizerFingerprint { core.fingerprint }
  public var preTokenizer: PreTokenizer { core.preTokenizer }

  public func encode(_ text: String, addSpecial: Bool) -> [Int32] {
    core.encode(text, addSpecial: addSpecial)
  }

  public func tokenBytes(_ id: Int32) -> [UInt8] { Array(core.vocab.piece(id)) }

  public func attributes(of id: Int32) -> TokenAttributes {
    id >= 0 && Int(id) < core.vocab.count ? core.vocab.attributes[Int(id)] : []
  }

  public func decodeBytes(_ ids: [Int32], skipSpecialTokens: Bool) -> [UInt8] {
    core.decodeBytes(ids, skipSpecialTokens: skipSpecialTokens)
  }
}
