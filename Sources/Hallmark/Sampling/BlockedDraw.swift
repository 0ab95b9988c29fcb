/// A fast path for the inverse-CDF draw (Spec/sampling.md step 4) over many candidates that
/// returns exactly what the sequential running sum returns, or nothing when it cannot be sure.
///
/// The sequential draw adds the weights one by one until the running sum exceeds the target:
/// one dependent addition per candidate, the longest chain of a sampling step. Here the
/// weights are summed in blocks of 256 (independent sums that pipeline), the block holding the
/// crossing is found from the block prefix sums, and only that block is scanned. Both running
/// sums are within n·u·Σw of the exact prefix sums (u = 2^-53, weights non-negative), so when
/// the fast running sum stays more than twice that away from the target on both sides of its
/// crossing, the sequential one crosses at the same candidate. Otherwise (about once in 10^5
/// draws for 150,000 candidates) the caller runs the sequential draw.
enum BlockedDraw {
  static let block = 256

  /// The index of the first candidate whose running weight sum exceeds `target`, or nil when
  /// the margin is too small to be sure (or the sums are not finite).
  static func index(weights w: UnsafePointer<Double>, count n: Int, target: Double) -> Int? {
    index(StoredWeights(base: w), count: n, target: target)
  }

  /// `index(weights:count:target:)` over weights made as they are read (`DrawAddends`), so
  /// that an embedder's last factors need not be stored first.
  @inline(__always)
  static func index<W: DrawAddends>(_ w: W, count n: Int, target: Double) -> Int? {
    var prefix: Double = 0
    var start = 0
    // Block sums (`OrderedSum` order, independent lanes); prefix of blocks up to the crossing.
    while start < n {
      let end = min(start + block, n)
      var sum = OrderedSum()
      var i = start
      while i + 4 <= end {
        sum.add(w.four(i))
        i &+= 4
      }
      while i < end {
        sum.add(w[i])
        i += 1
      }
      let blockSum = sum.value
      if prefix + blockSum > target { break }
      prefix += blockSum
      start = end
    }
    guard start < n else { return nil }
    // Scan the crossing block from the prefix of the blocks before it.
    var running = prefix
    var crossing = start
    var before = prefix
    while crossing < n {
      before = running
      running += w[crossing]
      if running > target { break }
      crossing += 1
    }
    guard crossing < n else { return nil }
    // Rigorous margin: both running sums lie within n·u·Σw (+ lower order) of the exact ones.
    let bound = 2 * Double(n) * 0x1p-53 * max(running, target) * 1.01 + Double.leastNormalMagnitude
    guard target.isFinite, running.isFinite, running - target > 2 * bound,
      target - before > 2 * bound
    else { return nil }
    return crossing
  }
}

/// The non-negative addends of an inverse-CDF draw, one at a time or four at once (the same
/// binary64 values either way).
protocol DrawAddends {
  /// Addend i.
  subscript(_ i: Int) -> Double { get }
  /// Addends i ..< i + 4.
  func four(_ i: Int) -> SIMD4<Double>
}

/// Weights stored in memory.
struct StoredWeights: DrawAddends {
  let base: UnsafePointer<Double>

  @inline(__always) subscript(_ i: Int) -> Double { base[i] }

  @inline(__always) func four(_ i: Int) -> SIMD4<Double> {
    UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Double>.self)
  }
}
