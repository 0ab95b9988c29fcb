/// Top-k truncation (Spec/sampling.md step 3) by radix selection, for large k: the k largest
/// logits, ties to the lower id, returned in ascending id order.
///
/// Each logit maps to an order-preserving 32-bit key (NaN below everything). A histogram of the
/// keys' top 11 bits over the vocabulary finds the bin holding the k-th largest; the next 11
/// and last 10 bits are resolved the same way among that bin's members only. That gives the
/// exact key of the k-th largest logit and how many logits equal to it are kept (those with the
/// lowest ids); a last pass lists the kept ids in order. The two later passes over the
/// vocabulary skip groups of eight logits below the bin with one vector comparison.
final class RadixTopK {
  private var histogram = [Int32](repeating: 0, count: 2048)
  private var memberKeys: [UInt32] = []

  /// The order-preserving key of a logit: larger logits have larger keys, equal ones (−0 and +0
  /// too) equal keys; NaN has key 0, below −∞ (so that it is kept only when nothing else is
  /// left, as no comparison prefers it).
  @inline(__always) static func key(_ x: Float) -> UInt32 {
    let bits = (x + 0).bitPattern  // −0 + 0 = +0
    let key = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    return x.isNaN ? 0 : key
  }

  /// The smallest logit whose key is at least `key`; −∞ for keys at or below −∞'s (the keys
  /// between 0 and −∞'s would be negative NaN bit patterns, which no logit maps to).
  @inline(__always) static func logit(atLeast key: UInt32) -> Float {
    if key <= 0x007F_FFFF { return -.infinity }
    return key & 0x8000_0000 != 0
      ? Float(bitPattern: key & 0x7FFF_FFFF) : Float(bitPattern: ~key)
  }

  /// Writes the ids of the `k` largest of `logits[0..<n]` (0 < k < n; ties: lower id first) to
  /// `ids[0..<k]` in ascending order.
  func select(
    logits: UnsafePointer<Float>, count n: Int, k: Int, into ids: UnsafeMutablePointer<Int32>
  ) {
    precondition(k > 0 && k < n, "top-k needs 0 < k < n")
    if memberKeys.count < n { memberKeys = [UInt32](repeating: 0, count: n) }
    var threshold: UInt32 = 0
    var ties = 0
    histogram.withUnsafeMutableBufferPointer { h in
      memberKeys.withUnsafeMutableBufferPointer { m in
        (threshold, ties) = Self.thresholdKey(
          logits: logits, count: n, k: k, histogram: h.baseAddress!, members: m.baseAddress!)
      }
    }
    // The kept ids in order: keys above the threshold, and the first `ties` equal to it.
    var kept = 0
    var equalSeen = 0
    Self.forEachCandidate(logits: logits, count: n, atLeast: threshold) { i, key in
      let equal = key == threshold ? 1 : 0
      ids[kept] = Int32(i)
      kept &+= (key > threshold ? 1 : 0) | (equal & (equalSeen < ties ? 1 : 0))
      equalSeen &+= equal
    }
  }

  /// Calls `body(i, key)` for every i, in order, whose key may be at least `floor`: all of them
  /// except groups of eight whose logits all lie below it (one vector comparison each).
  @inline(__always) private static func forEachCandidate(
    logits: UnsafePointer<Float>, count n: Int, atLeast floor: UInt32, _ body: (Int, UInt32) -> Void
  ) {
    // NaN's key 0 is below any floor but 0; a floor of 0 visits everything.
    let low = SIMD8<Float>(repeating: floor == 0 ? -.infinity : logit(atLeast: floor))
    let raw = UnsafeRawPointer(logits)
    var i = 0
    while i + 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
      if floor == 0 || any(x .>= low) {
        for j in i..<i &+ 8 { body(j, key(logits[j])) }
      }
      i &+= 8
    }
    for j in i..<n { body(j, key(logits[j])) }
  }

  /// The key of the k-th largest logit and how many logits with exactly that key are kept.
  private static func thresholdKey(
    logits: UnsafePointer<Float>, count n: Int, k: Int, histogram h: UnsafeMutablePointer<Int32>,
    members: UnsafeMutablePointer<UInt32>
  ) -> (UInt32, Int) {
    // Level 1: the top 11 bits over the whole vocabulary.
    h.update(repeating: 0, count: 2048)
    for i in 0..<n { h[Int(key(logits[i]) &>> 21)] &+= 1 }
    var (bin, needed) = crossing(h, bins: 2048, k: k)
    // The members of that bin, in id order.
    var count = 0
    let top = UInt32(bin)
    forEachCandidate(logits: logits, count: n, atLeast: top << 21) { _, key in
      members[count] = key
      count &+= key &>> 21 == top ? 1 : 0
    }
    // Levels 2 and 3: the next 11 bits, then the last 10, among the members.
    var prefix = top << 21
    for (shift, bits) in [(UInt32(10), 11), (UInt32(0), 10)] {
      let highShift = shift + UInt32(bits)
      let high = prefix &>> highShift
      h.update(repeating: 0, count: 1 << bits)
      let mask = UInt32(1 << bits - 1)
      for j in 0..<count where members[j] &>> highShift == high {
        h[Int((members[j] &>> shift) & mask)] &+= 1
      }
      (bin, needed) = crossing(h, bins: 1 << bits, k: needed)
      prefix |= UInt32(bin) << shift
    }
    return (prefix, needed)
  }

  /// From the top bin down, the bin where the running count reaches `k`, and how many of that
  /// bin are still needed.
  @inline(__always) private static func crossing(
    _ h: UnsafeMutablePointer<Int32>, bins: Int, k: Int
  ) -> (Int, Int) {
    var above = 0
    var bin = bins - 1
    while bin > 0 && above + Int(h[bin]) < k {
      above += Int(h[bin])
      bin -= 1
    }
    return (bin, k - above)
  }
}
