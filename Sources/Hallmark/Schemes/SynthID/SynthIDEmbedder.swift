/// SynthID-Text tournament sampling, generation side (Dathathri et al., "Scalable watermarking
/// for identifying large language model outputs", Nature 634, 2024).
///
/// m layers of keyed Bernoulli(1/2) g-values per candidate; each layer is a two-leaf
/// tournament computed in closed form over the distribution: p'_c = p_c (1 + g_l(c) − G_l),
/// G_l = Σ p_c g_l(c). The result is sampled with the step's uniform. Averaged over keys
/// the tournament leaves p unchanged: non-distortionary (Spec/schemes.md#synthid).
public final class SynthIDEmbedder: Embedder {
  public let scheme: SchemeParameters
  private let layers: Int
  private let prologue: EmbedderPrologue
  private let candidates = CandidateSet()
  private let words = CandidateWords()
  private var patternScratch: [Double] = []

  /// An embedder for `key` (a SynthID key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    guard case .synthid(let p) = key.scheme else { preconditionFailure("not a SynthID key") }
    layers = p.layers
    prologue = EmbedderPrologue(key: key)
  }

  public func nextToken(
    logits: UnsafeMutableBufferPointer<Float>, context: UnsafeBufferPointer<Int32>,
    settings: SamplingSettings, uniform: Double
  ) -> Int32 {
    guard let seed = prologue.seed(context: context, settings: settings) else {
      return prologue.sampler.nextToken(logits: logits, settings: settings, uniform: uniform)
    }
    candidates.build(logits: UnsafeBufferPointer(logits), settings: settings)
    words.compute(prf: prologue.prf, seed: seed, candidates: candidates, vocabulary: logits.count)
    let total = candidates.total
    let layers = self.layers
    words.withWords { w in
      candidates.updateWeights { weights in
        Self.tournament(
          weights: weights, words: w.baseAddress!, total: total, layers: layers,
          scratch: &patternScratch)
      }
    }
    return candidates.draw(uniform: uniform)
  }

  /// The m tournament layers in closed form, in place on the weights.
  static func tournament(
    weights: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt32>, total: Double,
    layers: Int, scratch: inout [Double]
  ) {
    // Layers are taken in blocks of up to 10. Within a block, candidates with the same g-value
    // pattern get the same factor, so one pass sums the weights per pattern, the block's
    // layers are then resolved on the 2^k pattern sums, and a second pass applies each
    // pattern's product of factors: 2 passes per block instead of 2 per layer.
    let n = weights.count
    let w = weights.baseAddress!
    let blockSize = 10
    if scratch.count < 2 << blockSize { scratch = [Double](repeating: 0, count: 2 << blockSize) }
    scratch.withUnsafeMutableBufferPointer { buffer in
      var first = 0
      while first < layers {
        let k = min(blockSize, layers - first)
        let patterns = 1 << k
        let mask = UInt32(patterns - 1)
        let shift = UInt32(first)
        let mass = buffer.baseAddress!
        let factor = mass + patterns
        for p in 0..<patterns {
          mass[p] = 0
          factor[p] = 1
        }
        for i in 0..<n { mass[Int((words[i] &>> shift) & mask)] += w[i] }
        for j in 0..<k {
          var winners: Double = 0
          for p in 0..<patterns where (p >> j) & 1 == 1 { winners += mass[p] }
          let down = 1 - winners / total
          for p in 0..<patterns {
            let f = down + Double((p >> j) & 1)
            mass[p] *= f
            factor[p] *= f
          }
        }
        for i in 0..<n { w[i] *= factor[Int((words[i] &>> shift) & mask)] }
        first += k
      }
    }
  }
}
