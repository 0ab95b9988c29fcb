/// SynthID's m tournament layers in closed form (Spec/schemes.md#synthid), in a few passes over
/// the candidates.
///
/// Layers go in ⌈m / 11⌉ blocks of nearly equal size (the larger first; 10, 10, 10 for m = 30).
/// Within a block, candidates with the same g-value pattern get the same factor, so a pass sums
/// the weights per pattern (each pattern's sum in ascending candidate order) and the block's
/// layers are resolved on the 2^k pattern sums. A candidate's weight after block b is a
/// weight known before (its starting weight, or the one stored after block 0) times the
/// factors of the blocks since, in block order (`FactorChain`): the same binary64 products as
/// storing the weights after every block, but a pass makes the weights it sums as it reads
/// them, and only the weights after block 0 are written, when two more blocks start from them
/// (the contender floor's draw makes its final weights the same way). The last block's factors
/// are applied by a last pass that stores and sums the final weights (`OrderedSum`), or, over a
/// whole vocabulary, during the draw itself (`draw`), with the total taken from the last
/// block's pattern sums: blocks + 1 passes over the candidates, or blocks and a draw that stops
/// early.
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
  /// Block b's factors: its table (after `resolve`), the shift and mask of its pattern.
  private let blocks: [BlockFactors]
  /// Pattern sums and the marginal sums, 2^maximumBlock entries each, then the blocks' tables.
  private let scratch: UnsafeMutablePointer<Double>
  /// Whether `run(binary32:…)` left the last block's factors for `draw`.
  private var drawPending = false

  /// A tournament of `layers` layers (1 … 32).
  init(layers: Int) {
    precondition((1...32).contains(layers), "SynthID layers must be 1 … 32")
    self.layers = layers
    let count = (layers + Self.maximumBlock - 1) / Self.maximumBlock
    let sizes = (0..<count).map { layers / count + ($0 < layers % count ? 1 : 0) }
    let table = 1 << Self.maximumBlock
    let storage = UnsafeMutablePointer<Double>.allocate(capacity: (2 + count) * table)
    scratch = storage
    blocks = sizes.indices.map { b in
      BlockFactors(
        table: storage + (2 + b) * table, shift: UInt64(sizes[..<b].reduce(0, +)),
        bits: sizes[b])
    }
  }

  deinit { scratch.deallocate() }

  private var mass: UnsafeMutablePointer<Double> { scratch }
  private var marginals: UnsafeMutablePointer<Double> { scratch + (1 << Self.maximumBlock) }

  /// Plays the tournament on the weights `Double(binary32[i])` with the candidates' PRF words
  /// `words[0..<n]` (W is their `OrderedSum`, or `total` when given), using `weights` as
  /// storage; `draw`, given the same buffers, makes the final weights as it goes. With a
  /// `threshold`, weights below it play as 0 (a contender floor over a whole vocabulary: the
  /// same sums as the contenders alone). Returns the total of the final weights: the
  /// `OrderedSum` over the last block's patterns, ascending, of (pattern sum × factor).
  func run(
    binary32: UnsafePointer<Float>, weights: UnsafeMutablePointer<Double>, count n: Int,
    words: UnsafePointer<UInt32>, total: Double? = nil, threshold: Float? = nil
  ) -> Double {
    if let threshold {
      play(
        FloorWeights(base: binary32, threshold: threshold), weights: weights, count: n,
        words: words, total: total)
    } else {
      play(
        Binary32Weights(base: binary32), weights: weights, count: n, words: words, total: total)
    }
    drawPending = true
    let last = blocks[blocks.count - 1]
    var final = OrderedSum()
    let patterns = 1 << last.bits
    var q = 0
    while q + 4 <= patterns {
      final.add(Self.load(mass + q) * Self.load(last.table + q))
      q += 4
    }
    while q < patterns {
      final.add(mass[q] * last.table[q])
      q += 1
    }
    return final.value
  }

  /// Plays the tournament in place on `weights[0..<n]` with the candidates' PRF words
  /// `words[0..<n]` (W is their `OrderedSum`, or `total` when given). Returns the total of the
  /// final weights (`OrderedSum`).
  func run(
    weights: UnsafeMutablePointer<Double>, count n: Int, words: UnsafePointer<UInt32>,
    total: Double? = nil
  ) -> Double {
    let source = StoredWeights(base: weights)
    play(source, weights: weights, count: n, words: words, total: total)
    drawPending = false
    switch blocks.count {
    case 1: return Self.store(OneBlock(source, blocks[0]), count: n, words: words, to: weights)
    case 2:
      return Self.store(
        TwoBlocks(source, blocks[0], blocks[1]), count: n, words: words, to: weights)
    default:
      return Self.store(
        TwoBlocks(source, blocks[1], blocks[2]), count: n, words: words, to: weights)
    }
  }

  /// The candidate drawn by the uniform `r` (sampling.md's inverse CDF over the final weights in
  /// ascending order) after `run(binary32:…)` with the same arguments, whose result is `total`:
  /// each final weight is made only as the cumulative sum reaches it. Over many candidates the
  /// crossing is found with `BlockedDraw` (the same candidate as the sequential sum, or a
  /// fallback to it).
  func draw(
    binary32: UnsafePointer<Float>, weights: UnsafePointer<Double>, count n: Int,
    words: UnsafePointer<UInt32>, total: Double, uniform r: Double
  ) -> Int {
    precondition(drawPending, "draw before run(binary32:…)")
    let target = r * total
    let source = Binary32Weights(base: binary32)
    switch blocks.count {
    case 1:
      return Self.draw(FinalWeights(OneBlock(source, blocks[0]), words), count: n, target: target)
    case 2:
      return Self.draw(
        FinalWeights(TwoBlocks(source, blocks[0], blocks[1]), words), count: n, target: target)
    default:
      return Self.draw(
        FinalWeights(TwoBlocks(StoredWeights(base: weights), blocks[1], blocks[2]), words),
        count: n, target: target)
    }
  }

  /// Like `draw`, over a whole vocabulary whose contenders (binary32 weight ≥ `threshold`) played
  /// the tournament in `run(binary32:…)`, on their gathered weights and words or, with
  /// `weights` (the storage `run` was given), over the whole vocabulary with the others at 0: a
  /// contender's final weight is made here from its id, the same product as there; the others
  /// add their own weights. `total` is the non-contenders' sum plus what `run` returned.
  func draw(
    vocabularyBinary32 binary32: UnsafePointer<Float>, weights: UnsafePointer<Double>?,
    count n: Int, words: UnsafePointer<UInt32>, threshold: Float, total: Double,
    uniform r: Double
  ) -> Int {
    precondition(drawPending, "draw before run(binary32:…)")
    let target = r * total
    let source = Binary32Weights(base: binary32)
    func contenders<C: FactorChain>(_ chain: C) -> ContenderFinalWeights<C> {
      ContenderFinalWeights(
        contenders: FinalWeights(chain, words), binary32: binary32, threshold: threshold)
    }
    switch blocks.count {
    case 1:
      return Self.draw(contenders(OneBlock(source, blocks[0])), count: n, target: target)
    case 2:
      return Self.draw(
        contenders(TwoBlocks(source, blocks[0], blocks[1])), count: n, target: target)
    default:
      if let weights {
        // The weights after block 0 are stored for every token: two gathers instead of three.
        return Self.draw(
          contenders(TwoBlocks(StoredWeights(base: weights), blocks[1], blocks[2])), count: n,
          target: target)
      }
      return Self.draw(
        contenders(ThreeBlocks(source, blocks[0], blocks[1], blocks[2])), count: n,
        target: target)
    }
  }

  /// The final weights `draw` adds up after `run(binary32:…)` (for tests).
  func finalWeights(
    binary32: UnsafePointer<Float>, weights: UnsafePointer<Double>, count n: Int,
    words: UnsafePointer<UInt32>
  ) -> [Double] {
    precondition(drawPending, "finalWeights before run(binary32:…)")
    let source = Binary32Weights(base: binary32)
    switch blocks.count {
    case 1:
      let final = FinalWeights(OneBlock(source, blocks[0]), words)
      return (0..<n).map { final[$0] }
    case 2:
      let final = FinalWeights(TwoBlocks(source, blocks[0], blocks[1]), words)
      return (0..<n).map { final[$0] }
    default:
      let final = FinalWeights(
        TwoBlocks(StoredWeights(base: weights), blocks[1], blocks[2]), words)
      return (0..<n).map { final[$0] }
    }
  }

  /// Resolves every block (W = `given`, else the starting weights' `OrderedSum`): block 0 from
  /// the pattern sums of the starting weights `source`,
  /// block b from those of the weights after blocks 0 ..< b, made as the pass reads them. The
  /// weights after block 0 are stored to `weights` when a third block needs them (the pass of
  /// block 2 and the final weights start from them); the final weights are the stored ones (or
  /// `source`'s) times the last one or two blocks' factors.
  private func play<S: WeightSource>(
    _ source: S, weights: UnsafeMutablePointer<Double>, count n: Int,
    words: UnsafePointer<UInt32>, total given: Double?
  ) {
    let sum = Self.sumPatterns(
      NoBlocks(source), count: n, words: words, into: mass, blocks[0], storingTo: nil)
    let total = given ?? sum
    resolve(blocks[0], total: total)
    guard blocks.count > 1 else { return }
    _ = Self.sumPatterns(
      OneBlock(source, blocks[0]), count: n, words: words, into: mass, blocks[1],
      storingTo: blocks.count > 2 ? weights : nil)
    resolve(blocks[1], total: total)
    guard blocks.count > 2 else { return }
    _ = Self.sumPatterns(
      OneBlock(StoredWeights(base: weights), blocks[1]), count: n, words: words, into: mass,
      blocks[2], storingTo: nil)
    resolve(blocks[2], total: total)
  }

  /// Sums `chain`'s weights per pattern of `block` into `mass`; returns their `OrderedSum`.
  private static func sumPatterns<C: FactorChain>(
    _ chain: C, count n: Int, words: UnsafePointer<UInt32>,
    into mass: UnsafeMutablePointer<Double>, _ block: BlockFactors,
    storingTo stored: UnsafeMutablePointer<Double>?
  ) -> Double {
    if let stored {
      return sumPatterns(
        chain, count: n, words: words, into: mass, block, sink: StoringSink(base: stored))
    }
    return sumPatterns(chain, count: n, words: words, into: mass, block, sink: DiscardingSink())
  }

  /// `sumPatterns` handing each weight to `sink`.
  @inline(__always)
  private static func sumPatterns<C: FactorChain, K: WeightSink>(
    _ chain: C, count n: Int, words: UnsafePointer<UInt32>,
    into mass: UnsafeMutablePointer<Double>, _ block: BlockFactors, sink: K
  ) -> Double {
    mass.update(repeating: 0, count: 1 << block.bits)
    let shift = block.shift
    let high = shift + 32
    let mask = block.mask
    var total = OrderedSum()
    var i = 0
    while i + 4 <= n {
      // Word pairs: the second word of a pair sits 32 bits higher; each pair is loaded once
      // for the factors and the pattern.
      let x0 = wordPair(words, i)
      let x1 = wordPair(words, i + 2)
      let v = chain.four(i, x0, x1)
      sink.four(i, v)
      total.add(v)
      mass[Int(truncatingIfNeeded: (x0 &>> shift) & mask)] += v[0]
      mass[Int(truncatingIfNeeded: (x0 &>> high) & mask)] += v[1]
      mass[Int(truncatingIfNeeded: (x1 &>> shift) & mask)] += v[2]
      mass[Int(truncatingIfNeeded: (x1 &>> high) & mask)] += v[3]
      i &+= 4
    }
    while i < n {
      let x = UInt64(words[i])
      let v = chain.one(i, x)
      sink.one(i, v)
      total.add(v)
      mass[Int(truncatingIfNeeded: (x &>> shift) & mask)] += v
      i += 1
    }
    return total.value
  }

  /// Stores `chain`'s weights to `weights`; returns their `OrderedSum`.
  private static func store<C: FactorChain>(
    _ chain: C, count n: Int, words: UnsafePointer<UInt32>, to weights: UnsafeMutablePointer<Double>
  ) -> Double {
    var total = OrderedSum()
    var i = 0
    while i + 4 <= n {
      let v = chain.four(i, wordPair(words, i), wordPair(words, i + 2))
      UnsafeMutableRawPointer(weights + i).storeBytes(of: v, as: SIMD4<Double>.self)
      total.add(v)
      i &+= 4
    }
    while i < n {
      let v = chain.one(i, UInt64(words[i]))
      weights[i] = v
      total.add(v)
      i += 1
    }
    return total.value
  }

  /// Inverse CDF over `final` (`BlockedDraw`, falling back to the sequential sum).
  private static func draw<A: DrawAddends>(_ final: A, count n: Int, target: Double) -> Int {
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

  /// Fills `block.table` with the factors of its k layers from the pattern sums in `mass`
  /// (the type's comment).
  private func resolve(_ block: BlockFactors, total: Double) {
    let k = block.bits
    let p = block.table
    // T_j (2^j entries) lives at marginals + 2^j for 1 ≤ j < k; T_k is `mass`.
    var upper = mass
    var j = k - 1
    while j >= 1 {
      let half = 1 << j
      let lower = marginals + half
      var a = 0
      while a + 4 <= half {
        Self.store(Self.load(upper + a) + Self.load(upper + a + half), lower + a)
        a += 4
      }
      while a < half {
        lower[a] = upper[a] + upper[a + half]
        a += 1
      }
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
        winners.add(Self.load(p + a) * Self.load(t + a))
        a += 4
      }
      while a < half {
        winners.add(p[a] * t[a])
        a += 1
      }
      let down = 1 - winners.value / total
      let up = down + 1
      a = 0
      while a + 4 <= half {
        let x = Self.load(p + a)
        Self.store(x * up, p + a + half)
        Self.store(x * down, p + a)
        a += 4
      }
      while a < half {
        let x = p[a]
        p[a + half] = x * up
        p[a] = x * down
        a += 1
      }
    }
  }

  @inline(__always) private static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
  }

  @inline(__always) private static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>)
  {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
  }
}
