/// An open-addressing hash map from packed 64-bit n-gram keys to dense 32-bit node indices,
/// used while counting a corpus.
///
/// A key packs (parent node index, token id) as `parent << 32 | token`; token ids are below
/// 2³¹, so the all-ones key never occurs and marks an empty slot. Linear probing, grown at
/// half load; no deletion.
struct PackedKeyTable {
  private static let empty = UInt64.max
  private var keys: [UInt64]
  private var values: [UInt32]
  private var mask: Int
  /// The number of keys stored.
  private(set) var count = 0

  /// An empty table for about `capacity` keys.
  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: Self.empty, count: size)
    values = [UInt32](repeating: 0, count: size)
    mask = size - 1
  }

  /// The key of node (parent, token).
  @inline(__always) static func key(parent: UInt32, token: UInt32) -> UInt64 {
    UInt64(parent) << 32 | UInt64(token)
  }

  @inline(__always) private static func hash(_ key: UInt64) -> Int {
    var x = key &* 0x9E37_79B9_7F4A_7C15
    x ^= x >> 32
    x &*= 0xD6E8_FEB8_6659_FD93
    x ^= x >> 32
    return Int(truncatingIfNeeded: x)
  }

  /// The value stored for `key`, or `make()`'s value stored as new. Returns (value, inserted).
  @inline(__always) mutating func findOrInsert(_ key: UInt64, _ make: () -> UInt32) -> (
    UInt32, Bool
  ) {
    if (count + 1) * 2 > keys.count { grow() }
    var i = Self.hash(key) & mask
    return keys.withUnsafeMutableBufferPointer { k in
      values.withUnsafeMutableBufferPointer { v in
        while true {
          let slot = k[i]
          if slot == key { return (v[i], false) }
          if slot == Self.empty {
            k[i] = key
            let value = make()
            v[i] = value
            count += 1
            return (value, true)
          }
          i = (i + 1) & mask
        }
      }
    }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
    values = [UInt32](repeating: 0, count: oldKeys.count * 2)
    mask = keys.count - 1
    keys.withUnsafeMutableBufferPointer { k in
      values.withUnsafeMutableBufferPointer { v in
        for j in 0..<oldKeys.count where oldKeys[j] != Self.empty {
          var i = Self.hash(oldKeys[j]) & mask
          while k[i] != Self.empty { i = (i + 1) & mask }
          k[i] = oldKeys[j]
          v[i] = oldValues[j]
        }
      }
    }
  }

  /// Bytes held by the table's storage.
  var storageBytes: Int { keys.count * 8 + values.count * 4 }
}
