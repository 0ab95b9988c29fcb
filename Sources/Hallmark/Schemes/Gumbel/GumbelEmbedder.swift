import Foundation

/// Exponential-minimum ("Gumbel") sampling, generation side (S. Aaronson, "Watermarking of
/// large language models", 2022; scored as in Fernandez et al., "Three Bricks to Consolidate
/// Watermarks for Large Language Models", 2023).
///
/// Each candidate c gets a keyed uniform u_c; the token is argmax u_c^(1/p_c), computed as
/// argmax of ℓ_c − ln(−ln u_c) over the truncated candidates (ℓ = logit after temperature).
/// Averaged over keys this is exact sampling from p: the scheme is distortion-free.
public final class GumbelEmbedder: Embedder {
  public let scheme: SchemeParameters
  private let contextWidth: Int
  private let prf: KeyedPRF
  private let sampler = Sampler()
  private let candidates = CandidateSet()
  private let words = CandidateWords()

  /// An embedder for `key` (a Gumbel key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    contextWidth = key.scheme.contextWidth
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
    let vocabulary = logits.count
    let truncated = settings.topK > 0 && settings.topK < vocabulary || settings.topP < 1
    if !truncated {
      words.computeAll(prf: prf, seed: seed, vocabulary: vocabulary)
      return words.withWords { w in
        GumbelEmbedder.argmax(count: vocabulary, logit: { logits[$0] }, word: { w[$0] }, id: { Int32($0) })
      }
    }
    candidates.build(logits: UnsafeBufferPointer(logits), settings: settings)
    words.compute(prf: prf, seed: seed, candidates: candidates, vocabulary: vocabulary)
    let ids = candidates.ids
    return words.withWords { w in
      GumbelEmbedder.argmax(
        count: ids.count, logit: { logits[Int(ids[$0])] }, word: { w[$0] }, id: { ids[$0] })
    }
  }

  /// argmax over i of ℓ_i + g(u_i), g(u) = −ln(−ln u), u = (word + 1/2) / 2^32; ties go to the
  /// first (lowest id).
  @inline(__always)
  static func argmax(
    count: Int, logit: (Int) -> Float, word: (Int) -> UInt32, id: (Int) -> Int32
  ) -> Int32 {
    var best = 0
    var bestValue = -Double.infinity
    for i in 0..<count {
      let l = logit(i)
      if l == -.infinity { continue }
      let u = (Double(word(i)) + 0.5) * 0x1p-32
      let value = Double(l) - log(-log(u))
      if value > bestValue {
        bestValue = value
        best = i
      }
    }
    return id(best)
  }
}
