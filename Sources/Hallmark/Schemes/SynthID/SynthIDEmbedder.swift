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
        Self.tournament(weights: weights, words: w.baseAddress!, total: total, layers: layers)
      }
    }
    return candidates.draw(uniform: uniform)
  }

  /// The m tournament layers in closed form, in place on the weights.
  static func tournament(
    weights: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt32>, total: Double,
    layers: Int
  ) {
    let n = weights.count
    let w = weights.baseAddress!
    for layer in 0..<UInt32(layers) {
      // Four partial sums let the loop pipeline; the order is fixed, so results are
      // deterministic.
      var g0: Double = 0
      var g1: Double = 0
      var g2: Double = 0
      var g3: Double = 0
      var i = 0
      while i + 4 <= n {
        g0 += w[i] * Double((words[i] >> layer) & 1)
        g1 += w[i + 1] * Double((words[i + 1] >> layer) & 1)
        g2 += w[i + 2] * Double((words[i + 2] >> layer) & 1)
        g3 += w[i + 3] * Double((words[i + 3] >> layer) & 1)
        i += 4
      }
      while i < n {
        g0 += w[i] * Double((words[i] >> layer) & 1)
        i += 1
      }
      let share = ((g0 + g1) + (g2 + g3)) / total
      let down = 1 - share
      for j in 0..<n {
        w[j] *= down + Double((words[j] >> layer) & 1)
      }
    }
  }
}
