/// The weights of a SynthID tournament after its first blocks, made as they are read: a
/// starting weight (`WeightSource`) times each block's factor for the candidate's pattern, in
/// block order, so the result is the binary64 value a weight stored after each block would
/// hold (Spec/schemes.md#synthid, evaluation order).

/// Starting weights, one at a time or four at once (the same binary64 values either way).
protocol WeightSource {
  func one(_ i: Int) -> Double
  func four(_ i: Int) -> SIMD4<Double>
}

/// Binary32 weights (a whole vocabulary after the exponential), widened.
struct Binary32Weights: WeightSource {
  let base: UnsafePointer<Float>

  @inline(__always) func one(_ i: Int) -> Double { Double(base[i]) }

  @inline(__always) func four(_ i: Int) -> SIMD4<Double> {
    SIMD4<Double>(UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Float>.self))
  }
}

/// Binary32 weights of a whole vocabulary under a contender floor: those below `threshold`
/// count as 0, so the tournament's sums are the contenders' alone.
struct FloorWeights: WeightSource {
  let base: UnsafePointer<Float>
  let threshold: Float

  @inline(__always) func one(_ i: Int) -> Double { base[i] >= threshold ? Double(base[i]) : 0 }

  @inline(__always) func four(_ i: Int) -> SIMD4<Double> {
    let v = SIMD4<Double>(UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Float>.self))
    return v.replacing(with: 0, where: v .< SIMD4(repeating: Double(threshold)))
  }
}

extension StoredWeights: WeightSource {
  @inline(__always) func one(_ i: Int) -> Double { base[i] }
}

/// One block's factor table and the place of its pattern in a candidate's word.
struct BlockFactors {
  let table: UnsafeMutablePointer<Double>
  let shift: UInt64
  let bits: Int
  let mask: UInt64

  init(table: UnsafeMutablePointer<Double>, shift: UInt64, bits: Int) {
    self.table = table
    self.shift = shift
    self.bits = bits
    mask = UInt64(1 << bits - 1)
  }

  /// The factor of the candidate with word `x`.
  @inline(__always) func one(_ x: UInt64) -> Double {
    table[Int(truncatingIfNeeded: (x &>> shift) & mask)]
  }

  /// The factors of four candidates from two word pairs (low word first).
  @inline(__always) func four(_ x0: UInt64, _ x1: UInt64) -> SIMD4<Double> {
    let high = shift + 32
    return SIMD4(
      table[Int(truncatingIfNeeded: (x0 &>> shift) & mask)],
      table[Int(truncatingIfNeeded: (x0 &>> high) & mask)],
      table[Int(truncatingIfNeeded: (x1 &>> shift) & mask)],
      table[Int(truncatingIfNeeded: (x1 &>> high) & mask)])
  }
}

/// A starting weight times the factors of the first blocks, given the candidate's word(s).
protocol FactorChain {
  func one(_ i: Int, _ x: UInt64) -> Double
  func four(_ i: Int, _ x0: UInt64, _ x1: UInt64) -> SIMD4<Double>
}

/// The starting weights themselves.
struct NoBlocks<S: WeightSource>: FactorChain {
  let source: S
  init(_ source: S) { self.source = source }
  @inline(__always) func one(_ i: Int, _ x: UInt64) -> Double { source.one(i) }
  @inline(__always) func four(_ i: Int, _ x0: UInt64, _ x1: UInt64) -> SIMD4<Double> {
    source.four(i)
  }
}

/// Times one block's factors.
struct OneBlock<S: WeightSource>: FactorChain {
  let source: S
  let b0: BlockFactors
  init(_ source: S, _ b0: BlockFactors) {
    self.source = source
    self.b0 = b0
  }
  @inline(__always) func one(_ i: Int, _ x: UInt64) -> Double { source.one(i) * b0.one(x) }
  @inline(__always) func four(_ i: Int, _ x0: UInt64, _ x1: UInt64) -> SIMD4<Double> {
    source.four(i) * b0.four(x0, x1)
  }
}

/// Times two blocks' factors, in order.
struct TwoBlocks<S: WeightSource>: FactorChain {
  let source: S
  let b0: BlockFactors
  let b1: BlockFactors
  init(_ source: S, _ b0: BlockFactors, _ b1: BlockFactors) {
    self.source = source
    self.b0 = b0
    self.b1 = b1
  }
  @inline(__always) func one(_ i: Int, _ x: UInt64) -> Double {
    source.one(i) * b0.one(x) * b1.one(x)
  }
  @inline(__always) func four(_ i: Int, _ x0: UInt64, _ x1: UInt64) -> SIMD4<Double> {
    source.four(i) * b0.four(x0, x1) * b1.four(x0, x1)
  }
}

/// Times three blocks' factors, in order.
struct ThreeBlocks<S: WeightSource>: FactorChain {
  let source: S
  let b0: BlockFactors
  let b1: BlockFactors
  let b2: BlockFactors
  init(_ source: S, _ b0: BlockFactors, _ b1: BlockFactors, _ b2: BlockFactors) {
    self.source = source
    self.b0 = b0
    self.b1 = b1
    self.b2 = b2
  }
  @inline(__always) func one(_ i: Int, _ x: UInt64) -> Double {
    source.one(i) * b0.one(x) * b1.one(x) * b2.one(x)
  }
  @inline(__always) func four(_ i: Int, _ x0: UInt64, _ x1: UInt64) -> SIMD4<Double> {
    source.four(i) * b0.four(x0, x1) * b1.four(x0, x1) * b2.four(x0, x1)
  }
}

/// A chain's weights as the addends of an inverse-CDF draw, the words read from memory.
struct FinalWeights<C: FactorChain>: DrawAddends {
  let chain: C
  let words: UnsafePointer<UInt32>
  init(_ chain: C, _ words: UnsafePointer<UInt32>) {
    self.chain = chain
    self.words = words
  }

  @inline(__always) subscript(_ i: Int) -> Double { chain.one(i, UInt64(words[i])) }

  @inline(__always) func four(_ i: Int) -> SIMD4<Double> {
    chain.four(i, wordPair(words, i), wordPair(words, i + 2))
  }
}

/// The final weights of a whole vocabulary under a contender floor: a contender's (binary32
/// weight ≥ `threshold`) is its chain over all blocks (the product the tournament among the
/// contenders made), anyone else's is its own weight.
struct ContenderFinalWeights<C: FactorChain>: DrawAddends {
  let contenders: FinalWeights<C>
  let binary32: UnsafePointer<Float>
  let threshold: Float

  @inline(__always) subscript(_ i: Int) -> Double {
    binary32[i] >= threshold ? contenders[i] : Double(binary32[i])
  }

  @inline(__always) func four(_ i: Int) -> SIMD4<Double> {
    let own = SIMD4<Double>(UnsafeRawPointer(binary32 + i).loadUnaligned(as: SIMD4<Float>.self))
    return own.replacing(
      with: contenders.four(i), where: own .>= SIMD4(repeating: Double(threshold)))
  }
}

/// Words i (low half) and i + 1 (high half) in one load.
@inline(__always) func wordPair(_ words: UnsafePointer<UInt32>, _ i: Int) -> UInt64 {
  #if _endian(little)
    return UnsafeRawPointer(words + i).loadUnaligned(as: UInt64.self)
  #else
    return UInt64(words[i]) | UInt64(words[i + 1]) << 32
  #endif
}

/// Where a pass puts the weights it makes.
protocol WeightSink {
  func one(_ i: Int, _ v: Double)
  func four(_ i: Int, _ v: SIMD4<Double>)
}

/// Stores them.
struct StoringSink: WeightSink {
  let base: UnsafeMutablePointer<Double>
  @inline(__always) func one(_ i: Int, _ v: Double) { base[i] = v }
  @inline(__always) func four(_ i: Int, _ v: SIMD4<Double>) {
    UnsafeMutableRawPointer(base + i).storeBytes(of: v, as: SIMD4<Double>.self)
  }
}

/// Drops them (a pass that only sums).
struct DiscardingSink: WeightSink {
  @inline(__always) func one(_ i: Int, _ v: Double) {}
  @inline(__always) func four(_ i: Int, _ v: SIMD4<Double>) {}
}
