/// The candidates that play SynthID's tournament under a contender floor φ: those whose weight
/// is at least 2^-φ (the weights are e^(ℓ − max ℓ), so the largest is 1), gathered into
/// contiguous arrays for `SynthIDTournament`, with the sum of the others' weights
/// (Spec/schemes.md#synthid).
///
/// Over a whole vocabulary one vectorised pass (`mark`) counts the contenders, marks them in a
/// bit set and sums both parts (`OrderedSum` order, the other part counting as 0); when they are
/// few, a second loop (`gather`) visits only the set bits, gathering binary32 weights and words
/// (the draw finds each token's final weight from its id, so nothing is scattered back).
/// Storage is reused; not thread-safe.
final class SynthIDContenders {
  /// The number of contenders.
  private(set) var count = 0
  /// Their positions among the candidates, ascending (candidate lists only).
  var positions: UnsafeMutablePointer<Int32> { positionStore.base }
  /// Their binary64 weights (candidate lists), or storage for the tournament (a vocabulary).
  var weights: UnsafeMutablePointer<Double> { weightStore.base }
  /// Their binary32 weights (a whole vocabulary).
  var binary32: UnsafeMutablePointer<Float> { binary32Store.base }
  /// Their PRF words.
  var words: UnsafeMutablePointer<UInt32> { wordStore.base }
  /// The non-contenders' weights summed (`OrderedSum` order, the contenders counting as 0).
  private(set) var rest: Double = 0
  /// The contenders' weights summed the same way (the non-contenders counting as 0): the
  /// tournament's W, the same whether it plays on the gathered contenders or on the whole
  /// vocabulary with the others at 0.
  private(set) var playing: Double = 0
  private let positionStore = ScratchBuffer<Int32>()
  private let weightStore = ScratchBuffer<Double>()
  private let binary32Store = ScratchBuffer<Float>()
  private let wordStore = ScratchBuffer<UInt32>()
  /// One bit per token of a vocabulary, set for the contenders (`mark`).
  private let bitStore = ScratchBuffer<UInt64>()

  private func reserve(_ n: Int) {
    positionStore.reserve(n)
    weightStore.reserve(n)
    binary32Store.reserve(n)
    wordStore.reserve(n)
    bitStore.reserve(n / 64 + 1)
  }

  /// The smallest binary32 weight of a contender under floor φ: 2^-φ.
  static func threshold(floor φ: Int) -> Float {
    Float(sign: .plus, exponent: -φ, significand: 1)
  }

  /// Over a whole vocabulary (binary32 weights, non-negative): counts and marks the contenders
  /// (weight ≥ `threshold`) and sums both parts (`rest`, `playing`); `gather` then lists them.
  func mark(binary32 all: UnsafePointer<Float>, count n: Int, threshold: Float) {
    reserve(n)
    // For non-negative binary32 values, w < threshold exactly when the difference of the bit
    // patterns wraps around: its top bit is set.
    let limit = SIMD8<UInt32>(repeating: threshold.bitPattern)
    let wideLimit = SIMD4<Double>(repeating: Double(threshold))
    let bits = bitStore.base
    var restSum = OrderedSum()
    var playingSum = OrderedSum()
    var word: UInt64 = 0
    var k = 0
    var i = 0
    while i + 8 <= n {
      let raw = UnsafeRawPointer(all + i)
      let below = (raw.loadUnaligned(as: SIMD8<UInt32>.self) &- limit) &>> 31
      // Eight 0/1 bytes to eight bits: the multiplier sends byte j's bit to bit 56 + j.
      let bytes = UInt64(
        littleEndian: unsafeBitCast(SIMD8<UInt8>(truncatingIfNeeded: below), to: UInt64.self))
      let plays = ~((bytes &* 0x0102_0408_1020_4080) &>> 56) & 0xFF
      k &+= plays.nonzeroBitCount
      word |= plays &<< UInt64(i & 63)
      if i & 63 == 56 {
        bits[i >> 6] = word
        word = 0
      }
      for half in 0..<2 {
        let v = SIMD4<Double>(raw.loadUnaligned(fromByteOffset: 16 * half, as: SIMD4<Float>.self))
        let low = v .< wideLimit
        restSum.add(v.replacing(with: 0, where: .!low))
        playingSum.add(v.replacing(with: 0, where: low))
      }
      i &+= 8
    }
    while i < n {
      let v = Double(all[i])
      // Still in a whole group of four: OrderedSum lane i mod 4; past it: lane 0.
      var group = SIMD4<Double>()
      group[i < n & ~3 ? i & 3 : 0] = v
      if all[i] >= threshold {
        word |= 1 &<< UInt64(i & 63)
        k += 1
        playingSum.add(group)
      } else {
        restSum.add(group)
      }
      i += 1
    }
    if n & 63 != 0 { bits[n >> 6] = word }
    count = k
    rest = restSum.value
    playing = playingSum.value
  }

  /// Lists the contenders `mark` found, in id order: their binary32 weights and their words
  /// `vocabularyWords[i]`.
  func gather(
    binary32 all: UnsafePointer<Float>, count n: Int, words vocabularyWords: UnsafePointer<UInt32>
  ) {
    let bits = bitStore.base
    let binary32 = binary32
    let words = words
    var k = 0
    for w in 0..<(n + 63) >> 6 {
      var m = bits[w]
      while m != 0 {
        let id = w << 6 | m.trailingZeroBitCount
        binary32[k] = all[id]
        words[k] = vocabularyWords[id]
        k &+= 1
        m &= m &- 1
      }
    }
  }

  /// Among `n` candidates with binary64 weights and words (ascending): lists the contenders
  /// (weight ≥ `threshold`) with their positions, and sums both parts (`rest`, `playing`).
  func select(
    weights candidateWeights: UnsafePointer<Double>, count n: Int, threshold: Float,
    words candidateWords: UnsafePointer<UInt32>
  ) {
    reserve(n)
    let limit = Double(threshold)
    var restSum = OrderedSum()
    var playingSum = OrderedSum()
    var k = 0
    var i = 0
    while i + 4 <= n {
      let v = UnsafeRawPointer(candidateWeights + i).loadUnaligned(as: SIMD4<Double>.self)
      let low = v .< SIMD4(repeating: limit)
      restSum.add(v.replacing(with: 0, where: .!low))
      playingSum.add(v.replacing(with: 0, where: low))
      for j in i..<i + 4 where candidateWeights[j] >= limit {
        append(&k, j, candidateWeights, candidateWords)
      }
      i &+= 4
    }
    while i < n {
      if candidateWeights[i] >= limit {
        append(&k, i, candidateWeights, candidateWords)
        playingSum.add(candidateWeights[i])
      } else {
        restSum.add(candidateWeights[i])
      }
      i += 1
    }
    count = k
    rest = restSum.value
    playing = playingSum.value
  }

  @inline(__always) private func append(
    _ k: inout Int, _ i: Int, _ w: UnsafePointer<Double>, _ wd: UnsafePointer<UInt32>
  ) {
    positionStore.base[k] = Int32(truncatingIfNeeded: i)
    weightStore.base[k] = w[i]
    wordStore.base[k] = wd[i]
    k += 1
  }

  /// Writes the contenders' (final) weights back to their positions in `all` (candidate lists).
  func scatter(into all: UnsafeMutablePointer<Double>) {
    for k in 0..<count { all[Int(positions[k])] = weights[k] }
  }
}
