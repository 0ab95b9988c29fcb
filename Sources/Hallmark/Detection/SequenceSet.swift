/// An exact, insertion-ordered set of fixed-length token-id sequences (windows, or windows
/// with their token), stored flat, with open-addressing lookup. Key-independent: one set
/// serves every candidate key in attribution.
public struct SequenceSet: Sendable {
  /// The length of every member.
  public let length: Int
  /// Members in insertion order, concatenated.
  public private(set) var flat: [Int32] = []
  /// Each slot holds (hash high 32 bits << 32 | member index + 1); 0 is empty. Comparing the
  /// stored hash first avoids touching `flat` for most probes.
  private var slots: [UInt64]
  private var mask: Int

  /// An empty set of sequences of `length` ids (length 0 has at most one member, the empty one).
  public init(length: Int, capacity: Int = 64) {
    self.length = length
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
  }

  /// The number of members.
  public var count: Int { length == 0 ? (hasEmpty ? 1 : 0) : flat.count / length }
  private var hasEmpty = false

  @inline(__always) static func hash(_ ids: UnsafePointer<Int32>, _ n: Int) -> Int {
    var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(n)
    for i in 0..<n {
      h = (h ^ UInt64(UInt32(bitPattern: ids[i]))) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
    }
    h ^= h >> 32
    return Int(truncatingIfNeeded: h)
  }

  /// Inserts `ids[0..<length]`; returns true when it was new.
  @discardableResult
  public mutating func insert(_ ids: UnsafePointer<Int32>) -> Bool {
    if length == 0 {
      defer { hasEmpty = true }
      return !hasEmpty
    }
    if (count + 1) * 2 > slots.count { grow() }
    let n = length
    let h = Self.hash(ids, n)
    let tag = UInt64(UInt32(truncatingIfNeeded: h >> 32)) << 32
    if find(ids, hash: h, tag: tag) != nil { return false }
    let member = count
    for k in 0..<n { flat.append(ids[k]) }
    var i = h & mask
    slots.withUnsafeMutableBufferPointer { s in
      while s[i] != 0 { i = (i + 1) & mask }
      s[i] = tag | UInt64(member + 1)
    }
    return true
  }

  /// Whether `ids[0..<length]` is a member.
  public func contains(_ ids: UnsafePointer<Int32>) -> Bool {
    if length == 0 { return hasEmpty }
    let h = Self.hash(ids, length)
    return find(ids, hash: h, tag: UInt64(UInt32(truncatingIfNeeded: h >> 32)) << 32) != nil
  }

  /// The member index of `ids`, if present.
  @inline(__always) private func find(_ ids: UnsafePointer<Int32>, hash h: Int, tag: UInt64) -> Int?
  {
    slots.withUnsafeBufferPointer { s in
      var i = h & mask
      while true {
        let slot = s[i]
        if slot == 0 { return nil }
        if slot & 0xFFFF_FFFF_0000_0000 == tag {
          let member = Int(slot & 0xFFFF_FFFF) - 1
          if equal(member: member, ids) { return member }
        }
        i = (i + 1) & mask
      }
    }
  }

  @inline(__always) private func equal(member: Int, _ ids: UnsafePointer<Int32>) -> Bool {
    flat.withUnsafeBufferPointer { f in
      let base = member * length
      for k in 0..<length where f[base + k] != ids[k] { return false }
      return true
    }
  }

  private mutating func grow() {
    slots = [UInt64](repeating: 0, count: slots.count * 2)
    mask = slots.count - 1
    let n = length
    flat.withUnsafeBufferPointer { f in
      slots.withUnsafeMutableBufferPointer { s in
        for member in 0..<(f.count / n) {
          let h = Self.hash(f.baseAddress! + member * n, n)
          var i = h & mask
          while s[i] != 0 { i = (i + 1) & mask }
          s[i] = UInt64(UInt32(truncatingIfNeeded: h >> 32)) << 32 | UInt64(member + 1)
        }
      }
    }
  }
}
