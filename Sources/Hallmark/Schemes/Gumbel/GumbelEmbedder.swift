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
  private let prologue: EmbedderPrologue
  private let candidates = CandidateSet()
  private let words = CandidateWords()
  private let selection = GumbelArgmax()
  private var candidateLogits: [Float] = []

  /// An embedder for `key` (a Gumbel key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    prologue = EmbedderPrologue(key: key)
  }

  public func nextToken(
    logits: UnsafeMutableBufferPointer<Float>, context: UnsafeBufferPointer<Int32>,
    settings: SamplingSettings, uniform: Double
  ) -> Int32 {
    guard let seed = prologue.seed(context: context, settings: settings) else {
      return prologue.sampler.nextToken(logits: logits, settings: settings, uniform: uniform)
    }
    let vocabulary = logits.count
    let truncated = settings.topK > 0 && settings.topK < vocabulary || settings.topP < 1
    if !truncated {
      return Int32(
        selection.argmax(
          prf: prologue.prf, seed: seed, logits: logits.baseAddress!, count: vocabulary))
    }
    candidates.build(logits: UnsafeBufferPointer(logits), settings: settings)
    words.compute(prf: prologue.prf, seed: seed, candidates: candidates, vocabulary: vocabulary)
    let n = candidates.count
    if candidateLogits.count < n { candidateLogits = [Float](repeating: 0, count: n) }
    for i in 0..<n { candidateLogits[i] = logits[Int(candidates.id(at: i))] }
    let winner = words.withWords { w in
      candidateLogits.withUnsafeBufferPointer { l in
        selection.argmax(count: n, logits: l.baseAddress!, words: w.baseAddress!)
      }
    }
    return candidates.id(at: winner)
  }
}
