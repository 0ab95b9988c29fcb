/// Builds a tokenizer from a Hugging Face `tokenizer.json` whose model is BPE, with the
/// semantics of the Rust `tokenizers` crate.
///
/// Supported components (anything else is refused with the field named):
/// - normalizer: `null`, `NFC`, `Lowercase`, `Prepend`, `Replace` (string pattern), `Sequence`;
/// - pre_tokenizer: `null`, `ByteLevel`, `Split` (the GPT-2, Llama 3, Qwen2, Qwen3.5 and `\p{N}`
///   patterns, `Isolated`), `Digits`, `Metaspace`, `Sequence`;
/// - post_processor: `null`, `ByteLevel`, `TemplateProcessing`, `RobertaProcessing`,
///   `BertProcessing`, `Sequence`;
/// - model: `BPE` with `vocab`, `merges` (`"a b"` or `["a", "b"]`), `byte_fallback`,
///   `ignore_merges`, `unk_token`, `fuse_unk`.
enum TokenizerJSONLoader {
  static let gpt2Pattern =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"
  static let llama3Pattern =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"
  static let qwen2Pattern =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"
  static let qwen35Pattern =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}| ?[^\\s\\p{L}\\p{M}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"

  struct Pre {
    var rules: [SplitRule] = []
    var names: [String] = []
    var ops: [TextOp] = []
    var byteLevel = false
    var mergedWithNext: UInt32? = nil
  }

  static func load(_ bytes: [UInt8], file: String) throws -> any Tokenizer {
    func fail(_ field: String, _ reason: String) -> TokenizerError {
      TokenizerError(file: file, field: field, reason: reason)
    }
    let root: JSONValue
    do {
      root = try JSONValue.parse(bytes)
    } catch let e as JSONValue.ParseError {
      throw fail("(json)", "\(e.reason) at byte \(e.offset)")
    }
    guard root.object != nil else { throw fail("(root)", "not a JSON object") }
    guard let model = root["model"], model.object != nil else { throw fail("model", "missing") }
    let modelType = model["type"]?.string ?? "BPE"
    guard modelType == "BPE" else {
      throw fail("model.type", "unsupported model \"\(modelType)\" (only BPE)")
    }
    for k in ["continuing_subword_prefix", "end_of_word_suffix"] {
      if let v = model[k], !v.isNull, v.string != "" {
        throw fail("model.\(k)", "not supported")
      }
    }
    guard let vocabObj = model["vocab"]?.object else {
      throw fail("model.vocab", "missing or not an object")
    }

    // Pre-tokenizer.
    var pre = Pre()
    if let p = root["pre_tokenizer"], !p.isNull {
      try parsePre(p, "pre_tokenizer", &pre, fail, first: true)
    }
    let byteLevel = pre.byteLevel

    // Vocabulary (model vocab + added tokens).
    var size = 0
    var entries: [(String, Int)] = []
    entries.reserveCapacity(vocabObj.count)
    for (k, v) in vocabObj {
      guard let id = v.int, id >= 0, id < 1 << 21 else {
        throw fail("model.vocab[\"\(k)\"]", "id is not a non-negative integer")
      }
      entries.append((k, id))
      size = max(size, id + 1)
    }
    var added: [AddedToken] = []
    if let a = root["added_tokens"] {
      guard let arr = a.array else { throw fail("added_tokens", "not an array") }
      for (i, t) in arr.enumerated() {
        let f = "added_tokens[\(i)]"
        guard let id = t["id"]?.int, id >= 0, id < 1 << 21 else {
          throw fail("\(f).id", "missing or invalid")
        }
        guard let content = t["content"]?.string else { throw fail("\(f).content", "missing") }
        let special = t["special"]?.bool ?? false
        added.append(
          AddedToken(
            id: Int32(id), content: content, lstrip: t["lstrip"]?.bool ?? false,
            rstrip: t["rstrip"]?.bool ?? false, singleWord: t["single_word"]?.bool ?? false,
            normalized: t["normalized"]?.bool ?? !special, special: special))
        size = max(size, id + 1)
      }
    }
    var texts = [String](repeating: "", count: size)
    var present = [Bool](repeating: false, count: size)
    for (k, id) in entries {
      texts[id] = k
      present[id] = true
    }
    var attrs = [TokenAttributes](repeating: .normal, count: size)
    for t in added {
      texts[Int(t.id)] = t.content
      present[Int(t.id)] = true
      attrs[Int(t.id)] = t.special ? .control : .userDefined
    }
    let addedIDs = Set(added.map { Int($0.id) })
    var keys = FlatByteStrings()
    var matchable = [Bool](repeating: true, count: size)
    var pieces = FlatByteStrings()
    for i in 0..<size {
      if !present[i] {
        keys.append([])
        matchable[i] = false
        pieces.append([])
        continue
      }
      let t = texts[i]
      if addedIDs.contains(i) {
        // Added tokens are matched literally, never produced by the model.
        keys.append(Array(t.utf8))
        matchable[i] = entries.contains { $0.1 == i } ? true : false
        pieces.append(Array(t.utf8))
        continue
      }
      if byteLevel {
        if let k = ByteLevelAlphabet.decode(t) {
          keys.append(k)
        } else {
          keys.append(Array(t.utf8))
          matchable[i] = false
        }
        pieces.append(ByteLevelAlphabet.decodeLenient(t))
      } else {
        keys.append(Array(t.utf8))
        if let b = byteTokenValue(t) {
          attrs[i] = .byte
          pieces.append([b])
        } else {
          pieces.append(unescapeMetaspace(t))
        }
      }
    }

    // Merges.
    var merges: [([UInt8], [UInt8])] = []
    if let m = model["merges"] {
      guard let arr = m.array else { throw fail("model.merges", "not an array") }
      merges.reserveCapacity(arr.count)
      for (i, e) in arr.enumerated() {
        var a: String
        var b: String
        if let s = e.string {
          let parts = s.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
          guard parts.count == 2 else {
            throw fail("model.merges[\(i)]", "expected \"left right\"")
          }
          a = String(parts[0])
          b = String(parts[1])
        } else if let pair = e.array, pair.count == 2, let x = pair[0].string,
          let y = pair[1].string
        {
          a = x
          b = y
        } else {
          throw fail("model.merges[\(i)]", "expected a string or a pair of strings")
        }
        if byteLevel {
          guard let ka = ByteLevelAlphabet.decode(a), let kb = ByteLevelAlphabet.decode(b) else {
            throw fail("model.merges[\(i)]", "not in the byte-level alphabet")
          }
          merges.append((ka, kb))
        } else {
          merges.append((Array(a.utf8), Array(b.utf8)))
        }
      }
    }

    let byteFallback = model["byte_fallback"]?.bool ?? false
    let ignoreMerges = model["ignore_merges"]?.bool ?? false
    let fuseUnk = model["fuse_unk"]?.bool ?? false
    var unk: Int32 = -1
    if let u = model["unk_token"]?.string {
      guard
        let id = entries.first(where: { $0.0 == u })?.1
          ?? added.first(where: { $0.content == u }).map({ Int($0.id) })
      else {
        throw fail("model.unk_token", "\"\(u)\" is not in the vocabulary")
      }
      unk = Int32(id)
      attrs[id] = .unknown
    }
    var fallback: [Int32]? = nil
    if byteFallback {
      let hex = Array("0123456789ABCDEF".utf8)
      let idx = ByteStringIndex(keys)
      fallback = (0..<256).map { b in
        idx.find(Array("<0x".utf8) + [hex[b >> 4], hex[b & 15]] + Array(">".utf8))
      }
    }
    let bpe: BPEModel
    do {
      bpe = try BPEModel(
        keys: keys, matchable: matchable, merges: merges, byteLevel: byteLevel,
        ignoreMerges: ignoreMerges, flavor: .huggingFace, byteFallbackTokens: fallback,
        unknown: unk, fuseUnknown: fuseUnk, strictMerges: true)
    } catch let e as BPEModel.LoadError {
      throw fail("model.merges", e.message)
    }

    // Normalizer.
    var normalizer: [TextOp] = []
    if let n = root["normalizer"], !n.isNull {
      try parseNormalizer(n, "normalizer", &normalizer, fail)
    }

    // Post-processor.
    var prefix: [Int32] = []
    var suffix: [Int32] = []
    if let pp = root["post_processor"], !pp.isNull {
      try parsePost(pp, "post_processor", &prefix, &suffix, texts: texts, fail)
    }

    let name = (normalizer.map(opName) + pre.ops.map(opName) + pre.names).joined(separator: "+")
    let preTokenizer = PreTokenizer(name: name.isEmpty ? "none" : name, rules: pre.rules)
    let fp = TokenizerFingerprint.Canonical(
      model: byteLevel ? "bpe-bytes" : "bpe-chars", preTokenizer: preTokenizer.name,
      ignoreMerges: ignoreMerges, keys: keys, attributes: attrs, merges: merges, scores: nil,
      unicode: "16.0"
    ).fingerprint()
    func find(_ s: String) -> Int32? {
      texts.firstIndex(of: s).map { Int32($0) }
    }
    let bos = prefix.first
    let eos =
      suffix.last
      ?? added.first(where: {
        ["</s>", "<|endoftext|>", "<|end_of_text|>", "<eos>"].contains($0.content)
      }).map { $0.id }
    let special = SpecialTokens(
      bos: bos, eos: eos, eot: find("<|eot_id|>") ?? find("<|im_end|>"),
      unknown: unk >= 0 ? unk : nil, padding: find("<pad>"),
      endOfGeneration: [eos, find("<|eot_id|>"), find("<|im_end|>")].compactMap { $0 })
    let vocab = Vocabulary(
      texts: texts, attributes: attrs, scores: [Float](repeating: 0, count: size),
      pieces: pieces)
    let core = TokenizerCore(
      vocab: vocab, model: .bpe(bpe),
      added: AddedTokenSplitter(added, semantics: .huggingFace), parseSpecial: true,
      normalizer: normalizer, splitNormalizedAddedTokens: added.contains { $0.normalized },
      preOps: pre.ops, preTokenizer: preTokenizer, mergedWithNext: pre.mergedWithNext,
      prefixIds: prefix, suffixIds: suffix,
      stripLeadingSpaceOnDecode: normalizer.contains(where: {
        if case .prepend = $0 { return true } else { return false }
      })
        || pre.ops.contains(where: {
          if case .prepend(let p, _) = $0 {
            return p == Array("\u{2581}".utf8)
          } else {
            return false
          }
        }),
      specialTokens: special, fingerprint: fp, unicode: .unicode160)
    return BPETokenizer(core: core)
  }

  static func opName(_ op: TextOp) -> String {
    switch op {
    case .nfc: return "nfc"
    case .lowercase: return "lowercase"
    case .prepend(let p, let w): return "prepend(\(String(decoding: p, as: UTF8.self)),\(w))"
    case .replace(let a, let b):
      return "replace(\(String(decoding: a, as: UTF8.self)),\(String(decoding: b, as: UTF8.self)))"
    }
  }

  static func byteTokenValue(_ t: String) -> UInt8? {
    let u = Array(t.utf8)
    guard u.count == 6, u.starts(with: Array("<0x".utf8)), u[5] == 0x3E,
      let v = UInt8(String(decoding: u[3..<5], as: UTF8.self), radix: 16)
    else { return nil }
    return v
  }

  static func parseNormalizer(
    _ n: JSONValue, _ field: String, _ ops: inout [TextOp],
    _ fail: (String, String) -> TokenizerError
  ) throws {
    guard let type = n["type"]?.string else { throw fail("\(field).type", "missing") }
    switch type {
    case "Sequence":
      guard let list = n["normalizers"]?.array else {
        throw fail("\(field).normalizers", "missing")
      }
      for (i, x) in list.enumerated() {
        try parseNormalizer(x, "\(field).normalizers[\(i)]", &ops, fail)
      }
    case "NFC": ops.append(.nfc)
    case "Lowercase": ops.append(.lowercase)
    case "Prepend":
      guard let p = n["prepend"]?.string else { throw fail("\(field).prepend", "missing") }
      ops.append(.prepend(Array(p.utf8), .nonEmpty))
    case "Replace":
      guard let pat = n["pattern"]?["String"]?.string else {
        throw fail("\(field).pattern", "only String patterns are supported")
      }
      guard let content = n["content"]?.string else { throw fail("\(field).content", "missing") }
      ops.append(.replace(Array(pat.utf8), Array(content.utf8)))
    default:
      throw fail("\(field).type", "unsupported normalizer \"\(type)\"")
    }
  }

  static func parsePre(
    _ p: JSONValue, _ field: String, _ pre: inout Pre,
    _ fail: (String, String) -> TokenizerError, first: Bool
  ) throws {
    guard let type = p["type"]?.string else { throw fail("\(field).type", "missing") }
    switch type {
    case "Sequence":
      guard let list = p["pretokenizers"]?.array else {
        throw fail("\(field).pretokenizers", "missing")
      }
      for (i, x) in list.enumerated() {
        try parsePre(x, "\(field).pretokenizers[\(i)]", &pre, fail, first: first && i == 0)
      }
    case "ByteLevel":
      pre.byteLevel = true
      if p["add_prefix_space"]?.bool ?? true {
        guard first else {
          throw fail("\(field).add_prefix_space", "only supported on the first pre-tokenizer")
        }
        pre.ops.append(.prepend([0x20], .unlessPresent))
      }
      if p["use_regex"]?.bool ?? true {
        pre.rules.append(.gpt2)
        pre.names.append("gpt2")
      }
    case "Split":
      let behavior = p["behavior"]?.string ?? "Isolated"
      guard behavior == "Isolated" else {
        throw fail("\(field).behavior", "only Isolated is supported, not \(behavior)")
      }
      if p["invert"]?.bool == true { throw fail("\(field).invert", "not supported") }
      guard let pattern = p["pattern"]?["Regex"]?.string ?? p["pattern"]?["String"]?.string else {
        throw fail("\(field).pattern", "missing")
      }
      switch pattern {
      case gpt2Pattern:
        pre.rules.append(.gpt2)
        pre.names.append("gpt2")
      case llama3Pattern:
        pre.rules.append(.llama3(digits: 3, marks: false))
        pre.names.append("llama3")
      case qwen2Pattern:
        pre.rules.append(.llama3(digits: 1, marks: false))
        pre.names.append("qwen2")
      case qwen35Pattern:
        pre.rules.append(.llama3(digits: 1, marks: true))
        pre.names.append("qwen35")
      case "\\p{N}":
        pre.rules.append(
          .run(CharacterClass("\\p{N}", collapsed: true), leadingSpace: false, min: 1, max: 1))
        pre.names.append("digits")
      default:
        throw fail("\(field).pattern", "unsupported split pattern \(pattern)")
      }
    case "Digits":
      let individual = p["individual_digits"]?.bool ?? false
      pre.rules.append(
        .run(
          CharacterClass("\\p{N}", collapsed: true), leadingSpace: false, min: 1,
          max: individual ? 1 : .max))
      pre.names.append(individual ? "digits" : "digit-runs")
    case "Metaspace":
      let rep = p["replacement"]?.string ?? "\u{2581}"
      guard let scalar = rep.unicodeScalars.first, rep.unicodeScalars.count == 1 else {
        throw fail("\(field).replacement", "must be one character")
      }
      let scheme =
        p["prepend_scheme"]?.string ?? ((p["add_prefix_space"]?.bool ?? true) ? "always" : "never")
      pre.ops.append(.replace([0x20], Array(rep.utf8)))
      switch scheme {
      case "always": pre.ops.append(.prepend(Array(rep.utf8), .unlessPresent))
      case "first": pre.ops.append(.prepend(Array(rep.utf8), .unlessPresentAtTextStart))
      case "never": break
      default: throw fail("\(field).prepend_scheme", "unknown scheme \(scheme)")
      }
      if p["split"]?.bool ?? true {
        pre.mergedWithNext = scalar.value
        pre.names.append("metaspace-split")
      }
    default:
      throw fail("\(field).type", "unsupported pre-tokenizer \"\(type)\"")
    }
  }

  static func parsePost(
    _ pp: JSONValue, _ field: String, _ prefix: inout [Int32], _ suffix: inout [Int32],
    texts: [String], _ fail: (String, String) -> TokenizerError
  ) throws {
    guard let type = pp["type"]?.string else { throw fail("\(field).type", "missing") }
    func tokenPair(_ key: String) throws -> Int32 {
      guard let a = pp[key]?.array, a.count == 2, let id = a[1].int, id >= 0, id < texts.count
      else {
        throw fail("\(field).\(key)", "expected [token, id]")
      }
      return Int32(id)
    }
    switch type {
    case "ByteLevel": break
    case "Sequence":
      guard let list = pp["processors"]?.array else {
        throw fail("\(field).processors", "missing")
      }
      for (i, x) in list.enumerated() {
        try parsePost(x, "\(field).processors[\(i)]", &prefix, &suffix, texts: texts, fail)
      }
    case "RobertaProcessing", "BertProcessing":
      prefix = [try tokenPair("cls")]
      suffix = [try tokenPair("sep")]
    case "TemplateProcessing":
      guard let single = pp["single"]?.array else { throw fail("\(field).single", "missing") }
      let specials = pp["special_tokens"]?.object ?? [:]
      var seenSequence = false
      prefix = []
      suffix = []
      for (i, item) in single.enumerated() {
        if item["Sequence"] != nil {
          seenSequence = true
          continue
        }
        guard let name = item["SpecialToken"]?["id"]?.string else {
          throw fail("\(field).single[\(i)]", "expected SpecialToken or Sequence")
        }
        guard let ids = specials[name]?["ids"]?.array?.compactMap({ $0.int }),
          ids.allSatisfy({ $0 >= 0 && $0 < texts.count })
        else {
          throw fail("\(field).special_tokens[\"\(name)\"]", "missing or not in the vocabulary")
        }
        if seenSequence {
          suffix += ids.map { Int32($0) }
        } else {
          prefix += ids.map { Int32($0) }
        }
      }
    default:
      throw fail("\(field).type", "unsupported post-processor \"\(type)\"")
    }
  }
}
