import Foundation
import Testing

@testable import Hallmark

/// The blocked SynthID tournament against the layer-by-layer closed form of
/// Spec/schemes.md#synthid, and its two entry points (the draw as it goes, the finished
/// weights) against each other.
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

  /// `run(binary32:…)` on `binary32`, the weights written to `weights`.
  static func runWholeVocabulary(
    _ tournament: SynthIDTournament, binary32: [Float], weights: inout [Double], words: [UInt32]
  ) -> Double {
    weights.withUnsafeMutableBufferPointer { w in
      binary32.withUnsafeBufferPointer { b in
        words.withUnsafeBufferPointer { wd in
          tournament.run(
            binary32: b.baseAddress!, weights: w.baseAddress!, count: b.count,
            words: wd.baseAddress!)
        }
      }
    }
  }

  /// The inverse-CDF draw of sampling.md over `weights` with `total`, and how far r × total
  /// lies from the nearest cumulative boundary (relative to the total).
  static func inverseCDF(_ weights: [Double], total: Double, r: Double) -> (Int, Double) {
    let target = r * total
    var cumulative = 0.0
    var margin = Double.infinity
    var chosen = weights.count - 1
    var found = false
    for (i, w) in weights.enumerated() {
      cumulative += w
      margin = min(margin, abs(cumulative - target) / total)
      if !found && cumulative > target {
        chosen = i
        found = true
      }
    }
    return (chosen, margin)
  }

  @Test(arguments: [1, 7, 10, 11, 12, 23, 30, 32])
  func matchesTheLayerByLayerForm(layers: Int) {
    let tournament = SynthIDTournament(layers: layers)
    for count in [1, 2, 5, 64, 203, 4099] {
      let (binary32, words) = Self.sample(count: count, seed: UInt64(layers * 10_000 + count))
      let initial = binary32.map(Double.init)
      let expected = Self.reference(weights: initial, words: words, layers: layers)
      var weights = initial
      let total = weights.withUnsafeMutableBufferPointer { w in
        words.withUnsafeBufferPointer { wd in
          tournament.run(weights: w.baseAddress!, count: count, words: wd.baseAddress!)
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

  /// The whole-vocabulary entry point leaves the last block to the draw; its draws are those of the
  /// finished weights (the binary64 entry point) except within rounding of a boundary.
  @Test(arguments: [1, 11, 12, 30, 32])
  func drawingAsItGoesEqualsDrawingTheFinishedWeights(layers: Int) {
    let tournament = SynthIDTournament(layers: layers)
    let finished = SynthIDTournament(layers: layers)
    for count in [3, 64, 1001, 4099, 9000] {
      let (binary32, words) = Self.sample(count: count, seed: UInt64(count + layers))
      var partial = [Double](repeating: .nan, count: count)
      var final = binary32.map(Double.init)
      let total = Self.runWholeVocabulary(
        tournament, binary32: binary32, weights: &partial, words: words)
      words.withUnsafeBufferPointer { wd in
        let finalTotal = final.withUnsafeMutableBufferPointer { w in
          finished.run(weights: w.baseAddress!, count: count, words: wd.baseAddress!)
        }
        #expect(abs(total - finalTotal) <= 1e-13 * finalTotal, "m=\(layers) n=\(count)")
        var checked = 0
        for k in 0..<500 {
          let r = (Double(k) + 0.37) / 500
          let (expected, margin) = Self.inverseCDF(final, total: finalTotal, r: r)
          guard margin > 1e-12 else { continue }
          let got = partial.withUnsafeBufferPointer { w in
            binary32.withUnsafeBufferPointer { b in
              tournament.draw(
                binary32: b.baseAddress!, weights: w.baseAddress!, count: count,
                words: wd.baseAddress!, total: total, uniform: r)
            }
          }
          #expect(got == expected, "m=\(layers) n=\(count) r=\(r)")
          checked += 1
        }
        #expect(checked > 400)
      }
    }
  }

  /// Over many candidates the draw finds the crossing from block sums (`BlockedDraw`); it picks
  /// exactly the candidate of the sequential running sum of the final weights, also for targets
  /// on and next to every boundary.
  @Test func blockedDrawEqualsTheSequentialSumOfTheFinalWeights() {
    let tournament = SynthIDTournament(layers: 30)
    for count in [600, 4099, 49152] {
      let (binary32, words) = Self.sample(count: count, seed: UInt64(count))
      var weights = [Double](repeating: 0, count: count)
      let total = Self.runWholeVocabulary(
        tournament, binary32: binary32, weights: &weights, words: words)
      words.withUnsafeBufferPointer { wd in
        weights.withUnsafeBufferPointer { w in
          let final = binary32.withUnsafeBufferPointer { b in
            tournament.finalWeights(
              binary32: b.baseAddress!, weights: w.baseAddress!, count: count,
              words: wd.baseAddress!)
          }
          var boundaries: [Double] = []
          var cumulative = 0.0
          for (i, x) in final.enumerated() {
            cumulative += x
            if i % max(1, count / 40) == 0 { boundaries.append(cumulative / total) }
          }
          let uniforms =
            (0..<100).map { (Double($0) + 0.5) / 100 } + boundaries
            + boundaries.map(\.nextUp) + boundaries.map(\.nextDown)
          for r in uniforms where r >= 0 && r < 1 {
            let target = r * total
            var running = 0.0
            var expected = count - 1
            for (i, x) in final.enumerated() {
              running += x
              if running > target {
                expected = i
                break
              }
            }
            let got = binary32.withUnsafeBufferPointer { b in
              tournament.draw(
                binary32: b.baseAddress!, weights: w.baseAddress!, count: count,
                words: wd.baseAddress!, total: total, uniform: r)
            }
            #expect(got == expected, "n \(count) r \(r)")
          }
        }
      }
    }
  }
}
