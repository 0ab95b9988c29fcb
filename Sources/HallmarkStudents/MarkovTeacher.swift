import Foundation
import Hallmark

/// A synthetic teacher for tests and small experiments: fixed Zipf-shaped logits per previous
/// token over a random permutation of the vocabulary, so that its text has structure an
/// n-gram student can learn, sampled plainly or through a watermark embedder. Its next-token
/// distributions are known exactly, unlike a real model's.
public struct MarkovTeacher: Sendable {
  /// The number of token ids.
  public let vocabulary: Int
  private let table: [[Float]]

  /// A teacher whose logit for the token of rank r (after the previous token) is
  /// −sharpness · ln(r + 1); the ranks are a permutation drawn from `seed`.
  public init(vocabulary: Int, sharpness: Float, seed: UInt64) {
    self.vocabulary = vocabulary
    var random = SeededGenerator(seed: seed)
    let byRank = (0..<vocabulary).map { -sharpness * Float(log(Double($0 + 1))) }
    table = (0..<vocabulary).map { _ in byRank.shuffled(using: &random) }
  }

  /// `count` documents: a random prompt of `promptLength` tokens and `length` generated ones,
  /// watermarked by `embedder` when one is given (temperature 1, no truncation).
  public func corpus(
    documents count: Int, promptLength: Int, length: Int, embedder: (any Embedder)?,
    seed: UInt64
  ) -> [TrainingSequence] {
    var random = SeededGenerator(seed: seed)
    let sampler = Sampler()
    return (0..<count).map { _ in
      let prompt = (0..<promptLength).map { _ in Int32(random.next() % UInt64(vocabulary)) }
      var tokens = prompt
      for _ in 0..<length {
        var logits = table[Int(tokens.last!)]
        let u = random.uniform()
        let token: Int32
        if let embedder {
          token = embedder.nextToken(
            logits: &logits, context: tokens, settings: SamplingSettings(), uniform: u)
        } else {
          token = logits.withUnsafeMutableBufferPointer {
            sampler.nextToken(logits: $0, settings: SamplingSettings(), uniform: u)
          }
        }
        tokens.append(token)
      }
      return TrainingSequence(prompt: prompt, completion: Array(tokens[promptLength...]))
    }
  }

  /// `corpus(…embedder:…)` with the embedder of `key` (plain text when nil).
  public func corpus(
    documents count: Int, promptLength: Int, length: Int, key: WatermarkKey?, seed: UInt64
  ) -> [TrainingSequence] {
    corpus(
      documents: count, promptLength: promptLength, length: length,
      embedder: key.map { SchemeRegistry.embedder(for: $0) }, seed: seed)
  }
}
