import Foundation
import Testing

@testable import Hallmark

/// Under the null (text written without the key) the fraction of documents with p < α must
/// match the test's exact size at α, inside a binomial confidence interval, for every scheme,
/// also on highly repetitive text with dedup on. Without dedup repetitive text is not
/// calibrated, which is why dedup is the default.
@Suite struct CalibrationTests {
  static let vocabulary = 5000
  static let documents = 20_000

  /// The exact size of the test at α: the largest attainable null probability of p < α. For
  /// the continuous Gumbel statistic this is α itself.
  static func size(alpha: Double, null: NullDistribution, scored: Int) -> Double {
    switch null {
    case .gamma: return alpha
    case .binomial(let trials, let p):
      let n = scored * trials
      var k = Int(Double(n) * p)
      while k <= n
        && Statistics.binomialUpperTail(atLeast: k, trials: n, probability: p).value >= alpha
      {
        k += 1
      }
      return k > n ? 0 : Statistics.binomialUpperTail(atLeast: k, trials: n, probability: p).value
    }
  }

  /// Fractions of p < α over random keys and documents from `makeDocument`.
  static func rejectionRates(
    scheme: SchemeParameters, dedup: Bool, seed: UInt64,
    makeDocument: (inout SplitMix64) -> [Int32]
  ) -> (counts: [Int], scored: Set<Int>, null: NullDistribution) {
    var rng = SplitMix64(seed: seed)
    var counts = [0, 0]
    var scoredCounts = Set<Int>()
    var null = NullDistribution.gamma
    for _ in 0..<documents {
      let key = TestKeys.key(scheme, vocabulary: vocabulary, rng: &rng)
      let detector = Detector(key: key)
      null = detector.null
      let result = try! detector.score(makeDocument(&rng), dedup: dedup)
      scoredCounts.insert(result.scored)
      if result.pValue.log10 < -2 { counts[0] += 1 }
      if result.pValue.log10 < -3 { counts[1] += 1 }
    }
    return (counts, scoredCounts, null)
  }

  func check(_ scheme: SchemeParameters, seed: UInt64, repetitive: Bool) {
    let documentLength = 200
    let (counts, scored, null) = Self.rejectionRates(scheme: scheme, dedup: true, seed: seed) {
      rng in
      if repetitive {
        // A 12-token phrase said again and again.
        let phrase = (0..<12).map { _ in Int32.random(in: 0..<Int32(Self.vocabulary), using: &rng) }
        return Array((0..<documentLength).map { phrase[$0 % phrase.count] })
      }
      return (0..<documentLength).map { _ in
        Int32.random(in: 0..<Int32(Self.vocabulary), using: &rng)
      }
    }
    for (i, alpha) in [0.01, 0.001].enumerated() {
      // Documents can differ in scored count (dedup); use the extreme sizes as bounds.
      let sizes = scored.map { Self.size(alpha: alpha, null: null, scored: $0) }
      let low = Statistics.clopperPearson(
        successes: counts[i], trials: Self.documents, confidence: 0.999)
      #expect(
        low.lowerBound <= sizes.max()! && low.upperBound >= sizes.min()!,
        "\(scheme) repetitive \(repetitive) α \(alpha): \(counts[i]) / \(Self.documents), exact size \(sizes.min()!)...\(sizes.max()!)"
      )
    }
  }

  @Test(arguments: Array(TestKeys.schemes.enumerated()))
  func calibratedOnRandomText(index: Int, scheme: SchemeParameters) {
    check(scheme, seed: 100 + UInt64(index), repetitive: false)
  }

  @Test(arguments: Array(TestKeys.schemes.enumerated()))
  func calibratedOnRepetitiveTextWithDedup(index: Int, scheme: SchemeParameters) {
    check(scheme, seed: 200 + UInt64(index), repetitive: true)
  }

  @Test(arguments: Array(TestKeys.schemes.enumerated()))
  func repetitiveTextIsNotCalibratedWithoutDedup(index: Int, scheme: SchemeParameters) {
    let (counts, _, _) = Self.rejectionRates(
      scheme: scheme, dedup: false, seed: 300 + UInt64(index)
    ) {
      rng in
      let phrase = (0..<12).map { _ in Int32.random(in: 0..<Int32(Self.vocabulary), using: &rng) }
      return Array((0..<200).map { phrase[$0 % phrase.count] })
    }
    // At α = 0.01 the false-positive rate is many times α.
    #expect(Double(counts[0]) / Double(Self.documents) > 0.05, "\(scheme): \(counts[0])")
  }
}
