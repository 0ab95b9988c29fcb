import Foundation
import Hallmark
import HallmarkStudents
import Testing

/// A student trained on a watermarked teacher's text carries the teacher's signal
/// (Sander et al. 2024): its own samples, scored with the teacher's key and corpus-level
/// dedup, give a small p-value; under other keys, and for a student of an unwatermarked
/// teacher, the p-value is unremarkable.
@Suite struct RadioactivitySmokeTests {
  static let vocabulary = 200
  static let teacher = MarkovTeacher(vocabulary: vocabulary, sharpness: 0.9, seed: 11)

  /// log10 p of the student's samples under `key`, one shared tuple set for the corpus.
  static func corpusLog10P(samples: [(prompt: [Int32], completion: [Int32])], key: WatermarkKey)
    -> (log10p: Double, scored: Int, duplicates: Int)
  {
    let detector = Detector(key: key)
    var accumulator = ScoreAccumulator(null: detector.null, scheme: key.scheme)
    var seen = TupleSet()
    for s in samples {
      detector.accumulate(
        s.prompt + s.completion, promptLength: s.prompt.count, into: &accumulator, seen: &seen)
    }
    let result = accumulator.result
    return (result.pValue.log10, result.scored, result.duplicates)
  }

  static func studentSamples(
    teacherKey: WatermarkKey?, order: Int, seed: UInt64
  ) throws -> [(prompt: [Int32], completion: [Int32])] {
    let embedder = teacherKey.map { SchemeRegistry.embedder(for: $0) }
    let corpus = teacher.corpus(
      documents: 240, promptLength: 2, length: 100, embedder: embedder, seed: seed)
    let student = try NGramModel.train(order: order, vocabularySize: vocabulary, corpus: corpus)
    let generator = try StudentGenerator(model: student, settings: SamplingSettings())
    var prompts = SeededGenerator(seed: seed ^ 0xABCD)
    return try (0..<60).map { i in
      let prompt = (0..<2).map { _ in Int32(prompts.next() % UInt64(vocabulary)) }
      var random = SeededGenerator(seed: seed, stream: 1, index: UInt64(i))
      return (prompt, try generator.generate(prompt: prompt, maxTokens: 60, using: &random))
    }
  }

  @Test(arguments: [
    (SchemeParameters.kgw(KGWParameters(greenFraction: 0.25, bias: 2, contextWidth: 1)), 2),
    (.kgw(KGWParameters(greenFraction: 0.25, bias: 2, contextWidth: 1)), 3),
    (.kgw(KGWParameters(greenFraction: 0.25, bias: 3, contextWidth: 2)), 3),
  ])
  func studentOfWatermarkedTeacherIsDetected(scheme: SchemeParameters, order: Int) throws {
    let key = Keys.key(scheme, vocabulary: Self.vocabulary, seed: 1)
    let samples = try Self.studentSamples(teacherKey: key, order: order, seed: 5)
    let own = Self.corpusLog10P(samples: samples, key: key)
    #expect(own.log10p < -8, "teacher key: log10 p = \(own.log10p), \(own.scored) tuples")
    #expect(own.duplicates > 0)
    for seed: UInt64 in 100..<105 {
      let other = Keys.key(scheme, vocabulary: Self.vocabulary, seed: seed)
      let control = Self.corpusLog10P(samples: samples, key: other)
      #expect(control.log10p > -3, "random key \(seed): log10 p = \(control.log10p)")
    }
  }

  @Test func studentOfPlainTeacherIsNotFlagged() throws {
    let scheme = SchemeParameters.kgw(KGWParameters(greenFraction: 0.25, bias: 2, contextWidth: 1))
    let key = Keys.key(scheme, vocabulary: Self.vocabulary, seed: 1)
    let samples = try Self.studentSamples(teacherKey: nil, order: 2, seed: 6)
    let result = Self.corpusLog10P(samples: samples, key: key)
    #expect(result.log10p > -3, "log10 p = \(result.log10p)")
  }
}
