/// Byte-pair encoding of one pre-tokenized word: rank-ordered merges of adjacent symbols
/// (lowest rank first, leftmost on ties), as llama.cpp's `llm_tokenizer_bpe_session` and
/// Hugging Face's `BPE::merge_word` do.
///
/// Symbols are ids in a byte-level key space: for byte-level vocabularies each token's GPT-2
/// unicode text is mapped back to raw bytes once at load time, so words are plain byte ranges of
/// the input and no per-call byte-to-unicode mapping is needed. Merges are keyed by the pair of
/// ids. Strings that occur in merges but not in the vocabulary get ids past the vocabulary
/// ("extended" symbols) so that llama.cpp's string-based merging is reproduced exactly.
final class BPEModel: @unchecked Sendable {
  /// How symbols that are not vocabulary tokens are emitted.
  enum Flavor: Sendable {
    /// llama.cpp: such symbols are emitted byte by byte (the byte's token if it exists).
    case llamaCpp
    /// Hugging Face: unknown characters become byte-fallback tokens, `unk`, or are dropped,
    /// before merging.
    case huggingFace
  }

  let vocabCount: Int
  let symbols: ByteStringIndex
  let merges: MergeTable
  /// Initial symbols are single bytes (byte-level BPE) rather than UTF-8 characters.
  let byteLevel: Bool
  let ignoreMerges: Bool
  let flavor: Flavor
  /// Id of each single-byte symbol (or -1).
  let byteSymbol: [Int32]
  /// Token emitted for a byte that has to fall back (llama.cpp flavor), or -1.
  let outputByte: [Int32]
  /// Byte-fallback tokens `<0xXX>` (Hugging Face `byte_fallback`), or nil.
  let byteFallback: [Int32]?
  let unknown: Int32
  let fuseUnknown: Bool
  /// Gemma 4: a word made only of newlines that is itself a token is emitted whole.
  let wholeNewlineWords: Bool

  struct LoadError: Error {
    var message: String
  }

  /// - Parameters:
  ///   - keys: the byte-space text of every vocabulary token (index = id).
  ///   - matchable: whether a token may be produced by BPE (false for entries whose text is not
  ///     representable in the key space).
  ///   - merges: merge rules in rank order as pairs of byte strings.
  ///   - strictMerges: reject merges whose parts or result are not tokens (Hugging Face);
  ///     otherwise such strings become extended symbols (llama.cpp).
  init(
    keys: FlatByteStrings, matchable: [Bool], merges: [([UInt8], [UInt8])], byteLevel: Bool,
    ignoreMerges: Bool, flavor: Flavor, byteFallbackTokens: [Int32]?, unknown: Int32,
    fuseUnknown: Bool, wholeNewlineWords: Bool = false, strictMerges: Bool
  ) throws {
    vocabCount = keys.count
    // First pass: find strings that need extended ids.
    let base = ByteStringIndex(keys, include: { matchable[$0] })
    var all = keys
    var extendedIndex: [[UInt8]: Int32] = [:]
    func id(_ s: [UInt8]) throws -> Int32 {
      let i = base.find(s)
      if i >= 0 { return i }
      if strictMerges {
        throw LoadError(
          message:
            "merge refers to \"\(String(decoding: s, as: UTF8.self))\", not in the vocabulary")
      }
      if let e = extendedIndex[s] { return e }
      let e = Int32(all.count)
      all.append(s)
      extendedIndex[s] = e
      return e
    }
    var triples: [(Int32, Int32, Int32)] = []
    triples.reserveCapacity(merges.count)
    for (a, b) in merges {
      let ia = try id(a)
      let ib = try id(b)
      let ir = try id(a + b)
      triples.append((ia, ib, ir))
    }
    let vc = keys.count
    symbols = ByteStringIndex(all, include: { $0 >= vc || matchable[$0] })
    self.merges = MergeTable(triples)
    self.byteLevel = byteLevel
    self.ignoreMerges = ignoreMerges
    self.flavor = flavor
    var bs = [Int32](repeating: -1, count: 256)
    var ob = [Int32](repeating: -1, count: 256)
    for b in 0..<256 {
      let i = symbols.find([UInt8(b)])
      bs[b] = i
      if byteLevel {
        ob[b] = i < vc ? i : -1
      } else if let f = byteFallbackTokens {
        ob[b] = f[b]
      }
    }
    byteSymbol = bs
    outputByte = ob
    byteFallback = flavor == .huggingFace ? byteFallbackTokens : nil
    self.unknown = unknown
    self.fuseUnknown = fuseUnknown
    self.wholeNewlineWords = wholeNewlineWords
  }

  /// Encodes the word `p[0..<n]` and appends its token ids to `out`.
  func encodeWord(
    _ p: UnsafePointer<UInt8>, _ n: Int, _ out: inout [Int32], _ s: BPEScratch
  ) {
    if n == 0 { return }
    if ignoreMerges || (wholeNewlineWords && isAllNewlines(p, n)) {
      let i = symbols.find(p, n)
      if i >= 0 && i < vocabCount {
        out.append(i)
        return
      }
    }
    s.ensure(n)
    let ids = s.ids
    let lens = s.lens
    var m = 0
    if byteLevel {
      for i in 0..<n {
        let id = byteSymbol[Int(p[i])]
        if flavor == .huggingFace && (id < 0 || Int(id) >= vocabCount) {
          if unknown >= 0 {
            if fuseUnknown && m > 0 && ids[m - 1] == unknown {
              lens[m - 1] += 1
            } else {
              ids[m] = unknown
              lens[m] = 1
              m += 1
            }
          }
          continue
        }
        ids[m] = id
        lens[m] = 1
        m += 1
      }
    } else {
      var i = 0
      while i < n {
        let len = min(utf8SequenceLength(p[i]), n - i)
        let id = symbols.find(p + i, len)
        if flavor == .huggingFace && (id < 0 || Int(id) >= vocabCount) {
          if let fb = byteFallback, (0..<len).allSatisfy({ fb[Int(p[i + $0])] >= 0 }) {
            for k in 0..<len {
              ids[m] = fb[Int(p[i + k])]
              lens[m] = 1
              m += 1
            }
          } else if unknown >= 0 {
            if fuseUnknown && m > 0 && ids[m - 1] == unknown {
              lens[m - 1] += Int32(len)
            } else {
              ids[m] = unknown
              lens[m] = Int32(len)
              m += 1
            }
          }
          i += len
          continue
        }
        ids[m] = id
        lens[m] = Int32(len)
        m += 1
        i += len
      }
    }
    if m > 1 {
      m = m <= 24 ? mergeByScan(ids, lens, m, s) : mergeByHeap(ids, lens, m, s)
    }
    var offset = 0
    for k in 0..<m {
      let id = ids[k]
      let len = Int(lens[k])
      if id >= 0 && Int(id) < vocabCount {
        out.append(id)
      } else {
        for j in 0..<len {
          let b = outputByte[Int(p[offset + j])]
          if b >= 0 { out.append(b) }
        }
      }
      offset += len
    }
  }

  @inline(__always) private func isAllNewlines(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    for i in 0..<n where p[i] != 0x0A { return false }
    return true
  }

  /// Quadratic merging for short words: rescan the pair ranks after every merge.
  private func mergeByScan(
    _ ids: UnsafeMutablePointer<Int32>, _ lens: UnsafeMutablePointer<Int32>, _ count: Int,
    _ s: BPEScratch
  ) -> Int {
    var m = count
    let pv = s.pairs
    for i in 0..<(m - 1) { pv[i] = merges.lookup(ids[i], ids[i + 1]) }
    while m > 1 {
      var best = UInt64.max
      var bi = -1
      for i in 0..<(m - 1) where pv[i] < best {
        best = pv[i]
        bi = i
      }
      if bi < 0 { break }
      ids[bi] = Int32(truncatingIfNeeded: best & 0xFFFF_FFFF)
      lens[bi] += lens[bi + 1]
      var j = bi + 1
      while j < m - 1 {
        ids[j] = ids[j + 1]
        lens[j] = lens[j + 1]
        pv[j - 1] = pv[j]
        j += 1
      }
      m -= 1
      if bi > 0 { pv[bi - 1] = merges.lookup(ids[bi - 1], ids[bi]) }
      if bi < m - 1 { pv[bi] = merges.lookup(ids[bi], ids[bi + 1]) }
    }
    return m
  }

  /// Heap-ordered merging over a linked list for long words (O(n log n)).
  private func mergeByHeap(
    _ ids: UnsafeMutablePointer<Int32>, _ lens: UnsafeMutablePointer<Int32>, _ count: Int,
    _ s: BPEScratch
  ) -> Int {
    let prev = s.prev
    let next = s.next
    for i in 0..<count {
      prev[i] = Int32(i - 1)
      next[i] = i + 1 < count ? Int32(i + 1) : -1
    }
    var heap = MinHeap(storage: s.heap)
    func push(_ i: Int32) {
      if i < 0 { return }
      let j = next[Int(i)]
      if j < 0 { return }
      let v = merges.lookup(ids[Int(i)], ids[Int(j)])
      if v == UInt64.max { return }
      // Order by rank, then by position; carry the merged id for the staleness check.
      heap.push(
        key: (v & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(i)),
        value: Int32(truncatingIfNeeded: v & 0xFFFF_FFFF))
    }
    for i in 0..<(count - 1) { push(Int32(i)) }
    while let (key, merged) = heap.pop() {
      let i = Int(key & 0xFFFF_FFFF)
      if lens[i] == 0 { continue }
      let j = Int(next[i])
      if j < 0 { continue }
      let v = merges.lookup(ids[i], ids[j])
      if v == UInt64.max || Int32(truncatingIfNeeded: v & 0xFFFF_FFFF) != merged { continue }
      ids[i] = merged
      lens[i] += lens[j]
      lens[j] = 0
      next[i] = next[j]
      if next[j] >= 0 { prev[Int(next[j])] = Int32(i) }
      push(prev[i])
      push(Int32(i))
    }
    s.heap = heap.storage
    var m = 0
    var k: Int32 = 0
    while k >= 0 {
      ids[m] = ids[Int(k)]
      lens[m] = lens[Int(k)]
      m += 1
      k = next[Int(k)]
    }
    return m
  }
}

/// Reusable buffers for ``BPEModel/encodeWord(_:_:_:_:)``.
final class BPEScratch {
  private(set) var capacity = 0
  var ids = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  var lens = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  var pairs = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
  var prev = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  var next = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  var heap: [(UInt64, Int32)] = []

  init() { ensure(256) }

  @inline(__always) func ensure(_ n: Int) {
    if n <= capacity { return }
    grow(n)
  }

  private func grow(_ n: Int) {
    let c = max(n, capacity * 2)
    ids.deallocate()
    lens.deallocate()
    pairs.deallocate()
    prev.deallocate()
    next.deallocate()
    ids = .allocate(capacity: c)
    lens = .allocate(capacity: c)
    pairs = .allocate(capacity: c)
    prev = .allocate(capacity: c)
    next = .allocate(capacity: c)
    capacity = c
  }

  deinit {
    ids.deallocate()
    lens.deallocate()
    pairs.deallocate()
    prev.deallocate()
    next.deallocate()
  }
}

/// A binary min-heap of `(key, value)` ordered by key.
struct MinHeap {
  var storage: [(UInt64, Int32)]

  init(storage: [(UInt64, Int32)]) {
    self.storage = storage
    self.storage.removeAll(keepingCapacity: true)
  }

  mutating func push(key: UInt64, value: Int32) {
    storage.append((key, value))
    var i = storage.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      if storage[parent].0 <= key { break }
      storage.swapAt(parent, i)
      i = parent
    }
  }

  mutating func pop() -> (UInt64, Int32)? {
    guard let top = storage.first else { return nil }
    let last = storage.removeLast()
    if storage.isEmpty { return top }
    storage[0] = last
    var i = 0
    let n = storage.count
    while true {
      let l = 2 * i + 1
      if l >= n { break }
      var c = l
      if l + 1 < n && storage[l + 1].0 < storage[l].0 { c = l + 1 }
      if storage[c].0 >= storage[i].0 { break }
      storage.swapAt(c, i)
      i = c
    }
    return top
  }
}
