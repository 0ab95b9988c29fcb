import Foundation
import HallmarkStudents
import Testing

@Suite struct NormalisationTests {
  @Test(arguments: [2, 3, 4, 5])
  func distributionsSumToOne(order: Int) throws {
    let vocabulary = 300
    let model = try NGramModel.train(
      order: order, vocabularySize: vocabulary,
      corpus: randomCorpus(vocabulary: vocabulary, documents: 400, seed: UInt64(order)))
    let decoder = NGramDecoder(model: model)
    var random = SeededGenerator(seed: 99)
    var contexts: [[Int32]] = [[], [-5], [Int32(vocabulary)], [Int32.max, 3]]
    for _ in 0..<40 {
      contexts.append(
        (0..<Int(random.next() % 8)).map { _ in
          let u = random.uniform()
          return Int32(Double(vocabulary) * u * u * u)
        })
    }
    for context in contexts {
      let p = decoder.probabilities(context: context)
      #expect(p.count == vocabulary)
      #expect(p.allSatisfy { $0 > 0 && $0 < 1 }, "\(context)")
      #expect(abs(p.reduce(0, +) - 1) < 1e-12, "\(context): sum \(p.reduce(0, +))")
      let logits = decoder.logits(context: context)
      let mass = logits.reduce(0.0) { $0 + exp(Double($1)) }
      #expect(abs(mass - 1) < 1e-4, "\(context): exp-logit mass \(mass)")
    }
  }

  @Test func seenContextsPreferWhatFollowedThem() throws {
    // "7 8" always follows "5 6": a trigram model must put most mass on it.
    let corpus = (0..<50).map { _ in TrainingSequence(completion: [5, 6, 7, 8, 1, 2]) }
    let model = try NGramModel.train(order: 3, vocabularySize: 20, corpus: corpus)
    #expect(model.probability(of: 7, after: [5, 6]) > 0.9)
    #expect(model.probability(of: 8, after: [6, 7]) > 0.9)
    // The perplexity of the training text is far below the vocabulary size.
    #expect(try model.perplexity(Array(corpus.prefix(3))) < 1.5)
  }

  @Test func emptyCorpusIsUniform() throws {
    let model = try NGramModel.train(order: 3, vocabularySize: 10, sequences: [[]])
    let p = model.probabilities(context: [1, 2])
    #expect(p.allSatisfy { abs($0 - 0.1) < 1e-15 })
  }

  @Test func badParametersAreRefused() {
    #expect(throws: StudentError.self) { try NGramTrainer(order: 1, vocabularySize: 10) }
    #expect(throws: StudentError.self) { try NGramTrainer(order: 6, vocabularySize: 10) }
    #expect(throws: StudentError.self) { try NGramTrainer(order: 3, vocabularySize: 0) }
    #expect(throws: StudentError.self) {
      try NGramModel.train(order: 3, vocabularySize: 10, sequences: [[1, 2, 10]])
    }
    #expect(throws: StudentError.self) {
      try NGramModel.train(order: 3, vocabularySize: 10, sequences: [[1, -1]])
    }
    let model = try! NGramModel.train(order: 2, vocabularySize: 10, sequences: [[1, 2]])
    #expect(throws: StudentError.self) { try model.logProbability([1, 11]) }
    #expect(throws: StudentError.self) { try model.logProbability([1, 2], promptLength: 3) }
  }
}
