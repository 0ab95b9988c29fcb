import Foundation
import Hallmark
import HallmarkStudents
import Testing

@Suite struct DeterminismTests {
  @Test func trainingDoesNotDependOnDocumentOrder() throws {
    let corpus = randomCorpus(vocabulary: 500, documents: 300, seed: 7)
    let a = try NGramModel.train(order: 4, vocabularySize: 500, corpus: corpus)
    let b = try NGramModel.train(order: 4, vocabularySize: 500, corpus: corpus.reversed())
    #expect(NGramModelFile.encode(a) == NGramModelFile.encode(b))
  }

  @Test func fileRoundTrip() throws {
    let corpus = randomCorpus(vocabulary: 500, documents: 300, seed: 8)
    let model = try NGramModel.train(order: 5, vocabularySize: 500, corpus: corpus)
    let path = temporaryPath("model.hmng")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try NGramModelFile.write(model, to: path)
    let loaded = try NGramModelFile.read(path: path)
    #expect(NGramModelFile.encode(loaded) == NGramModelFile.encode(model))
    #expect(loaded.order == 5 && loaded.vocabularySize == 500)
    #expect(loaded.trainedTokens == model.trainedTokens)
    for context: [Int32] in [[], [1], [1, 2, 3], [4, 0, 0, 1, 2]] {
      #expect(loaded.probabilities(context: context) == model.probabilities(context: context))
      #expect(loaded.logits(context: context) == model.logits(context: context))
    }
  }

  @Test func samplingIsReproducible() throws {
    let corpus = randomCorpus(vocabulary: 200, documents: 200, seed: 9)
    let model = try NGramModel.train(order: 3, vocabularySize: 200, corpus: corpus)
    let settings = SamplingSettings(temperature: 0.8, topK: 50, topP: 0.95)
    func sample(_ seed: UInt64) throws -> [Int32] {
      let generator = try StudentGenerator(model: model, settings: settings)
      var random = SeededGenerator(seed: seed, stream: 3, index: 1)
      return try generator.generate(prompt: [1, 2], maxTokens: 64, using: &random)
    }
    #expect(try sample(1) == sample(1))
    #expect(try sample(1) != sample(2))
    #expect(try sample(1).allSatisfy { $0 >= 0 && $0 < 200 })
  }

  @Test func greedyFollowsTheArgmax() throws {
    let corpus = randomCorpus(vocabulary: 100, documents: 100, seed: 10)
    let model = try NGramModel.train(order: 3, vocabularySize: 100, corpus: corpus)
    let generator = try StudentGenerator(model: model, settings: SamplingSettings(temperature: 0))
    var random = SeededGenerator(seed: 1)
    let tokens = try generator.generate(prompt: [3], maxTokens: 10, using: &random)
    var context: [Int32] = [3]
    for token in tokens {
      let p = model.probabilities(context: context)
      #expect(p[Int(token)] == p.max())
      context.append(token)
    }
    // top-k 1 is greedy too, at any temperature.
    let topOne = try StudentGenerator(
      model: model, settings: SamplingSettings(temperature: 1.5, topK: 1))
    #expect(try topOne.generate(prompt: [3], maxTokens: 10, using: &random) == tokens)
  }

  @Test func stopTokensEndGeneration() throws {
    let corpus = (0..<20).map { _ in TrainingSequence(completion: [1, 2, 3, 9]) }
    let model = try NGramModel.train(order: 2, vocabularySize: 10, corpus: corpus)
    let generator = try StudentGenerator(
      model: model, settings: SamplingSettings(temperature: 0), stopTokens: [9])
    var random = SeededGenerator(seed: 1)
    #expect(try generator.generate(prompt: [1], maxTokens: 50, using: &random) == [2, 3, 9])
  }
}
