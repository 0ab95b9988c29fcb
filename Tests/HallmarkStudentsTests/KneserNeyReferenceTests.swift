import Foundation
import HallmarkStudents
import Testing

/// Compares the Swift model with an independent Python implementation of the Chen–Goodman
/// formulas (scripts/make-kn-fixtures.py → Fixtures/kn-reference.json).
@Suite struct KneserNeyReferenceTests {
  struct Case: Decodable {
    struct Document: Decodable {
      var promptIds: [Int32]
      var completionIds: [Int32]
    }
    var name: String
    var order: Int
    var vocabularySize: Int
    var documents: [Document]
    var discounts: [[Double]]
    var ngramCounts: [Int]
    var contexts: [[Int32]]
    var distributions: [[Double]]
    var heldOut: [Int32]
    var heldOutPromptLength: Int
    var heldOutLogProbability: Double
  }

  static let cases: [Case] = {
    let url = Bundle.module.url(
      forResource: "kn-reference", withExtension: "json", subdirectory: "Fixtures")!
    struct File: Decodable { var cases: [Case] }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try! decoder.decode(File.self, from: Data(contentsOf: url)).cases
  }()

  static func model(_ c: Case) throws -> NGramModel {
    try NGramModel.train(
      order: c.order, vocabularySize: c.vocabularySize,
      corpus: c.documents.map {
        TrainingSequence(prompt: $0.promptIds, completion: $0.completionIds)
      })
  }

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  @Test(arguments: cases.indices)
  func discountsAndCounts(_ index: Int) throws {
    let c = Self.cases[index]
    let model = try Self.model(c)
    #expect(model.countedNGrams == c.ngramCounts, "\(c.name)")
    for (k, d) in model.discounts.enumerated() {
      let expected = c.discounts[k]
      #expect(Self.close(d.d1, expected[0]), "\(c.name) order \(k + 1) D1")
      #expect(Self.close(d.d2, expected[1]), "\(c.name) order \(k + 1) D2")
      #expect(Self.close(d.d3, expected[2]), "\(c.name) order \(k + 1) D3+")
    }
  }

  @Test(arguments: cases.indices)
  func distributions(_ index: Int) throws {
    let c = Self.cases[index]
    let model = try Self.model(c)
    let decoder = NGramDecoder(model: model)
    for (context, expected) in zip(c.contexts, c.distributions) {
      let dense = decoder.probabilities(context: context)
      let logits = decoder.logits(context: context)
      for w in 0..<c.vocabularySize {
        #expect(Self.close(dense[w], expected[w], 1e-12), "\(c.name) \(context) → \(w)")
        let single = model.probability(of: Int32(w), after: context)
        #expect(Self.close(single, expected[w], 1e-12), "\(c.name) \(context) → \(w)")
        #expect(abs(Double(logits[w]) - log(expected[w])) < 1e-5, "\(c.name) \(context) → \(w)")
      }
    }
  }

  @Test(arguments: cases.indices)
  func heldOutLogProbability(_ index: Int) throws {
    let c = Self.cases[index]
    let model = try Self.model(c)
    let logp = try model.logProbability(c.heldOut, promptLength: c.heldOutPromptLength)
    #expect(Self.close(logp, c.heldOutLogProbability, 1e-11))
  }

  /// A worked example small enough to check by hand (Spec/students.md#example): order 2,
  /// V = 3, one document "0 1 0 1" without a prompt. Padded: ⟨s⟩ 0 1 0 1.
  /// Bigram raw counts: (⟨s⟩,0)=1, (0,1)=2, (1,0)=1. Count-of-counts n1=2, n2=1, n3=n4=0 →
  /// Y = 2/4, D1 = 1 − 2·½·½ = ½, D2 = 2 − 3·½·0 = 2 is outside (0, 2) → 1, D3+ → 1.5.
  /// Unigram continuation counts: N1+(•0) = |{⟨s⟩, 1}| = 2, N1+(•1) = |{0}| = 1; their
  /// count-of-counts n1=1, n2=1 → Y = 1/3, D1 = 1 − 2/3·1 = 1/3, D2 = 2 − 3·(1/3)·0 → 1.
  /// p₁(w) = (max(c−D,0) + γ/3)/S with S = 3, γ = D2 + D1 = 4/3:
  /// p₁(0) = (1 + 4/9)/3 = 13/27, p₁(1) = (2/3 + 4/9)/3 = 10/27, p₁(2) = (4/9)/3 = 4/27.
  /// After "0": S = 2 (only (0,1), count 2), γ = D2/2 = ½:
  /// p(1|0) = (2 − 1)/2 + ½·10/27 = 37/54; p(0|0) = ½·13/27 = 13/54; p(2|0) = 4/54.
  @Test func handWorkedBigram() throws {
    let model = try NGramModel.train(order: 2, vocabularySize: 3, sequences: [[0, 1, 0, 1]])
    #expect(model.discounts[1] == (try KneserNeyDiscounts(d1: 0.5, d2: 1, d3: 1.5)))
    #expect(Self.close(model.discounts[0].d1, 1.0 / 3))
    let unigramContext = model.probabilities(context: [2])  // "2" was never a context
    #expect(Self.close(unigramContext[0], 13.0 / 27))
    #expect(Self.close(unigramContext[1], 10.0 / 27))
    #expect(Self.close(unigramContext[2], 4.0 / 27))
    let afterZero = model.probabilities(context: [0])
    #expect(Self.close(afterZero[1], 37.0 / 54))
    #expect(Self.close(afterZero[0], 13.0 / 54))
    #expect(Self.close(afterZero[2], 4.0 / 54))
  }
}
