/// Score-based SentencePiece BPE as llama.cpp's `llm_tokenizer_spm_session` runs it (Llama 2,
/// Mistral, Phi-3): start from UTF-8 characters, repeatedly merge the adjacent pair whose
/// concatenation is the vocabulary token with the highest score (leftmost on ties), then emit
/// each symbol's token, or its bytes as `<0xXX>` tokens when it is not a token.
final class SentencePieceModel: @unchecked Sendable {
  let vocabCount: Int
  let keys: ByteStringIndex
  let scores: [Float]
  /// `<0xXX>` token per byte, else the single-byte token, else -1.
  let byteTokens: [Int32]
  let unknown: Int32

  init(keys: FlatByteStrings, scores: [Float], unknown: Int32) {
    vocabCount = keys.count
    self.keys = ByteStringIndex(keys)
    self.scores = scores
    self.unknown = unknown
    let hex = Array("0123456789ABCDEF".utf8)
    var bt = [Int32](repeating: -1, count: 256)
    for b in 0..<256 {
      var t = self.keys.find(Array("<0x".utf8) + [hex[b >> 4], hex[b & 15]] + Array(">".utf8))
      if t < 0 { t = self.keys.find([UInt8(b)]) }
      bt[b] = t
    }
    byteTokens = bt
  }

  /// Sort key: higher score first, then lower left index.
  @inline(__always) private func key(_ score: Float, _ left: Int) -> UInt64 {
    let b = score.bitPattern
    let ordered = b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000
    return UInt64(~ordered) << 32 | UInt64(UInt32(left))
  }

  /// Encodes `p[0..<n]` (already escaped: spaces as U+2581) and appends ids to `out`.
  func encode(_ p: UnsafePointer<UInt8>, _ n: Int, _ out: inout [Int32], _ s: BPEScratch) {
    if n == 0 { return }
    s.ensure(n)
    let start = s.ids
    let lens = s.lens
    let prev = s.prev
    let next = s.next
    var m = 0
    var i = 0
    while i < n {
      let len = min(utf8SequenceLength(p[i]), n - i)
      start[m] = Int32(i)
      lens[m] = Int32(len)
      prev[m] = Int32(m - 1)
      next[m] = i + len < n ? Int32(m + 1) : -1
      m += 1
      i += len
    }
    var heap = MinHeap(storage: s.heap)
    func tryAdd(_ l: Int32, _ r: Int32) {
      if l < 0 || r < 0 { return }
      let size = Int(lens[Int(l)] + lens[Int(r)])
      let t = keys.find(p + Int(start[Int(l)]), size)
      if t < 0 { return }
      heap.push(key: key(scores[Int(t)], Int(l)), value: Int32(size))
    }
    for k in 1..<max(m, 1) { tryAdd(Int32(k - 1), Int32(k)) }
    while let (k, size) = heap.pop() {
      let l = Int(k & 0xFFFF_FFFF)
      let r = Int(next[l])
      if r < 0 || lens[l] == 0 || lens[r] == 0 || lens[l] + lens[r] != size { continue }
      lens[l] += lens[r]
      lens[r] = 0
      next[l] = next[r]
      if next[r] >= 0 { prev[Int(next[r])] = Int32(l) }
      tryAdd(prev[l], Int32(l))
      tryAdd(Int32(l), next[l])
    }
    s.heap = heap.storage
    var k: Int32 = 0
    while k >= 0 {
      let a = Int(start[Int(k)])
      let len = Int(lens[Int(k)])
      let t = keys.find(p + a, len)
      if t >= 0 {
        out.append(t)
      } else {
        for j in 0..<len {
          let b = byteTokens[Int(p[a + j])]
          if b >= 0 {
            out.append(b)
          } else if unknown >= 0 {
            out.append(unknown)
          }
        }
      }
      k = next[Int(k)]
    }
  }
}
