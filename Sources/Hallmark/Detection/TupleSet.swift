/// An exact set of (context window, token) tuples, the unit that dedup counts once
/// (Fernandez et al. 2023; Spec/detection.md#dedup).
///
/// A window is identified by its keyed 64-bit LeftHash seed, so a tuple is (seed, token).
/// Open addressing with linear probing; no allocation once grown.
public struct TupleSet: Sendable {
  private var slots: [SIMD2<UInt64>]
  private var mask: Int
  /// The number of distinct tuples inserted.
  public private(set) var count = 0

  /// An empty set sized for about `capacity` tuples.
  public init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [SIMD2<UInt64>](repeating: .zero, count: size)
    mask = size - 1
  }

  @inline(__always) private static func hash(_ seed: UInt64, _ tag: UInt64) -> Int {
    var x = seed ^ (tag &* 0x9E37_79B9_7F4A_7C15)
    x ^= x >> 33
    x &*= 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    return Int(truncatingIfNeeded: x)
  }

  /// Inserts (seed, token); returns true when it was not yet in the set.
  @inline(__always) public mutating func insert(seed: UInt64, token: Int32) -> Bool {
    if (count + 1) * 2 > slots.count { grow() }
    // The tag is never zero, so a zero slot is empty.
    let tag = UInt64(UInt32(bitPattern: token)) | (1 << 63)
    let key = SIMD2(seed, tag)
    var i = Self.hash(seed, tag) & mask
    return slots.withUnsafeMutableBufferPointer { s in
      while true {
        let slot = s[i]
        if slot[1] == 0 {
          s[i] = key
          count += 1
          return true
        }
        if slot == key { return false }
        i = (i + 1) & mask
      }
    }
  }

  /// Empties the set, keeping its storage.
  public mutating func removeAll() {
    if count > 0 {
      slots.withUnsafeMutableBufferPointer { $0.update(repeating: .zero) }
      count = 0
    }
  }

  private mutating func grow() {
    let old = slots
    slots = [SIMD2<UInt64>](repeating: .zero, count: old.count * 2)
    mask = slots.count - 1
    count = 0
    for slot in old where slot[1] != 0 {
      _ = insert(seed: slot[0], token: Int32(bitPattern: UInt32(truncatingIfNeeded: slot[1])))
    }
  }
}
