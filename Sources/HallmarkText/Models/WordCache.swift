/// Per-call memo of word bytes -> token ids, so repeated words are merged once.
struct WordCache {
  private var slots: [Int32]
  private var hashes: [UInt64]
  private var entries: [(wordStart: Int32, wordLen: Int32, idStart: Int32, idCount: Int32)] = []
  private var words: [UInt8] = []
  private(set) var ids: [Int32] = []
  private var mask: Int

  init() {
    slots = [Int32](repeating: -1, count: 1024)
    hashes = [UInt64](repeating: 0, count: 1024)
    mask = 1023
  }

  /// The ids range for the word, if cached.
  @inline(__always)
  func lookup(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> Range<Int>? {
    var s = Int(truncatingIfNeeded: h) & mask
    while true {
      let e = slots[s]
      if e < 0 { return nil }
      if hashes[s] == h {
        let x = entries[Int(e)]
        if Int(x.wordLen) == n
          && words.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(x.wordStart), p, n) == 0 }
          )
        {
          return Int(x.idStart)..<Int(x.idStart + x.idCount)
        }
      }
      s = (s + 1) & mask
    }
  }

  mutating func insert(
    _ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64, ids new: ArraySlice<Int32>
  ) {
    if entries.count * 2 >= slots.count { grow() }
    let e = Int32(entries.count)
    entries.append(
      (Int32(words.count), Int32(n), Int32(ids.count), Int32(new.count)))
    words.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    ids.append(contentsOf: new)
    place(e, h)
  }

  private mutating func place(_ e: Int32, _ h: UInt64) {
    var s = Int(truncatingIfNeeded: h) & mask
    while slots[s] >= 0 { s = (s + 1) & mask }
    slots[s] = e
    hashes[s] = h
  }

  private mutating func grow() {
    let old = zip(slots, hashes).filter { $0.0 >= 0 }
    let cap = slots.count * 2
    slots = [Int32](repeating: -1, count: cap)
    hashes = [UInt64](repeating: 0, count: cap)
    mask = cap - 1
    for (e, h) in old { place(e, h) }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
