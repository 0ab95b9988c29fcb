import Foundation
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

  /// Large k goes through `RadixTopK`: the same set as the rule, in ascending order, with ties
  /// (down to the last bit of the key), negative logits, −∞ and NaN (never preferred).
  @Test func radixSelectionKeepsTheLargestLogitsTiesToTheLowerId() {
    var generator = SystemRandomNumberGenerator()
    let radix = RadixTopK()
    for trial in 0..<60 {
      let n = [600, 5000, 49152][trial % 3]
      let k = [CandidateSet.radixFrom, n / 3, n - 1, Int.random(in: 1..<n, using: &generator)][
        trial % 4]
      var logits: [Float]
      switch trial % 5 {
      case 0:  // few levels: long runs of equal keys
        logits = (0..<n).map { _ in Float(Int.random(in: -3..<3, using: &generator)) }
      case 1:  // neighbours one ulp apart: the last radix level decides
        logits = (0..<n).map { _ in Float(bitPattern: 0x4120_0000 + UInt32.random(in: 0..<64)) }
      case 2:  // all equal: one bin holds everything
        logits = [Float](repeating: -1.5, count: n)
      case 3:  // −0 and +0 are equal logits: ties to the lower id
        logits = (0..<n).map { _ in
          [Float(0), -Float(0), 1, -1][Int.random(in: 0..<4, using: &generator)]
        }
      default:
        logits = (0..<n).map { _ in Float.random(in: -40..<20, using: &generator) }
      }
      logits[Int.random(in: 0..<n, using: &generator)] = -.infinity
      if trial % 2 == 0 { logits[Int.random(in: 0..<n, using: &generator)] = .nan }
      let nonNaN = logits.filter { !$0.isNaN }.count
      let k2 = min(k, nonNaN)
      var ids = [Int32](repeating: -1, count: n)
      logits.withUnsafeBufferPointer { l in
        ids.withUnsafeMutableBufferPointer { out in
          radix.select(logits: l.baseAddress!, count: n, k: k2, into: out.baseAddress!)
        }
      }
      let expected = Self.expectedTopK(logits, k: k2)
      let same = Array(ids.prefix(k2)) == expected
      #expect(
        same,
        "trial \(trial) n \(n) k \(k2): first ids \(ids.prefix(4)), expected \(expected.prefix(4))")
    }
  }
}

/// Top-p keeps the shortest prefix in descending weight order (ties: lower id first) whose sum
/// reaches p × total, for light and heavy tails alike, whether the nucleus is found among the
/// weights of at least `NucleusSelection.heavyFloor` or among all.
@Suite struct NucleusTests {
  static func expectedNucleus(_ logits: [Float], topP: Double) -> [Int32] {
    let top = logits.max()!
    let w = logits.map { FastMath.expNonPositive($0 - top) }
    var all = 0.0
    for x in w { all += Double(x) }
    let sorted = w.indices.sorted { w[$0] > w[$1] || (w[$0] == w[$1] && $0 < $1) }
    var mass = 0.0
    var kept = 0
    while kept < sorted.count {
      mass += Double(w[sorted[kept]])
      kept += 1
      if mass >= topP * all { break }
    }
    return sorted.prefix(kept).map { Int32($0) }.sorted()
  }

  @Test func topPKeepsTheShortestHeaviestPrefix() {
    var generator = SystemRandomNumberGenerator()
    let set = CandidateSet()
    for trial in 0..<300 {
      let n = Int.random(in: 1...5000, using: &generator)
      let topP = [0.1, 0.5, 0.9, 0.95, 0.999, 1e-9][trial % 6]
      var logits: [Float]
      switch trial % 5 {
      case 4:  // one top token and a tail on both sides of the heavy floor (e^-13.9): the
        // nucleus is found among the heavy weights, or (p = 0.999: the light ones hold more
        // than 0.001 of the mass) among all
        logits = (0..<n).map { _ in Float.random(in: -16 ..< -13, using: &generator) }
        logits[Int.random(in: 0..<n, using: &generator)] = 0
      case 0:  // Zipf: a heavy tail, the nucleus is most of the vocabulary
        logits = (0..<n).map { 12 - Float(log(Double($0 + 1))) }
        logits.shuffle(using: &generator)
      case 1:  // few distinct values: many ties
        logits = (0..<n).map { _ in Float(Int.random(in: 0..<5, using: &generator)) }
      case 2:  // a peaked distribution
        logits = (0..<n).map { _ in Float.random(in: -30..<0, using: &generator) }
        logits[Int.random(in: 0..<n, using: &generator)] = 10
      default:  // wide range, with some masked tokens
        logits = (0..<n).map { _ in Float.random(in: -100..<20, using: &generator) }
        logits[Int.random(in: 0..<n, using: &generator)] = -.infinity
      }
      let kept = logits.withUnsafeBufferPointer { l -> [Int32] in
        set.build(logits: l, settings: SamplingSettings(topP: topP))
        return Array(set.ids)
      }
      #expect(kept == Self.expectedNucleus(logits, topP: topP), "trial \(trial) n \(n) p \(topP)")
    }
  }
}

/// The blocked draw returns what the sequential running sum returns, also where the target
/// sits exactly on a running-sum boundary (there it must hand over to the sequential draw).
@Suite struct DrawTests {
  static func sequential(_ weights: UnsafeMutableBufferPointer<Double>, target: Double) -> Int {
    var cumulative = 0.0
    for i in weights.indices {
      cumulative += weights[i]
      if cumulative > target { return i }
    }
    return weights.count - 1
  }

  @Test func blockedDrawEqualsTheSequentialDraw() {
    var generator = SystemRandomNumberGenerator()
    let set = CandidateSet()
    for trial in 0..<40 {
      let n = [600, 4096, 49152, 152_064][trial % 4]
      var logits: [Float]
      if trial % 3 == 0 {
        logits = (0..<n).map { 12 - Float(log(Double($0 + 1))) }
        logits.shuffle(using: &generator)
      } else {
        logits = (0..<n).map { _ in Float.random(in: -25..<10, using: &generator) }
      }
      logits.withUnsafeBufferPointer { set.build(logits: $0, settings: SamplingSettings()) }
      let weights = set.weights
      var boundaries: [Double] = []
      var cumulative = 0.0
      for i in stride(from: 0, to: n, by: max(1, n / 50)) {
        cumulative = 0
        for j in 0...i { cumulative += weights[j] }
        boundaries.append(cumulative / set.total)
      }
      let uniforms =
        (0..<200).map { _ in Double.random(in: 0..<1, using: &generator) } + boundaries
        + boundaries.map { $0.nextUp } + boundaries.map { $0.nextDown } + [0, 0.999_999_999_9]
      for r in uniforms where r >= 0 && r < 1 {
        let expected = Int32(Self.sequential(weights, target: r * set.total))
        #expect(set.draw(uniform: r) == expected, "n \(n) r \(r)")
      }
    }
  }
}
