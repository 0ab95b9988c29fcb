import Foundation
import Testing

@testable import Hallmark

/// Gumbel and SynthID are distortion-free: averaged over keys, the sampled token follows the
/// model's distribution exactly (chi-square goodness of fit). KGW is not, by design, which the
/// same test detects, showing that the test has power.
@Suite struct DistortionTests {
  static let logits: [Float] = [2.0, 1.5, 1.0, 0.5, 0.0, -0.5, -1.0, -2.0]

  static func chiSquare(_ scheme: SchemeParameters, settings: SamplingSettings, seed: UInt64)
    -> PValue
  {
    var rng = SplitMix64(seed: seed)
    let vocabulary = logits.count
    var counts = [Int](repeating: 0, count: vocabulary)
    let draws = 40_000
    for _ in 0..<draws {
      let key = TestKeys.key(scheme, vocabulary: vocabulary, rng: &rng)
      var l = logits
      let context: [Int32] = [3, 5]
      let token = SchemeRegistry.embedder(for: key).nextToken(
        logits: &l, context: context, settings: settings, uniform: rng.uniform())
      counts[Int(token)] += 1
    }
    // Expected probabilities after truncation, from the plain candidate set.
    let candidates = CandidateSet()
    logits.withUnsafeBufferPointer { candidates.build(logits: $0, settings: settings) }
    var expected = [Double](repeating: 0, count: vocabulary)
    for i in 0..<candidates.count {
      expected[Int(candidates.id(at: i))] = candidates.weights[i] / candidates.total
    }
    var statistic = 0.0
    var cells = 0
    for i in 0..<vocabulary {
      if expected[i] == 0 {
        #expect(counts[i] == 0, "token \(i) was truncated but sampled")
        continue
      }
      let e = expected[i] * Double(draws)
      statistic += (Double(counts[i]) - e) * (Double(counts[i]) - e) / e
      cells += 1
    }
    return Statistics.chiSquareUpperTail(statistic: statistic, degreesOfFreedom: cells - 1)
  }

  @Test(arguments: [
    SamplingSettings(), SamplingSettings(topK: 5), SamplingSettings(topP: 0.8),
  ])
  func gumbelIsDistortionFree(settings: SamplingSettings) {
    let p = Self.chiSquare(
      .gumbel(GumbelParameters(contextWidth: 2)), settings: settings, seed: 600)
    #expect(p.log10 > -3, "chi-square p = \(p)")
  }

  @Test(arguments: [SamplingSettings(), SamplingSettings(topK: 5), SamplingSettings(topP: 0.8)])
  func synthIDIsDistortionFree(settings: SamplingSettings) {
    let p = Self.chiSquare(
      .synthid(SynthIDParameters(contextWidth: 2)), settings: settings, seed: 700)
    #expect(p.log10 > -3, "chi-square p = \(p)")
  }

  @Test func kgwDistortsTheDistribution() {
    let p = Self.chiSquare(.kgw(KGWParameters(bias: 2)), settings: SamplingSettings(), seed: 800)
    #expect(p.log10 < -10, "chi-square p = \(p)")
  }
}
