/// SynthID-Text tournament sampling, generation side (Dathathri et al., "Scalable watermarking
/// for identifying large language model outputs", Nature 634, 2024).
///
/// m layers of keyed Bernoulli(1/2) g-values per candidate; each layer is a two-leaf
/// tournament computed in closed form over the distribution: p'_c = p_c (1 + g_l(c) − G_l),
/// G_l = Σ p_c g_l(c). The result is sampled with the step's uniform. Averaged over keys
/// the tournament leaves p unchanged: non-distortionary (Spec/schemes.md#synthid).
public final class SynthIDEmbedder: Embedder {
  public let scheme: SchemeParameters
  private let contextWidth: Int
  private let layers: Int
  private let prf: KeyedPRF
  private let sampler = Sampler()
  private let candidates = CandidateSet()
  private let words = CandidateWords()

  /// An embedder for `key` (a SynthID key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    contextWidth = key.scheme.contextWidth
    guard case .synthid(let p) = key.scheme else { preconditionFailure("not a SynthID key") }
    layers = p.layers
    prf = KeyedPRF(keys: key.prfKeys)
  }

  public func nextToken(
    logits: UnsafeMutableBufferPointer<Float>, context: UnsafeBufferPointer<Int32>,
    settings: SamplingSettings, uniform: Double
  ) -> Int32 {
    guard !settings.isGreedy, context.count >= contextWidth else {
      return sampler.nextToken(logits: logits, settings: settings, uniform: uniform)
    }
    let seed = prf.seed(window: UnsafeBufferPointer(rebasing: context[(context.count - contextWidth)...]))
    candidates.build(logits: UnsafeBufferPointer(logits), settings: settings)
    words.compute(prf: prf, seed: seed, candidates: candidates, vocabulary: logits.count)
    let total = candidates.total
    let layers = self.layers
    words.withWords { w in
      candidates.setWeights { weights in
        let n = weights.count
        for layer in 0..<layers {
          var g: Double = 0
          for i in 0..<n where (w[i] >> UInt32(layer)) & 1 == 1 { g += weights[i] }
          let winShare = g / total
          let up = 2 - winShare
          let down = 1 - winShare
          for i in 0..<n {
            weights[i] *= (w[i] >> UInt32(layer)) & 1 == 1 ? up : down
          }
        }
      }
    }
    return candidates.draw(uniform: uniform)
  }
}
