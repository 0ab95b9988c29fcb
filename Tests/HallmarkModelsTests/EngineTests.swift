import Foundation
import GGUF
import HallmarkModels
import Testing

/// Properties of the engine on SmolLM2: batch, thread and prefill invariance, errors.
@Suite struct EngineTests {
  let model = Support.model
  let promptA: [Int32] = [504, 2365, 6354, 16438, 690, 260]
  let promptB: [Int32] = [1, 9690, 198, 2683, 2]

  @Test func configurationAndSpecialTokensComeFromTheFile() {
    let c = model.configuration
    #expect(c.architecture == "llama")
    #expect(c.embeddingLength == 576 && c.blockCount == 30 && c.feedForwardLength == 1536)
    #expect(c.headCount == 9 && c.headCountKV == 3 && c.headDimension == 64)
    #expect(c.ropeFrequencyBase == 100_000 && c.ropeDimensions == 64)
    #expect(model.vocabularySize == 49_152 && model.contextLength == 8192)
    #expect(model.specialTokens.bos == 1 && model.specialTokens.eos == 2)
    #expect(model.specialTokens.stop == [2])
    #expect(!model.specialTokens.addBOS)
  }

  @Test func logitsDoNotDependOnTheBatchOrThreadCount() throws {
    let alone = try model.logits(appending: [promptA], to: [model.makeCache()])[0]
    let batched = try model.logits(
      appending: [promptB, promptA, promptB],
      to: [model.makeCache(), model.makeCache(), model.makeCache()])
    #expect(batched[1] == alone)
    #expect(batched[0] == batched[2])
    let oneThread = try LlamaModel(file: model.file, threads: 1)
    #expect(try oneThread.logits(appending: [promptA], to: [oneThread.makeCache()])[0] == alone)
  }

  @Test func prefillEqualsTokenByToken() throws {
    let cache = model.makeCache()
    var last: [Float] = []
    for t in promptA { last = try model.logits(appending: [[t]], to: [cache])[0] }
    let prefilled = try model.logits(appending: [promptA], to: [model.makeCache()])[0]
    #expect(last == prefilled)
    #expect(cache.count == promptA.count && cache.tokens == promptA)
    // Appending in two chunks gives the same too.
    let split = model.makeCache()
    _ = try model.logits(appending: [Array(promptA.prefix(2))], to: [split])
    #expect(try model.logits(appending: [Array(promptA.dropFirst(2))], to: [split])[0] == prefilled)
  }

  @Test func badRequestsThrowNamingTheSequence() throws {
    let cache = model.makeCache()
    let e1 = #expect(throws: LanguageModelError.self) {
      try model.logits(appending: [[5], [49_152]], to: [model.makeCache(), cache])
    }
    #expect(e1?.message.contains("sequence 1: token id 49152") == true)
    #expect(throws: LanguageModelError.self) { try model.logits(appending: [[]], to: [cache]) }
    #expect(throws: LanguageModelError.self) {
      try model.logits(appending: [[1], [2]], to: [cache, cache])
    }
    #expect(throws: LanguageModelError.self) { try model.logits(appending: [[1]], to: []) }
    let other = try LlamaModel(file: model.file, threads: 1)
    #expect(throws: LanguageModelError.self) {
      try model.logits(appending: [[1]], to: [other.makeCache()])
    }
    #expect(cache.count == 0)
  }
}
