/// SynthID's m tournament layers in closed form, in place on a candidate set's weights
/// (Spec/schemes.md#synthid), in a few passes over the candidates.
///
/// Layers go in ⌈m / 11⌉ blocks of nearly equal size (the larger first; 10, 10, 10 for m = 30).
/// Within a block, candidates with the same g-value pattern get the same factor, so a pass sums
/// the weights per pattern (each pattern's sum in ascending candidate order), the block's layers
/// are resolved on the 2^k pattern sums, and the next pass applies each pattern's product of
/// factors while it sums the new weights per pattern of the next block. The last block's factors
/// are applied by a last pass that also sums the final weights (`OrderedSum`), or, over a whole
/// vocabulary, during the draw itself (`draw`), with the total taken from the last block's
/// pattern sums: blocks + 1 passes over the candidates, or blocks and a draw that stops early.
///
/// Resolving a block of k layers costs O(2^k): with T_j the pattern sums summed over the block's
/// layers j ..< k (T_k the pattern sums, T_j[a] = T_{j+1}[a] + T_{j+1}[a + 2^j]), layer j takes
/// winners = Σ_a P_j[a] · T_{j+1}[2^j + a] over the 2^j patterns a of the layers before it
/// (`OrderedSum` order), down = 1 − winners / W, and P_{j+1}[a] = P_j[a] · down,
/// P_{j+1}[2^j + a] = P_j[a] · (down + 1), from P_0 = [1]; P_k holds the block's factors.
///
/// Not thread-safe (scratch storage): one instance per embedder.
final class SynthIDTournament {
  /// The largest block: 2^11 patterns, 16 KiB per table, so the tables stay in the L1 cache.
  static let maximumBlock = 11

  /// The number of layers, m.
  let layers: Int
  private let blocks: [Int]
  /// Pattern sums, two factor tables and the marginal sums, 2^maximumBlock entries each.
  private let scratch: UnsafeMutablePointer<Double>
  /// The last block's factors, not yet applied (after `run(binary32:…)`), for `draw`.
  private var pendingFactors: UnsafeMutablePointer<Double>?
  private var pendingShift: UInt64 = 0
  private var pendingBits = 0

  /// A tournament of `layers` layers (1 … 32).
  init(layers: Int) {
    precondition((1...32).contains(layers), "SynthID layers must be 1 … 32")
    self.layers = layers
    let count = (layers + Self.maximumBlock - 1) / Self.maximumBlock
    blocks = (0..<count).map { layers / count + ($0 < layers % count ? 1 : 0) }
    scratch = .allocate(capacity: 4 << Self.maximumBlock)
  }

  deinit { scratch.deallocate() }

  /// Plays the tournament on the weights `Double(binary32[i])`, written to `weights[0..<n]`,
  /// with the candidates' PRF words `words[0..<n]`; W is their `OrderedSum`. All but the last
  /// block's factors are applied to `weights`; `draw` applies those as it goes. Returns the total
  /// of the final weights: the `OrderedSum` over the last block's patterns, ascending, of
  /// (pattern sum × factor).
  func run(
    binary32: UnsafePointer<Float>, weights: UnsafeMutablePointer<Double>, count n: Int,
    words: UnsafePointer<UInt32>
  ) -> Double {
    // First pass: convert, sum, and sum per pattern of the first block.
    let mask = UInt64(1 << blocks[0] - 1)
    let mass = scratch
    mass.update(repeating: 0, count: 1 << blocks[0])
    var total = OrderedSum()
    var i = 0
    while i + 4 <= n {
      let x0 = Self.wordPair(words, i)
      let x1 = Self.wordPair(words, i + 2)
      let v = SIMD4<Double>(UnsafeRawPointer(binary32 + i).loadUnaligned(as: SIMD4<Float>.self))
      Self.store(v, weights + i)
      total.add(v)
      mass[Int(x0 & mask)] += v[0]
      mass[Int((x0 &>> 32) & mask)] += v[1]
      mass[Int(x1 & mask)] += v[2]
      mass[Int((x1 &>> 32) & mask)] += v[3]
      i &+= 4
    }
    while i < n {
      let v = Double(binary32[i])
      weights[i] = v
      total.add(v)
      mass[Int(UInt64(words[i]) & mask)] += v
      i += 1
    }
    return finish(weights: weights, count: n, words: words, total: total.value, lastPass: false)
  }

  /// Plays the tournament in place on `weights[0..<n]` (their `OrderedSum` is `total`) with the
  /// candidates' PRF words `words[0..<n]`. Returns the total of the final weights (`OrderedSum`).
  func run(
    weights: UnsafeMutablePointer<Double>, count n: Int, total: Double,
    words: UnsafePointer<UInt32>
  ) -> Double {
    let mask = UInt64(1 << blocks[0] - 1)
    let mass = scratch
    mass.update(repeating: 0, count: 1 << blocks[0])
    for i in 0..<n { mass[Int(UInt64(words[i]) & mask)] += weights[i] }
    return finish(weights: weights, count: n, words: words, total: total, lastPass: true)
  }

  /// The candidate drawn by the uniform `r` (sampling.md's inverse CDF over the final weights in
  /// ascending order) after `run(binary32:…)`, whose result is `total`: each final weight is
  /// made (weight × its pattern's factor, rounded as a stored weight would be) only as the
  /// cumulative sum reaches it. Over many candidates the crossing is found with `BlockedDraw`
  /// (the same candidate as the sequential sum, or a fallback to it).
  func draw(
    weights: UnsafePointer<Double>, count n: Int, words: UnsafePointer<UInt32>, total: Double,
    uniform r: Double
  ) -> Int {
    guard let factors = pendingFactors else { preconditionFailure("draw before run") }
    let final = FactoredWeights(
      weights: weights, words: words, factors: factors, shift: pendingShift,
      mask: UInt64(1 << pendingBits - 1))
    let target = r * total
    if n >= 2 * BlockedDraw.block, let i = BlockedDraw.index(final, count: n, target: target) {
      return i
    }
    var cumulative: Double = 0
    for i in 0..<n {
      cumulative += final[i]
      if cumulative > target { return i }
    }
    return n - 1
  }

  /// The final weights `draw` adds up after `run(binary32:…)`, stored (for tests).
  func finalWeights(weights: UnsafePointer<Double>, count n: Int, words: UnsafePointer<UInt32>)
    -> [Double]
  {
    guard let factors = pendingFactors else { preconditionFailure("finalWeights before run") }
    let final = FactoredWeights(
      weights: weights, words: words, factors: factors, shift: pendingShift,
      mask: UInt64(1 << pendingBits - 1))
    return (0..<n).map { final[$0] }
  }

  /// Weights times their pattern's factor in one block (the final weights made on the fly in
  /// the draw, the new weights of a last pass): one entry or four at once.
  private struct FactoredWeights: DrawAddends {
    let weights: UnsafePointer<Double>
    let words: UnsafePointer<UInt32>
    let factors: UnsafePointer<Double>
    let shift: UInt64
    let mask: UInt64

    @inline(__always) subscript(_ i: Int) -> Double {
      weights[i] * factors[Int((UInt64(words[i]) &>> shift) & mask)]
    }

    @inline(__always) func four(_ i: Int) -> SIMD4<Double> {
      let x0 = SynthIDTournament.wordPair(words, i)
      let x1 = SynthIDTournament.wordPair(words, i + 2)
      let high = shift + 32
      let f = SIMD4(
        factors[Int((x0 &>> shift) & mask)], factors[Int((x0 &>> high) & mask)],
        factors[Int((x1 &>> shift) & mask)], factors[Int((x1 &>> high) & mask)])
      return SynthIDTournament.load(weights + i) * f
    }
  }

  /// Everything after the first pass, whose pattern sums are in `scratch`; with `lastPass`
  /// false the last block's factors are left for `draw`.
  private func finish(
    weights: UnsafeMutablePointer<Double>, count n: Int, words: UnsafePointer<UInt32>,
    total: Double, lastPass: Bool
  ) -> Double {
    let table = 1 << Self.maximumBlock
    let mass = scratch
    var factors = scratch + table
    var nextFactors = scratch + 2 * table
    let marginals = scratch + 3 * table
    var bits = blocks[0]
    var shift: UInt64 = 0
    Self.resolve(mass: mass, bits: bits, total: total, factors: factors, marginals: marginals)
    for block in blocks.dropFirst() {
      let nextShift = shift + UInt64(bits)
      mass.update(repeating: 0, count: 1 << block)
      Self.apply(
        factors, shift: shift, bits: bits, to: weights, count: n, words: words,
        summingInto: mass, shift: nextShift, bits: block)
      Self.resolve(
        mass: mass, bits: block, total: total, factors: nextFactors, marginals: marginals)
      swap(&factors, &nextFactors)
      shift = nextShift
      bits = block
    }
    if lastPass {
      pendingFactors = nil
      return Self.apply(factors, shift: shift, bits: bits, to: weights, count: n, words: words)
    }
    pendingFactors = factors
    pendingShift = shift
    pendingBits = bits
    var final = OrderedSum()
    let patterns = 1 << bits
    var q = 0
    while q + 4 <= patterns {
      final.add(Self.load(mass + q) * Self.load(factors + q))
      q += 4
    }
    while q < patterns {
      final.add(mass[q] * factors[q])
      q += 1
    }
    return final.value
  }

  /// The factors of a block of `k` layers from its pattern sums `mass` (the type's comment).
  private static func resolve(
    mass: UnsafeMutablePointer<Double>, bits k: Int, total: Double,
    factors p: UnsafeMutablePointer<Double>, marginals: UnsafeMutablePointer<Double>
  ) {
    // T_j (2^j entries) lives at marginals + 2^j for 1 ≤ j < k; T_k is `mass`.
    var upper = mass
    var j = k - 1
    while j >= 1 {
      let half = 1 << j
      let lower = marginals + half
      for a in 0..<half { lower[a] = upper[a] + upper[a + half] }
      upper = lower
      j -= 1
    }
    p[0] = 1
    for j in 0..<k {
      let half = 1 << j
      let t = (j + 1 == k ? mass : marginals + 2 * half) + half
      var winners = OrderedSum()
      var a = 0
      while a + 4 <= half {
        winners.add(load(p + a) * load(t + a))
        a += 4
      }
      while a < half {
        winners.add(p[a] * t[a])
        a += 1
      }
      let down = 1 - winners.value / total
      let up = down + 1
      for a in 0..<half {
        let x = p[a]
        p[a + half] = x * up
        p[a] = x * down
      }
    }
  }

  /// weights[i] *= factors[pattern of i in the block at `shift`], summing the new weights per
  /// pattern of the block at `nextShift` into `mass`.
  private static func apply(
    _ factors: UnsafePointer<Double>, shift: UInt64, bits: Int,
    to weights: UnsafeMutablePointer<Double>, count n: Int, words: UnsafePointer<UInt32>,
    summingInto mass: UnsafeMutablePointer<Double>, shift nextShift: UInt64, bits nextBits: Int
  ) {
    let mask = UInt64(1 << bits - 1)
    let nextMask = UInt64(1 << nextBits - 1)
    // Word pairs: the second word of a pair sits 32 bits higher. Each pair is loaded once for
    // both tables (`FactoredWeights` would load it again: 9 % slower at m = 30, measured).
    let high = shift + 32
    let nextHigh = nextShift + 32
    var i = 0
    while i + 4 <= n {
      let x0 = wordPair(words, i)
      let x1 = wordPair(words, i + 2)
      let f = SIMD4(
        factors[Int((x0 &>> shift) & mask)], factors[Int((x0 &>> high) & mask)],
        factors[Int((x1 &>> shift) & mask)], factors[Int((x1 &>> high) & mask)])
      let v = load(weights + i) * f
      store(v, weights + i)
      mass[Int((x0 &>> nextShift) & nextMask)] += v[0]
      mass[Int((x0 &>> nextHigh) & nextMask)] += v[1]
      mass[Int((x1 &>> nextShift) & nextMask)] += v[2]
      mass[Int((x1 &>> nextHigh) & nextMask)] += v[3]
      i &+= 4
    }
    while i < n {
      let x = UInt64(words[i])
      let v = weights[i] * factors[Int((x &>> shift) & mask)]
      weights[i] = v
      mass[Int((x &>> nextShift) & nextMask)] += v
      i += 1
    }
  }

  /// weights[i] *= factors[pattern of i in the block at `shift`]; returns the new weights'
  /// `OrderedSum`.
  private static func apply(
    _ factors: UnsafePointer<Double>, shift: UInt64, bits: Int,
    to weights: UnsafeMutablePointer<Double>, count n: Int, words: UnsafePointer<UInt32>
  ) -> Double {
    let product = FactoredWeights(
      weights: weights, words: words, factors: factors, shift: shift,
      mask: UInt64(1 << bits - 1))
    var total = OrderedSum()
    var i = 0
    while i + 4 <= n {
      let v = product.four(i)
      store(v, weights + i)
      total.add(v)
      i &+= 4
    }
    while i < n {
      let v = product[i]
      weights[i] = v
      total.add(v)
      i += 1
    }
    return total.value
  }

  /// Words i (low half) and i + 1 (high half) in one load.
  @inline(__always) fileprivate static func wordPair(_ words: UnsafePointer<UInt32>, _ i: Int)
    -> UInt64
  {
    #if _endian(little)
      return UnsafeRawPointer(words + i).loadUnaligned(as: UInt64.self)
    #else
      return UInt64(words[i]) | UInt64(words[i + 1]) << 32
    #endif
  }

  @inline(__always) fileprivate static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
  }

  @inline(__always) private static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>)
  {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
  }
}
