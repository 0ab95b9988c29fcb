import Foundation
import Hallmark
import HallmarkStudents

/// A Markov "teacher": fixed Zipf-shaped logits per previous token over a random permutation,
/// so its text has structure a student can learn, and an optional watermark embedder.
struct MarkovTeacher {
  let vocabulary: Int
  private let table: [[Float]]

  init(vocabulary: Int, sharpness: Float, seed: UInt64) {
    self.vocabulary = vocabulary
    var random = SeededGenerator(seed: seed)
    let byRank = (0..<vocabulary).map { -sharpness * Float(log(Double($0 + 1))) }
    table = (0..<vocabulary).map { _ in byRank.shuffled(using: &random) }
  }

  /// `count` documents: a random prompt of `promptLength` tokens and `length` generated ones.
  func corpus(
    documents count: Int, promptLength: Int, length: Int, embedder: (any Embedder)?,
    seed: UInt64
  ) -> [TrainingSequence] {
    var random = SeededGenerator(seed: seed)
    let sampler = Sampler()
    return (0..<count).map { _ in
      let prompt = (0..<promptLength).map { _ in
        Int32(random.next() % UInt64(vocabulary))
      }
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
}

enum Keys {
  /// A key with a secret drawn from `seed` (reproducible, unlike `WatermarkKey.generate`).
  static func key(_ scheme: SchemeParameters, vocabulary: Int, seed: UInt64) -> WatermarkKey {
    var random = SeededGenerator(seed: seed)
    let secret = (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    return try! WatermarkKey(secret: secret, scheme: scheme, vocabularySize: vocabulary)
  }
}

/// A random corpus over `vocabulary` ids with some repetition (for structural tests).
func randomCorpus(vocabulary: Int, documents: Int, seed: UInt64) -> [TrainingSequence] {
  var random = SeededGenerator(seed: seed)
  return (0..<documents).map { _ in
    let prompt = (0..<Int(random.next() % 4)).map { _ in Int32(random.next() % UInt64(vocabulary)) }
    let completion = (0..<(1 + Int(random.next() % 40))).map { _ in
      // Skewed toward small ids so that counts of 1, 2, 3, 4+ all occur.
      let u = random.uniform()
      return Int32(Double(vocabulary) * u * u * u)
    }
    return TrainingSequence(prompt: prompt, completion: completion)
  }
}

func temporaryPath(_ name: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent(
    "hallmark-students-\(UUID().uuidString)-\(name)"
  ).path
}
