import Foundation
import Hallmark
import HallmarkModels
import Testing

@Suite struct SamplerTests {
  func draw(_ sampler: inout PlainSampler, _ logits: [Float]) -> Int32 {
    var l = logits
    return l.withUnsafeMutableBufferPointer { sampler.pick(logits: $0, context: []) }
  }

  let logits: [Float] = [0, 2, 1, -1, 3, 0.5, -4, 2.5]

  @Test func topKOneAndTinyTopPAreGreedy() {
    var k1 = PlainSampler(topK: 1, random: SplitMix64(seed: 1))
    var p0 = PlainSampler(topP: 0.01, random: SplitMix64(seed: 1))
    for _ in 0..<50 {
      #expect(draw(&k1, logits) == 4)
      #expect(draw(&p0, logits) == 4)
    }
    var greedy = GreedyPicker()
    var l = logits
    #expect(l.withUnsafeMutableBufferPointer { greedy.pick(logits: $0, context: []) } == 4)
  }

  @Test func frequenciesFollowTheTruncatedSoftmax() {
    // Softmax of the logits, then top-k = 3 keeps ids 4, 7, 1.
    func frequencies(_ sampler: PlainSampler, draws: Int) -> [Double] {
      var s = sampler
      var counts = [Double](repeating: 0, count: logits.count)
      for _ in 0..<draws { counts[Int(draw(&s, logits))] += 1 }
      return counts.map { $0 / Double(draws) }
    }
    let weights = logits.map { Double($0).exponentiated() }
    let total = weights.reduce(0, +)
    let all = frequencies(PlainSampler(random: SplitMix64(seed: 3)), draws: 20_000)
    for i in logits.indices { #expect(abs(all[i] - weights[i] / total) < 0.015, "id \(i)") }
    let top3 = frequencies(PlainSampler(topK: 3, random: SplitMix64(seed: 4)), draws: 20_000)
    let kept = weights[4] + weights[7] + weights[1]
    for i in logits.indices {
      let expected = [4, 7, 1].contains(i) ? weights[i] / kept : 0
      #expect(abs(top3[i] - expected) < 0.015, "id \(i)")
    }
    // top-p 0.7: p(4) ≈ 0.442, p(7) ≈ 0.268 (cumulative 0.71) → keeps 4 and 7.
    let nucleus = frequencies(PlainSampler(topP: 0.7, random: SplitMix64(seed: 5)), draws: 20_000)
    for i in logits.indices {
      let expected = [4, 7].contains(i) ? weights[i] / (weights[4] + weights[7]) : 0
      #expect(abs(nucleus[i] - expected) < 0.015, "id \(i)")
    }
  }

  @Test func seedsReproduce() {
    var a = PlainSampler(topK: 5, topP: 0.9, random: SplitMix64(seed: 9, stream: 2))
    var b = PlainSampler(topK: 5, topP: 0.9, random: SplitMix64(seed: 9, stream: 2))
    let xs = (0..<100).map { _ in draw(&a, logits) }
    #expect(xs == (0..<100).map { _ in draw(&b, logits) })
    #expect(Set(xs).count > 1)
  }
}

extension Double {
  fileprivate func exponentiated() -> Double { Foundation.exp(self) }
}
