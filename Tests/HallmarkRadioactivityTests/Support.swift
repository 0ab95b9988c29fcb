import Foundation
import Hallmark
import HallmarkModels
import HallmarkRadioactivity
import HallmarkStudents

enum Keys {
  /// A key with a secret drawn from `seed` (reproducible, unlike `WatermarkKey.generate`).
  static func key(_ scheme: SchemeParameters, vocabulary: Int, seed: UInt64) -> WatermarkKey {
    var random = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ 17)
    let secret = (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    return try! WatermarkKey(secret: secret, scheme: scheme, vocabularySize: vocabulary)
  }

  static let kgw1 = SchemeParameters.kgw(
    KGWParameters(greenFraction: 0.25, bias: 2, contextWidth: 1))
  static let kgw2 = SchemeParameters.kgw(
    KGWParameters(greenFraction: 0.25, bias: 2, contextWidth: 2))
  static let gumbel2 = SchemeParameters.gumbel(GumbelParameters(contextWidth: 2))
}

/// A synthetic distillation: a Markov teacher, a corpus mixing its watermarked and plain text,
/// an n-gram student trained on it, and the student's outputs for fresh prompts.
struct Distillation {
  static let vocabulary = 400
  static let teacher = MarkovTeacher(vocabulary: vocabulary, sharpness: 0.9, seed: 11)

  let key: WatermarkKey
  /// Our watermarked outputs (the reference).
  let watermarked: [TrainingSequence]
  let student: NGramModel
  /// The student's outputs for prompts it was not trained on.
  let outputs: [SuspectDocument]

  /// `share` of `documents` training documents are watermarked with `key`.
  init(
    key: WatermarkKey, share: Double, documents: Int = 300, length: Int = 100, order: Int = 3,
    queries: Int = 150, queryLength: Int = 60, seed: UInt64 = 1
  ) throws {
    self.key = key
    let marked = Int((share * Double(documents)).rounded())
    watermarked = Self.teacher.corpus(
      documents: max(marked, 1), promptLength: 3, length: length, key: key, seed: seed)
    let plain = Self.teacher.corpus(
      documents: documents - marked, promptLength: 3, length: length, key: nil, seed: seed + 1000)
    student = try NGramModel.train(
      order: order, vocabularySize: Self.vocabulary,
      corpus: Array(watermarked.prefix(marked)) + plain)
    let generator = try StudentGenerator(model: student, settings: SamplingSettings())
    var prompts = SeededGenerator(seed: seed ^ 0xABCD)
    outputs = try (0..<queries).map { i in
      let prompt = (0..<3).map { _ in Int32(prompts.next() % UInt64(Self.vocabulary)) }
      var random = SeededGenerator(seed: seed, stream: 7, index: UInt64(i))
      let completion = try generator.generate(
        prompt: prompt, maxTokens: queryLength, using: &random)
      return SuspectDocument(prompt: prompt, completion: completion, line: i + 1)
    }
  }

  /// Our watermarked outputs as full sequences (the filter's reference).
  var reference: [[Int32]] { watermarked.map { $0.prompt + $0.completion } }
}

/// A character-level stand-in tokenizer: each Unicode scalar's value modulo 100 is its id;
/// a chat prompt is its messages' contents joined with id 99 between them.
struct CharacterTokenizer: SuspectTokenizer {
  var fingerprint = "ab" + String(repeating: "0", count: 62)
  func encode(_ text: String) -> [Int32] { text.unicodeScalars.map { Int32($0.value % 100) } }
  func promptIDs(_ messages: [ChatMessage]) -> [Int32] {
    messages.map { encode($0.content) }.joined(separator: [99]).map { $0 }
  }
}
