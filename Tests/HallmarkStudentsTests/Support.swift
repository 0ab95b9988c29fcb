import Foundation
import Hallmark
import HallmarkStudents

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
