import Foundation

@testable import Hallmark
enum TestKeys {
  /// A key with a secret drawn from `rng` (reproducible, unlike `WatermarkKey.generate`).
  static func key(_ scheme: SchemeParameters, vocabulary: Int, rng: inout SplitMix64)
    -> WatermarkKey
  {
    let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
    return try! WatermarkKey(secret: secret, scheme: scheme, vocabularySize: vocabulary)
  }

  /// The schemes every statistical test covers.
  static let schemes: [SchemeParameters] = [
    .kgw(KGWParameters(greenFraction: 0.25, bias: 2, contextWidth: 1)),
    .kgw(KGWParameters(greenFraction: 0.5, bias: 2, contextWidth: 2, seeding: .selfHash)),
    .unigram(greenFraction: 0.25, bias: 2),
    .gumbel(GumbelParameters(contextWidth: 2)),
    .synthid(SynthIDParameters(contextWidth: 2, layers: 30)),
  ]
}

/// A synthetic language model: next-token logits drawn afresh each step, Zipf-shaped with a
/// temperature that sets the entropy, over a random permutation of the vocabulary.
struct SyntheticModel {
  let vocabulary: Int
  /// Logit of the token of each rank: −sharpness · ln(rank + 1).
  let byRank: [Float]

  init(vocabulary: Int, sharpness: Float) {
    self.vocabulary = vocabulary
    byRank = (0..<vocabulary).map { -sharpness * Float(log(Double($0 + 1))) }
  }

  func logits(rng: inout SplitMix64) -> [Float] {
    var logits = byRank
    logits.shuffle(using: &rng)
    return logits
  }

  /// Generates `length` tokens after a random prompt of `prompt` tokens with `embedder`
  /// (nil: plain sampling). Returns prompt + completion.
  func generate(
    length: Int, prompt: Int, embedder: (any Embedder)?, rng: inout SplitMix64
  ) -> [Int32] {
    var tokens = (0..<prompt).map { _ in Int32.random(in: 0..<Int32(vocabulary), using: &rng) }
    let sampler = Sampler()
    for _ in 0..<length {
      var l = logits(rng: &rng)
      let r = rng.uniform()
      let token: Int32
      if let embedder {
        token = embedder.nextToken(
          logits: &l, context: tokens, settings: SamplingSettings(), uniform: r)
      } else {
        token = l.withUnsafeMutableBufferPointer {
          sampler.nextToken(logits: $0, settings: SamplingSettings(), uniform: r)
        }
      }
      tokens.append(token)
    }
    return tokens
  }
}
