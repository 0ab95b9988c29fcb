/// SynthID-Text tournament sampling, generation side (Dathathri et al., "Scalable watermarking
/// for identifying large language model outputs", Nature 634, 2024).
///
/// m layers of keyed Bernoulli(1/2) g-values per candidate; each layer is a two-leaf
/// tournament computed in closed form over the distribution: p'_c = p_c (1 + g_l(c) − G_l),
/// G_l = Σ p_c g_l(c). The result is sampled with the step's uniform. Averaged over keys
/// the tournament leaves p unchanged: non-distortionary (Spec/schemes.md#synthid). With a
/// contender floor φ only the candidates of weight ≥ 2^-φ of the top play (`SynthIDContenders`);
/// the others keep their weights, which leaves the draw non-distortionary and saves the
/// tournament's passes over the improbable part of a vocabulary.
public final class SynthIDEmbedder: Embedder {
  public let scheme: SchemeParameters
  private let prologue: EmbedderPrologue
  private let candidates = CandidateSet()
  private let words = CandidateWords()
  private let tournament: SynthIDTournament
  /// 2^-φ, or nil when every candidate plays.
  private let threshold: Float?
  private let contenders = SynthIDContenders()
  /// Over a whole vocabulary, the contenders are gathered when fewer than this fraction of it
  /// plays; otherwise the tournament runs over the vocabulary with the others at 0 (the same
  /// result). Gathering wins on every SmolLM2 step measured (at most 54 % play) and loses by
  /// about 29 µs when all of 49,152 play (docs/engine.md); 2/3 lies between.
  static let gatherBelow = (numerator: 2, denominator: 3)
  /// Whether this step's contenders were gathered (else they played over the vocabulary).
  private var gathered = false

  /// An embedder for `key` (a SynthID key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    guard case .synthid(let p) = key.scheme else { preconditionFailure("not a SynthID key") }
    tournament = SynthIDTournament(layers: p.layers)
    threshold = p.contenderFloor.map(SynthIDContenders.threshold(floor:))
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
      words.computeAll(prf: prf, seed: seed, vocabulary: vocabulary)
      return words.withWords { w in
        guard let threshold else {
          // Every token plays: the tournament's first pass reads the binary32 weights, and its
          // last block is applied by the draw below.
          return tournament.run(
            binary32: binary32, weights: weights.baseAddress!, count: vocabulary,
            words: w.baseAddress!)
        }
        // Only the contenders play; the draw below makes every final weight from its id.
        contenders.mark(binary32: binary32, count: vocabulary, threshold: threshold)
        precondition(contenders.count > 0, "the top weight, 1, always plays")
        let played: Double
        gathered =
          contenders.count * Self.gatherBelow.denominator < vocabulary * Self.gatherBelow.numerator
        if gathered {
          contenders.gather(binary32: binary32, count: vocabulary, words: w.baseAddress!)
          played = tournament.run(
            binary32: contenders.binary32, weights: contenders.weights, count: contenders.count,
            words: contenders.words, total: contenders.playing)
        } else {
          // Most tokens play: over the whole vocabulary, the others at 0 (the same sums).
          played = tournament.run(
            binary32: binary32, weights: weights.baseAddress!, count: vocabulary,
            words: w.baseAddress!, total: contenders.playing, threshold: threshold)
        }
        return contenders.rest + played
      }
    }
    if candidates.isFullVocabulary {
      return words.withWords { w in
        if let threshold {
          return Int32(
            tournament.draw(
              vocabularyBinary32: candidates.binary32Weights,
              weights: gathered ? nil : candidates.weights.baseAddress!, count: vocabulary,
              words: w.baseAddress!, threshold: threshold, total: candidates.total,
              uniform: uniform))
        }
        return Int32(
          tournament.draw(
            binary32: candidates.binary32Weights, weights: candidates.weights.baseAddress!,
            count: vocabulary, words: w.baseAddress!, total: candidates.total, uniform: uniform))
      }
    }
    words.compute(prf: prf, seed: seed, candidates: candidates, vocabulary: vocabulary)
    words.withWords { w in
      candidates.updateWeights { weights in
        guard let threshold else {
          _ = tournament.run(
            weights: weights.baseAddress!, count: weights.count, words: w.baseAddress!)
          return
        }
        contenders.select(
          weights: weights.baseAddress!, count: weights.count, threshold: threshold,
          words: w.baseAddress!)
        _ = tournament.run(
          weights: contenders.weights, count: contenders.count, words: contenders.words,
          total: contenders.playing)
        contenders.scatter(into: weights.baseAddress!)
      }
    }
    return candidates.draw(uniform: uniform)
  }
}
