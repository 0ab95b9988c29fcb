import Foundation
import GGUF

/// Builds a tokenizer from GGUF metadata the way llama.cpp's `llama_vocab::impl::load` does.
enum GGUFTokenizerLoader {
  static func load(_ md: GGUFMetadata, parseSpecial: Bool) throws -> any Tokenizer {
    let file = md.file
    func fail(_ field: String, _ reason: String) -> TokenizerError {
      TokenizerError(file: file, field: field, reason: reason)
    }
    func wrap<T>(_ body: () throws -> T) throws -> T {
      do { return try body() } catch let e as GGUFError {
        throw TokenizerError(
          file: e.file, field: e.field,
          reason: e.reason + (e.offset.map { " (at byte \($0))" } ?? ""))
      }
    }
    let modelName = try wrap { try md.string("tokenizer.ggml.model") }
    var pre = (try? md.string("tokenizer.ggml.pre")) ?? ""
    let tokens = try wrap { try md.stringArray("tokenizer.ggml.tokens") }
    let n = tokens.count
    if n == 0 { throw fail("tokenizer.ggml.tokens", "empty vocabulary") }
    var scores = [Float](repeating: 0, count: n)
    if md["tokenizer.ggml.scores"] != nil {
      let s: [Float]
      if let f = try? md.floatArray("tokenizer.ggml.scores") {
        s = f
      } else {
        s = try wrap { try md.int32Array("tokenizer.ggml.scores") }.map { Float($0) }
      }
      if s.count < n { throw fail("tokenizer.ggml.scores", "\(s.count) scores for \(n) tokens") }
      scores = Array(s[0..<n])
    }
    var attrs = [TokenAttributes](repeating: .normal, count: n)
    if md["tokenizer.ggml.token_type"] != nil {
      let t = try wrap { try md.int32Array("tokenizer.ggml.token_type") }
      if t.count < n { throw fail("tokenizer.ggml.token_type", "\(t.count) types for \(n) tokens") }
      for i in 0..<n { attrs[i] = TokenAttributes(ggufType: t[i]) }
    }
    var texts = tokens
    for i in 0..<n where texts[i].isEmpty { texts[i] = "[EMPTY_\(i)]" }

    enum Kind { case spm, bpe, gemma4 }
    let kind: Kind
    switch modelName {
    case "llama": kind = .spm
    case "gpt2": kind = .bpe
    case "gemma4":
      kind = .gemma4
      pre = "gemma4"
    default:
      throw fail(
        "tokenizer.ggml.model",
        "unsupported tokenizer model \"\(modelName)\" (supported: gpt2, llama, gemma4)")
    }

    // Defaults as in llama.cpp.
    var bos: Int32? = kind == .spm ? 1 : (kind == .bpe ? 11 : nil)
    var eos: Int32? = kind == .spm ? 2 : (kind == .bpe ? 11 : nil)
    var unk: Int32? = kind == .spm ? 0 : nil
    var eot: Int32? = nil
    var pad: Int32? = nil
    var addBOS = kind == .spm
    var addEOS = false
    var ignoreMerges = false
    var addSpacePrefix = kind == .spm
    var preTokenizer = PreTokenizer.none
    if kind != .spm {
      guard let p = PreTokenizer.llamaCpp(pre: pre) else {
        throw fail("tokenizer.ggml.pre", "unsupported pre-tokenizer \"\(pre)\"")
      }
      preTokenizer = p
      switch pre {
      case "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2",
        "jina-v5-nano":
        ignoreMerges = true
        addBOS = true
      case "glm4", "glm5":
        ignoreMerges = true
        bos = nil
      case "chatglm-bpe": bos = nil
      default: break
      }
    }
    if let v = md["tokenizer.ggml.add_space_prefix"], case .bool(let b) = v { addSpacePrefix = b }
    func specialID(_ key: String) -> Int32? {
      guard let i = md["tokenizer.ggml.\(key)_token_id"]?.intValue, i >= 0, i < n else {
        return nil
      }
      return Int32(i)
    }
    if let i = specialID("bos") { bos = i }
    if let i = specialID("eos") { eos = i }
    if let i = specialID("unknown") { unk = i }
    if let i = specialID("eot") { eot = i }
    if let i = specialID("padding") { pad = i }
    if let b = bos, Int(b) >= n { bos = nil }
    if let e = eos, Int(e) >= n { eos = nil }
    if let u = unk, Int(u) >= n { unk = nil }
    if let v = md["tokenizer.ggml.add_bos_token"], case .bool(let b) = v { addBOS = b }
    if let v = md["tokenizer.ggml.add_eos_token"], case .bool(let b) = v { addEOS = b }
    if kind == .gemma4 { addBOS = true }

    // Text-based promotion to control (llama.cpp marks these end-of-generation / FIM tokens).
    let controlTexts: Set<String> = [
      "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>",
      "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
      "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>",
      "<｜end▁of▁sentence｜>", "[e~[",
      "<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>", "▁<PRE>",
      "<|code_prefix|>", "<|prefix|>", "<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>",
      "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>", "<|fim_middle|>",
      "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>",
      "<|middle|>", "<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]", "<|fim_repo|>",
      "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>", "<|file_sep|>",
    ]
    var eog: [Int32] = []
    for i in 0..<n where controlTexts.contains(texts[i]) {
      attrs[i].insert(.control)
    }
    for i in 0..<n
    where ["<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"].contains(texts[i]) {
      attrs[i] = .userDefined
    }
    if eot == nil {
      for t in ["<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>"] {
        if let i = texts.firstIndex(of: t) {
          eot = Int32(i)
          break
        }
      }
    }
    for x in [eos, eot].compactMap({ $0 }) where !eog.contains(x) { eog.append(x) }

    // Per-token strip flags (llama.cpp sets them by model name).
    let generalName = ((try? md.string("general.name")) ?? "").lowercased()
    let isPhi3 = generalName.contains("phi-3") || generalName.contains("phi3")
    var added: [AddedToken] = []
    for i in 0..<n where !attrs[i].isDisjoint(with: [.control, .userDefined, .unknown]) {
      var t = AddedToken(
        id: Int32(i), content: texts[i],
        special: !attrs[i].isDisjoint(with: [.control, .unknown]))
      if isPhi3 && !["<unk>", "<s>", "<|endoftext|>"].contains(texts[i]) { t.rstrip = true }
      added.append(t)
    }
    if isPhi3, let i = texts.firstIndex(of: "</s>"), !added.contains(where: { $0.id == Int32(i) }) {
      added.append(AddedToken(id: Int32(i), content: "</s>", rstrip: true))
    }

    // Keys (matching space) and pieces (decoding).
    var keys = FlatByteStrings()
    var matchable = [Bool](repeating: true, count: n)
    var pieces = FlatByteStrings()
    let hex = Array("0123456789ABCDEF".utf8)
    func byteOf(_ s: String) -> UInt8? {
      let u = Array(s.utf8)
      guard u.count == 6, u.starts(with: Array("<0x".utf8)), u[5] == 0x3E,
        let hi = hex.firstIndex(of: u[3]), let lo = hex.firstIndex(of: u[4])
      else { return nil }
      return UInt8(hi * 16 + lo)
    }
    for i in 0..<n {
      let text = texts[i]
      let a = attrs[i]
      if kind == .bpe {
        if let k = ByteLevelAlphabet.decode(text) {
          keys.append(k)
        } else {
          keys.append(Array(text.utf8))
          matchable[i] = false
        }
      } else {
        keys.append(Array(text.utf8))
      }
      if !a.isDisjoint(with: [.control, .userDefined, .unknown]) {
        pieces.append(Array(text.utf8))
      } else if a.contains(.normal) {
        if kind == .bpe {
          pieces.append(ByteLevelAlphabet.decodeLenient(text))
        } else {
          pieces.append(unescapeMetaspace(text))
        }
      } else if a.contains(.byte), let b = byteOf(text) {
        pieces.append([b])
      } else {
        pieces.append([])
      }
    }
    let vocab = Vocabulary(texts: texts, attributes: attrs, scores: scores, pieces: pieces)
    let splitter = AddedTokenSplitter(added, semantics: .llamaCpp)
    let special = SpecialTokens(
      bos: bos, eos: eos, eot: eot, unknown: unk, padding: pad, endOfGeneration: eog)
    let prefix: [Int32] = addBOS ? (bos.map { [$0] } ?? []) : []
    let suffix: [Int32] = addEOS ? (eos.map { [$0] } ?? []) : []

    switch kind {
    case .spm:
      let model = SentencePieceModel(keys: keys, scores: scores, unknown: unk ?? -1)
      let fp = TokenizerFingerprint.Canonical(
        model: "sentencepiece", preTokenizer: addSpacePrefix ? "spm-prefix-space" : "spm",
        ignoreMerges: false, keys: keys, attributes: attrs, merges: [], scores: scores,
        unicode: "15.1"
      ).fingerprint()
      var ops: [TextOp] = []
      if addSpacePrefix { ops.append(.prepend([0x20], .atStartOrAfterToken)) }
      ops.append(.replace([0x20], Array("\u{2581}".utf8)))
      let core = TokenizerCore(
        vocab: vocab, model: .sentencePiece(model), added: splitter, parseSpecial: parseSpecial,
        normalizer: ops, splitNormalizedAddedTokens: false, preOps: [],
        preTokenizer: addSpacePrefix
          ? PreTokenizer(name: "spm-prefix-space", rules: [])
          : PreTokenizer(name: "spm", rules: []),
        prefixIds: prefix, suffixIds: suffix, stripLeadingSpaceOnDecode: addSpacePrefix,
        specialTokens: special, fingerprint: fp, unicode: .unicode151)
      return SentencePieceTokenizer(core: core)
    case .bpe, .gemma4:
      let mergeStrings = try wrap { try md.stringArray("tokenizer.ggml.merges") }
      var merges: [([UInt8], [UInt8])] = []
      merges.reserveCapacity(mergeStrings.count)
      for m in mergeStrings {
        var first = ""
        var second = ""
        let u = Array(m.utf8)
        if u.count > 1, let sp = u[1...].firstIndex(of: 0x20) {
          first = String(decoding: u[..<sp], as: UTF8.self)
          second = String(decoding: u[(sp + 1)...], as: UTF8.self)
        }
        if kind == .bpe {
          guard let a = ByteLevelAlphabet.decode(first), let b = ByteLevelAlphabet.decode(second)
          else { continue }
          merges.append((a, b))
        } else {
          merges.append((Array(first.utf8), Array(second.utf8)))
        }
      }
      var fallback: [Int32]? = nil
      if kind == .gemma4 {
        let idx = ByteStringIndex(keys)
        fallback = (0..<256).map { b in
          idx.find(Array("<0x".utf8) + [hex[b >> 4], hex[b & 15]] + Array(">".utf8))
        }
      }
      let model: BPEModel
      do {
        model = try BPEModel(
          keys: keys, matchable: matchable, merges: merges, byteLevel: kind == .bpe,
          ignoreMerges: ignoreMerges, flavor: .llamaCpp, byteFallbackTokens: fallback,
          unknown: -1, fuseUnknown: false, wholeNewlineWords: kind == .gemma4,
          strictMerges: false)
      } catch let e as BPEModel.LoadError {
        throw fail("tokenizer.ggml.merges", e.message)
      }
      let fp = TokenizerFingerprint.Canonical(
        model: kind == .bpe ? "bpe-bytes" : "bpe-chars", preTokenizer: preTokenizer.name,
        ignoreMerges: ignoreMerges, keys: keys, attributes: attrs, merges: merges, scores: nil,
        unicode: "15.1"
      ).fingerprint()
      let ops: [TextOp] = kind == .gemma4 ? [.replace([0x20], Array("\u{2581}".utf8))] : []
      let core = TokenizerCore(
        vocab: vocab, model: .bpe(model), added: splitter, parseSpecial: parseSpecial,
        normalizer: ops, splitNormalizedAddedTokens: false, preOps: [],
        preTokenizer: preTokenizer, prefixIds: prefix, suffixIds: suffix,
        stripLeadingSpaceOnDecode: false, specialTokens: special, fingerprint: fp,
        unicode: .unicode151)
      return BPETokenizer(core: core)
    }
  }
}
