import Foundation
import GGUF
import HallmarkModels

/// Shared, lazily loaded SmolLM2 model and reference fixtures for the tests.
enum Support {
  static let modelURL: URL = try! DefaultModel.locate(startingAt: URL(fileURLWithPath: #filePath))
  static let model: LlamaModel = try! LlamaModel(contentsOf: modelURL, threads: 2)

  struct Prompts: Decodable {
    struct Prompt: Decodable {
      var text: String
      var chat: Bool
      var ids: [Int32]
    }
    var prompts: [Prompt]
  }

  struct Reference: Decodable {
    struct Record: Decodable {
      var prompt: [Int32]
      var greedy: [Int32]
      var gaps: [Float]
      var logitIds: [Int]
      var logits: [Float]
    }
    var generator: String
    var steps: Int
    var records: [Record]
  }

  static func fixture<T: Decodable>(_ name: String, as: T.Type) throws -> T {
    let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json")!
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
  }

  /// Greedy continuation of every prompt, decoded as one batch, ignoring stop tokens.
  static func greedy(
    _ model: LlamaModel, prompts: [[Int32]], steps: Int
  ) throws -> (tokens: [[Int32]], first: [[Float]]) {
    let caches = prompts.map { _ in model.makeCache() }
    var logits = try model.logits(appending: prompts, to: caches)
    let first = logits
    var out = [[Int32]](repeating: [], count: prompts.count)
    for step in 0..<steps {
      let next = logits.map { l in
        l.withUnsafeBufferPointer { Int32(GreedyPicker.argmax($0)) }
      }
      for i in next.indices { out[i].append(next[i]) }
      if step + 1 < steps {
        logits = try model.logits(appending: next.map { [$0] }, to: caches)
      }
    }
    return (out, first)
  }
}
