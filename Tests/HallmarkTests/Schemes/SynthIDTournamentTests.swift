import Foundation
import Testing

@testable import Hallmark

/// The blocked SynthID tournament against the layer-by-layer closed form of
/// Spec/schemes.md#synthid, and its two entry points against each other.
@Suite struct SynthIDTournamentTests {
  /// One layer at a time, every sum in ascending candidate order (the Spec's text).
  static func reference(weights: [Double], words: [UInt32], layers: Int) -> [Double] {
    let total = weights.reduce(0, +)
    var w = weights
    for layer in 0..<layers {
      var winners = 0.0
      for (x, word) in zip(w, words) where (word >> layer) & 1 == 1 { winners += x }
      let share = winners / total
      for i in w.indices { w[i] *= (words[i] >> layer) & 1 == 1 ? 2 - share : 1 - share }
    }
    return w
  }

  static func sample(count: Int, seed: UInt64) -> (binary32: [Float], words: [UInt32]) {
    var rng = SplitMix64(seed: seed)
    // Softmax-like weights over many magnitudes, as after the exponential.
    let binary32 = (0..<count).map { _ in Float(exp(-12 * rng.uniform())) }
    let words = (0..<count + 3).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
    return (binary32, words)
  }

  @Test(arguments: [1, 7, 10, 11, 12, 23, 30, 32])
  func matchesTheLayerByLayerForm(layers: Int) {
    let tournament = SynthIDTournament(layers: layers)
    for count in [1, 2, 5, 64, 203, 4099] {
      let (binary32, words) = Self.sample(count: count, seed: UInt64(layers * 10_000 + count))
      let initial = binary32.map(Double.init)
      let expected = Self.reference(weights: initial, words: words, layers: layers)
      var weights = [Double](repeating: 0, count: count)
      let total = weights.withUnsafeMutableBufferPointer { w in
        binary32.withUnsafeBufferPointer { b in
          words.withUnsafeBufferPointer { wd in
            tournament.run(
              binary32: b.baseAddress!, weights: w.baseAddress!, count: count,
              words: wd.baseAddress!)
          }
        }
      }
      // Probabilities agree to rounding: the orders of the sums differ, nothing else.
      var worst = 0.0
      for (a, b) in zip(weights, expected) { worst = max(worst, abs(a - b) / total) }
      #expect(worst < 1e-13, "m=\(layers) n=\(count): error \(worst) of the total")
      let sum = weights.withUnsafeBufferPointer { CandidateSet.orderedSum($0) }
      #expect(total.bitPattern == sum.bitPattern, "the returned total is the weights' sum")
      #expect(abs(total - initial.reduce(0, +)) <= 1e-12 * total, "the tournament keeps the mass")
    }
  }

  @Test func bothEntryPointsAgreeBitForBit() {
    let tournament = SynthIDTournament(layers: 30)
    for count in [3, 64, 1001] {
      let (binary32, words) = Self.sample(count: count, seed: UInt64(count))
      var fromBinary32 = [Double](repeating: 0, count: count)
      var fromBinary64 = binary32.map(Double.init)
      let initialTotal = fromBinary64.withUnsafeBufferPointer { CandidateSet.orderedSum($0) }
      let (a, b) = words.withUnsafeBufferPointer { wd in
        let a = fromBinary32.withUnsafeMutableBufferPointer { w in
          binary32.withUnsafeBufferPointer { b in
            tournament.run(
              binary32: b.baseAddress!, weights: w.baseAddress!, count: count,
              words: wd.baseAddress!)
          }
        }
        let b = fromBinary64.withUnsafeMutableBufferPointer { w in
          tournament.run(
            weights: w.baseAddress!, count: count, total: initialTotal, words: wd.baseAddress!)
        }
        return (a, b)
      }
      #expect(a.bitPattern == b.bitPattern)
      #expect(fromBinary32.map(\.bitPattern) == fromBinary64.map(\.bitPattern))
    }
  }
}
