/// BPE merge rules keyed by the pair of symbol ids: `(left, right) -> (rank, merged id)`.
///
/// Open addressing over raw memory; a lookup is one multiply and (usually) one probe.
/// When the same pair is listed twice the first (lowest) rank wins, as in llama.cpp and HF.
final class MergeTable: @unchecked Sendable {
  private let keys: UnsafeMutablePointer<UInt64>
  private let values: UnsafeMutablePointer<UInt64>
  private let mask: Int
  /// Number of distinct pairs.
  let count: Int
  /// Merges in rank order: (left, right, merged), for fingerprints and inspection.
  let ordered: [(Int32, Int32, Int32)]

  private static let empty = UInt64.max

  @inline(__always) private static func key(_ a: Int32, _ b: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
  }

  @inline(__always) private static func slot(_ k: UInt64, _ mask: Int) -> Int {
    var h = k &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 29
    return Int(truncatingIfNeeded: h) & mask
  }

  /// `merges[i]` is the merge of rank `i`.
  init(_ merges: [(Int32, Int32, Int32)]) {
    var cap = 16
    while cap < merges.count * 2 + 16 { cap <<= 1 }
    keys = .allocate(capacity: cap)
    keys.initialize(repeating: MergeTable.empty, count: cap)
    values = .allocate(capacity: cap)
    values.initialize(repeating: 0, count: cap)
    mask = cap - 1
    var n = 0
    for (rank, m) in merges.enumerated() {
      let k = MergeTable.key(m.0, m.1)
      var s = MergeTable.slot(k, mask)
      var exists = false
      while keys[s] != MergeTable.empty {
        if keys[s] == k {
          exists = true
          break
        }
        s = (s + 1) & mask
      }
      if exists { continue }
      keys[s] = k
      values[s] = UInt64(UInt32(rank)) << 32 | UInt64(UInt32(bitPattern: m.2))
      n += 1
    }
    count = n
    ordered = merges
  }

  deinit {
    keys.deallocate()
    values.deallocate()
  }

  /// `rank << 32 | merged` for the pair, or `UInt64.max` when the pair does not merge.
  @inline(__always) func lookup(_ a: Int32, _ b: Int32) -> UInt64 {
    if a < 0 || b < 0 { return UInt64.max }
    let k = MergeTable.key(a, b)
    var s = MergeTable.slot(k, mask)
    while true {
      let e = keys[s]
      if e == k { return values[s] }
      if e == MergeTable.empty { return UInt64.max }
      s = (s + 1) & mask
    }
  }
}
