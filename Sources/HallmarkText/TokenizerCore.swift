/// The encoding pipeline shared by the concrete tokenizers:
/// added-token split → text ops (normalizer) → [normalized added-token split] →
/// pre-tokenizer ops → pre-tokenizer → model (per word for BPE, per fragment for SentencePiece)
/// → BOS/EOS template.
final class TokenizerCore: @unchecked Sendable {
  enum Model {
    case bpe(BPEModel)
    case sentencePiece(SentencePieceModel)
  }

  let vocab: Vocabulary
  let model: Model
  let added: AddedTokenSplitter
  /// Also split control/unknown tokens out of text (HF always; llama.cpp `parse_special`).
  let parseSpecial: Bool
  /// Ops applied to each raw text fragment (normalizer).
  let normalizer: [TextOp]
  /// Split added tokens marked `normalized` after normalization (Hugging Face).
  let splitNormalizedAddedTokens: Bool
  /// Ops applied to each normalized piece before splitting (pre-tokenizer prefixes).
  let preOps: [TextOp]
  let preTokenizer: PreTokenizer
  /// Split before every occurrence of this scalar (HF `Metaspace` with `split`), if set.
  let mergedWithNext: UInt32?
  let prefixIds: [Int32]
  let suffixIds: [Int32]
  /// Remove one leading space when decoding (SentencePiece prefix space).
  let stripLeadingSpaceOnDecode: Bool
  let specialTokens: SpecialTokens
  let fingerprint: TokenizerFingerprint
  /// Category table of the reference implementation's Unicode version.
  let unicodeTable: UnsafeMutablePointer<UInt8>

  init(
    vocab: Vocabulary, model: Model, added: AddedTokenSplitter, parseSpecial: Bool,
    normalizer: [TextOp], splitNormalizedAddedTokens: Bool, preOps: [TextOp],
    preTokenizer: PreTokenizer, mergedWithNext: UInt32? = nil, prefixIds: [Int32],
    suffixIds: [Int32], stripLeadingSpaceOnDecode: Bool, specialTokens: SpecialTokens,
    fingerprint: TokenizerFingerprint, unicode: UnicodeVersion
  ) {
    self.unicodeTable = CodepointFlags.table(unicode)
    self.vocab = vocab
    self.model = model
    self.added = added
    self.parseSpecial = parseSpecial
    self.normalizer = normalizer
    self.splitNormalizedAddedTokens = splitNormalizedAddedTokens
    self.preOps = preOps
    self.preTokenizer = preTokenizer
    self.mergedWithNext = mergedWithNext
    self.prefixIds = prefixIds
    self.suffixIds = suffixIds
    self.stripLeadingSpaceOnDecode = stripLeadingSpaceOnDecode
    self.specialTokens = specialTokens
    self.fingerprint = fingerprint
  }

  /// Per-call working state.
  final class Session {
    var buffer = CodepointBuffer()
    var bounds: [Int32] = []
    var scratchBounds: [Int32] = []
    let scratch = BPEScratch()
    var cache = WordCache()
    var wordIds: [Int32] = []
  }

  func encode(_ text: String, addSpecial: Bool) -> [Int32] {
    var t = text
    return t.withUTF8 { buf in
      encode(bytes: buf, addSpecial: addSpecial)
    }
  }

  func encode(bytes buf: UnsafeBufferPointer<UInt8>, addSpecial: Bool) -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(buf.count / 3 + 8)
    if addSpecial { out.append(contentsOf: prefixIds) }
    let session = Session()
    guard let p = buf.baseAddress, buf.count > 0 else {
      if addSpecial { out.append(contentsOf: suffixIds) }
      return out
    }
    let parse = parseSpecial
    let hf = added.semantics == .huggingFace
    let fragments = added.split(p, 0..<buf.count) { t in
      if hf { return !(t.normalized && self.splitNormalizedAddedTokens) }
      return parse || !t.special
    }
    var afterToken = true
    for f in fragments {
      switch f {
      case .token(let id):
        out.append(id)
        afterToken = true
      case .text(let r):
        let ctx = TextOp.Context(atTextStart: r.lowerBound == 0, afterTokenOrStart: afterToken)
        if normalizer.isEmpty && !(hf && splitNormalizedAddedTokens) {
          encodePiece(p + r.lowerBound, r.count, ctx, &out, session)
        } else {
          var bytes = Array(UnsafeBufferPointer(start: p + r.lowerBound, count: r.count))
          for op in normalizer { op.apply(&bytes, ctx) }
          bytes.withUnsafeBufferPointer { nb in
            guard let np = nb.baseAddress, nb.count > 0 else { return }
            if hf && splitNormalizedAddedTokens {
              let sub = added.split(np, 0..<nb.count) { $0.normalized }
              var subAfter = ctx.afterTokenOrStart
              for s in sub {
                switch s {
                case .token(let id):
                  out.append(id)
                  subAfter = true
                case .text(let sr):
                  let c = TextOp.Context(
                    atTextStart: ctx.atTextStart && sr.lowerBound == 0,
                    afterTokenOrStart: subAfter)
                  encodePiece(np + sr.lowerBound, sr.count, c, &out, session)
                  subAfter = false
                }
              }
            } else {
              encodePiece(np, nb.count, ctx, &out, session)
            }
          }
        }
        afterToken = false
      }
    }
    if addSpecial { out.append(contentsOf: suffixIds) }
    return out
  }

  /// Pre-ops, pre-tokenizer and model on one text piece.
  private func encodePiece(
    _ p: UnsafePointer<UInt8>, _ n: Int, _ ctx: TextOp.Context, _ out: inout [Int32],
    _ s: Session
  ) {
    if preOps.isEmpty {
      encodeWords(p, n, &out, s)
      return
    }
    var bytes = Array(UnsafeBufferPointer(start: p, count: n))
    for op in preOps { op.apply(&bytes, ctx) }
    bytes.withUnsafeBufferPointer { b in
      if let q = b.baseAddress { encodeWords(q, b.count, &out, s) }
    }
  }

  private func encodeWords(
    _ p: UnsafePointer<UInt8>, _ n: Int, _ out: inout [Int32], _ s: Session
  ) {
    if n == 0 { return }
    switch model {
    case .sentencePiece(let spm):
      spm.encode(p, n, &out, s.scratch)
      return
    case .bpe(let bpe):
      if preTokenizer.rules.isEmpty && mergedWithNext == nil {
        encodeWord(bpe, p, n, &out, s)
        return
      }
      s.buffer.load(p, n, table: unicodeTable)
      preTokenizer.split(s.buffer, into: &s.bounds, scratch: &s.scratchBounds)
      if let sep = mergedWithNext { splitBefore(sep, s) }
      var start = 0
      let offsets = s.buffer.offsets
      for e in s.bounds {
        let a = Int(offsets[start])
        let b = Int(offsets[Int(e)])
        encodeWord(bpe, p + a, b - a, &out, s)
        start = Int(e)
      }
    }
  }

  private func splitBefore(_ sep: UInt32, _ s: Session) {
    var out: [Int32] = []
    var start = 0
    for e in s.bounds {
      var pieceStart = start
      for i in start..<Int(e) where s.buffer.cps[i] == sep && i > pieceStart {
        out.append(Int32(i))
        pieceStart = i
      }
      out.append(e)
      start = Int(e)
    }
    s.bounds = out
  }

  @inline(__always)
  private func encodeWord(
    _ bpe: BPEModel, _ p: UnsafePointer<UInt8>, _ n: Int, _ out: inout [Int32], _ s: Session
  ) {
    if n == 1 && bpe.byteLevel {
      let id = bpe.byteSymbol[Int(p[0])]
      if id >= 0 && Int(id) < bpe.vocabCount {
        out.append(id)
        return
      }
    }
    if n > 256 {
      bpe.encodeWord(p, n, &out, s.scratch)
      return
    }
    let h = hashBytes(p, n)
    if let r = s.cache.lookup(p, n, hash: h) {
      out.append(contentsOf: s.cache.ids[r])
      return
    }
    s.wordIds.removeAll(keepingCapacity: true)
    bpe.encodeWord(p, n, &s.wordIds, s.scratch)
    s.cache.insert(p, n, hash: h, ids: s.wordIds[...])
    out.append(contentsOf: s.wordIds)
  }

  func decodeBytes(_ ids: [Int32], skipSpecialTokens: Bool) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(ids.count * 4)
    for id in ids {
      guard id >= 0 && Int(id) < vocab.count else { continue }
      if skipSpecialTokens && !vocab.attributes[Int(id)].isDisjoint(with: [.control, .unknown]) {
        continue
      }
      out.append(contentsOf: vocab.pieces[Int(id)])
    }
    if stripLeadingSpaceOnDecode && out.first == 0x20 { out.removeFirst() }
    return out
  }
}
