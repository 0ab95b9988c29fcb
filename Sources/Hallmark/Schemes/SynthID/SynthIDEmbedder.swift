/// SynthID-Text tournament sampling, generation side (Dathathri et al., "Scalable watermarking
/// for identifying large language model outputs", Nature 634, 2024).
///
/// m layers of keyed Bernoulli(1/2) g-values per candidate; each layer is a two-leaf
/// tournament computed in closed form over the distribution: p'_c = p_c (1 + g_l(c) − G_l),
/// G_l = Σ p_c g_l(c). The result is sampled with the step's uniform. Averaged over keys
/// the tournament leaves p unchanged: non-distortionary (Spec/schemes.md#synthid).
public final class SynthIDEmbedder: Embedder {
  public let scheme: SchemeParameters
  private let prologue: EmbedderPrologue
  private let candidates = CandidateSet()
  private let words = CandidateWords()
  private let tournament: SynthIDTournament

  /// An embedder for `key` (a SynthID key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    guard case .synthid(let p) = key.scheme else { preconditionFailure("not a SynthID key") }
    tournament = SynthIDTournament(layers: p.layers)
    prologue = EmbedderPrologue(key: key)
  }

  public func nextToken(
    logits: UnsafeMutableBufferPointer<Float>, context: UnsafeBufferPointer<Int32>,
    settings: SamplingSettings, uniform: Double
  ) -> Int32 {
    guard let seed = prologue.seed(context: context, settings: settings) else {
      return prologue.sampler.nextToken(logits: logits, settings: settings, uniform: uniform)
    }
    let prf = prologue.prf
    let vocabulary = logits.count
    candidates.build(logits: UnsafeBufferPointer(logits), settings: settings) {
      binary32, weights in
      // Every token is a candidate: the tournament's first pass reads the binary32 weights,
      // and its last block is applied by the draw below.
      words.computeAll(prf: prf, seed: seed, vocabulary: vocabulary)
      return words.withWords { w in
        tournament.run(
          binary32: binary32, weights: weights.baseAddress!, count: vocabulary,
          words: w.baseAddress!)
      }
    }
    if candidates.isFullVocabulary {
      return words.withWords { w in
        Int32(
          tournament.draw(
            binary32: candidates.binary32Weights, weights: candidates.weights.baseAddress!,
            count: vocabulary, words: w.baseAddress!, total: candidates.total, uniform: uniform))
      }
    }
    words.compute(prf: prf, seed: seed, candidates: candidates, vocabulary: vocabulary)
    words.withWords { w in
      candidates.updateWeights { weights in
        _ = tournament.run(
          weights: weights.baseAddress!, count: weights.count, words: w.baseAddress!)
      }
    }
    return candidates.draw(uniform: uniform)
  }
}
