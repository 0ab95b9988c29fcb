import Testing

@testable import Hallmark

/// Top-k truncation keeps exactly the k largest logits, ties to the lower id (Spec/sampling.md),
/// whatever shortcut the selection takes.
@Suite struct CandidateSetTests {
  static func expectedTopK(_ logits: [Float], k: Int) -> [Int32] {
    let ranked = logits.indices.filter { !logits[$0].isNaN }.sorted {
      logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1)
    }
    return ranked.prefix(k).map { Int32($0) }.sorted()
  }

  @Test func topKKeepsTheLargestLogitsTiesToTheLowerId() {
    var generator = SystemRandomNumberGenerator()
    let set = CandidateSet()
    for trial in 0..<300 {
      let n = Int.random(in: 2...3000, using: &generator)
      let k = Int.random(in: 1..<n, using: &generator)
      // Few distinct values make ties common; some runs are sorted ascending, the worst case
      // for skipping blocks.
      let levels = trial % 3 == 0 ? 8 : 100_000
      var logits = (0..<n).map { _ in Float(Int.random(in: 0..<levels, using: &generator)) / 7 }
      if trial % 5 == 0 { logits.sort() }
      if trial % 7 == 0 { logits[Int.random(in: 0..<n, using: &generator)] = -.infinity }
      let kept = logits.withUnsafeBufferPointer { l -> [Int32] in
        set.build(logits: l, settings: SamplingSettings(topK: k))
        return Array(set.ids)
      }
      #expect(kept == Self.expectedTopK(logits, k: k), "n \(n) k \(k)")
    }
  }
}
