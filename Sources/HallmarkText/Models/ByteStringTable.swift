/// A deterministic 64-bit hash of a short byte string (multiply–xorshift over 8-byte words).
@inline(__always)
func hashBytes(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
  var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
  var i = 0
  let raw = UnsafeRawPointer(p)
  while i + 8 <= n {
    let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
    h = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 31
    i += 8
  }
  if i < n {
    var v: UInt64 = 0
    var s: UInt64 = 0
    while i < n {
      v |= UInt64(p[i]) << s
      s += 8
      i += 1
    }
    h = (h ^ v) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 29
  }
  h = h &* 0xFF51_AFD7_ED55_8CCD
  h ^= h >> 32
  return h
}

/// A list of byte strings stored back to back, addressed by index.
struct FlatByteStrings: Sendable {
  private(set) var bytes: [UInt8] = []
  private(set) var offsets: [Int32] = [0]

  var count: Int { offsets.count - 1 }

  mutating func append(_ s: some Collection<UInt8>) {
    bytes.append(contentsOf: s)
    offsets.append(Int32(bytes.count))
  }

  subscript(i: Int) -> ArraySlice<UInt8> {
    bytes[Int(offsets[i])..<Int(offsets[i + 1])]
  }

  func range(_ i: Int) -> Range<Int> { Int(offsets[i])..<Int(offsets[i + 1]) }
}

/// An immutable set of byte strings with an open-addressing index from string to position.
/// When a byte string occurs twice the later position wins, as in llama.cpp's `token_to_id`.
/// Storage is raw memory so that lookups in the BPE inner loop are a hash and one `memcmp`.
final class ByteStringIndex: @unchecked Sendable {
  let count: Int
  private let bytes: UnsafeMutablePointer<UInt8>
  private let offsets: UnsafeMutablePointer<Int32>
  private let slots: UnsafeMutablePointer<Int32>
  private let tags: UnsafeMutablePointer<UInt32>
  private let mask: Int

  /// Indexes `strings`; positions for which `include` is false are stored but not findable.
  init(_ strings: FlatByteStrings, include: (Int) -> Bool = { _ in true }) {
    count = strings.count
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, strings.bytes.count))
    let offsets = UnsafeMutablePointer<Int32>.allocate(capacity: strings.offsets.count)
    strings.bytes.withUnsafeBufferPointer { b in
      if let a = b.baseAddress { bytes.initialize(from: a, count: b.count) }
    }
    strings.offsets.withUnsafeBufferPointer { o in
      offsets.initialize(from: o.baseAddress!, count: o.count)
    }
    self.bytes = bytes
    self.offsets = offsets
    var cap = 16
    while cap < count * 2 + 16 { cap <<= 1 }
    slots = .allocate(capacity: cap)
    slots.initialize(repeating: -1, count: cap)
    tags = .allocate(capacity: cap)
    tags.initialize(repeating: 0, count: cap)
    mask = cap - 1
    for i in 0..<count where include(i) {
      let lo = Int(offsets[i])
      let n = Int(offsets[i + 1]) - lo
      let p = UnsafePointer(bytes + lo)
      let h = hashBytes(p, n)
      var s = Int(truncatingIfNeeded: h) & mask
      let tag = UInt32(truncatingIfNeeded: h >> 32)
      while slots[s] >= 0 {
        if tags[s] == tag && equal(Int(slots[s]), p, n) { break }
        s = (s + 1) & mask
      }
      slots[s] = Int32(i)
      tags[s] = tag
    }
  }

  deinit {
    bytes.deallocate()
    offsets.deallocate()
    slots.deallocate()
    tags.deallocate()
  }

  @inline(__always)
  private func equal(_ j: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let lo = Int(offsets[j])
    return Int(offsets[j + 1]) - lo == n && (n == 0 || memcmp(bytes + lo, p, n) == 0)
  }

  /// The position of the byte string `p[0..<n]`, or -1.
  @inline(__always)
  func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
    let h = hashBytes(p, n)
    var s = Int(truncatingIfNeeded: h) & mask
    let tag = UInt32(truncatingIfNeeded: h >> 32)
    while true {
      let j = slots[s]
      if j < 0 { return -1 }
      if tags[s] == tag && equal(Int(j), p, n) { return j }
      s = (s + 1) & mask
    }
  }

  /// The position of `s`, or -1.
  func find(_ s: some Collection<UInt8>) -> Int32 {
    let a = Array(s)
    return a.withUnsafeBufferPointer { b in
      find(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, b.count)
    }
  }

  /// The bytes at position `i`.
  @inline(__always)
  func pointer(_ i: Int) -> (UnsafePointer<UInt8>, Int) {
    let lo = Int(offsets[i])
    return (UnsafePointer(bytes + lo), Int(offsets[i + 1]) - lo)
  }

  /// A copy of the bytes at position `i`.
  func bytes(_ i: Int) -> [UInt8] {
    let (p, n) = pointer(i)
    return Array(UnsafeBufferPointer(start: p, count: n))
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
