import Foundation
import HallmarkModels
import Testing

/// The engine against Hugging Face `transformers` running the same GGUF in float32
/// (fixture: `scripts/make-reference-logits.py`).
@Suite struct ReferenceTests {
  /// First-step logits agree with the float32 reference within this absolute tolerance
  /// (about ten times the measured 5e-5; the engine differs only in rounding order).
  static let logitTolerance: Float = 5e-4

  @Test func greedyContinuationsAndLogitsMatchTransformers() throws {
    let reference = try Support.fixture("reference-transformers", as: Support.Reference.self)
    #expect(reference.records.count == 10)
    let prompts = reference.records.map(\.prompt)
    let (tokens, first) = try Support.greedy(
      Support.model, prompts: prompts, steps: reference.steps)
    var worst: Float = 0
    for (i, record) in reference.records.enumerated() {
      #expect(tokens[i] == record.greedy, "prompt \(i)")
      for (id, expected) in zip(record.logitIds, record.logits) {
        worst = max(worst, abs(first[i][id] - expected))
      }
    }
    print("largest first-step logit difference vs transformers: \(worst)")
    #expect(worst < Self.logitTolerance)
  }
}
