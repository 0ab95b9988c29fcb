import Foundation
import Testing

@testable import Hallmark

/// Watermarked sampling from synthetic next-token distributions of known entropy gives tiny
/// p-values; unwatermarked sampling gives uniform ones.
@Suite struct PowerTests {
  static let model = SyntheticModel(vocabulary: 2000, sharpness: 1.1)

  @Test(arguments: Array(TestKeys.schemes.enumerated()))
  func watermarkedTextIsDetected(index: Int, scheme: SchemeParameters) {
    var rng = SplitMix64(seed: 400 + UInt64(index))
    var log10s: [Double] = []
    for _ in 0..<20 {
      let key = TestKeys.key(scheme, vocabulary: Self.model.vocabulary, rng: &rng)
      let tokens = Self.model.generate(
        length: 200, prompt: 8, embedder: SchemeRegistry.embedder(for: key), rng: &rng)
      log10s.append(try! Detector(key: key).score(tokens, promptLength: 8).pValue.log10)
    }
    log10s.sort()
    // Every scheme reaches p < 1e-6 on 200 tokens at this entropy, most documents far below.
    #expect(log10s[log10s.count / 2] < -10, "\(scheme): median log10 p \(log10s[log10s.count / 2])")
    #expect(log10s.last! < -6, "\(scheme): worst log10 p \(log10s.last!)")
  }

  @Test(arguments: Array(TestKeys.schemes.enumerated()))
  func unwatermarkedTextGivesUniformPValues(index: Int, scheme: SchemeParameters) {
    var rng = SplitMix64(seed: 500 + UInt64(index))
    var pValues: [Double] = []
    for _ in 0..<300 {
      let key = TestKeys.key(scheme, vocabulary: Self.model.vocabulary, rng: &rng)
      let tokens = Self.model.generate(length: 100, prompt: 8, embedder: nil, rng: &rng)
      pValues.append(try! Detector(key: key).score(tokens, promptLength: 8).pValue.value)
    }
    // Kolmogorov–Smirnov distance to U(0,1); discrete statistics sit slightly above the
    // diagonal (conservative), so allow the 0.1% critical value plus a little.
    pValues.sort()
    var distance = 0.0
    for (i, p) in pValues.enumerated() {
      distance = max(distance, abs(p - Double(i) / Double(pValues.count)))
      distance = max(distance, abs(p - Double(i + 1) / Double(pValues.count)))
    }
    #expect(
      distance < 1.95 / Double(pValues.count).squareRoot() + 0.03, "\(scheme): KS \(distance)")
  }
}
