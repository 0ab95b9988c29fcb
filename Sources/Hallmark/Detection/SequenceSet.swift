/// An exact, insertion-ordered set of fixed-length token-id sequences (windows, or windows
/// with their token), stored flat, with open-addressing lookup. Key-independent: one set
/// serves every candidate key in attribution.
public struct SequenceSet: Sendable {
  /// The length of every member.
  public let length: Int
  /// Members in insertion order, concatenated.
  public private(set) var flat: [Int32] = []
  private var slots: [Int32]
  private var mask: Int

  /// An empty set of sequences of `length` ids (length 0 has at most one member, the empty one).
  public init(length: Int, capacity: Int = 64) {
    self.length = length
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [Int32](repeating: -1, count: size)
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
    var i = Self.hash(ids, n) & mask
    while true {
      let slot = Int(slots[i])
      if slot < 0 {
        slots[i] = Int32(count)
        for k in 0..<n { flat.append(ids[k]) }
        return true
      }
      if equal(member: slot, ids) { return false }
      i = (i + 1) & mask
    }
  }

  /// Whether `ids[0..<length]` is a member.
  public func contains(_ ids: UnsafePointer<Int32>) -> Bool {
    if length == 0 { return hasEmpty }
    var i = Self.hash(ids, length) & mask
    while true {
      let slot = Int(slots[i])
      if slot < 0 { return false }
      if equal(member: slot, ids) { return true }
      i = (i + 1) & mask
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
    slots = [Int32](repeating: -1, count: slots.count * 2)
    mask = slots.count - 1
    flat.withUnsafeBufferPointer { f in
      for member in 0..<(f.count / length) {
        var i = Self.hash(f.baseAddress! + member * length, length) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(member)
      }
    }
  }
}
