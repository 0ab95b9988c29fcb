import Testing

@testable import Hallmark

@Suite struct MultipleTestingTests {
  /// Compares adjusted p-values with hand-computed ones (relative, in value space).
  func expectValues(
    _ actual: [PValue], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
      #expect(abs(a.value - e) <= 1e-14 * e, "\(a.value) vs \(e)", sourceLocation: sourceLocation)
    }
  }

  @Test func holmBonferroniHandExamples() {
    // Sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005, max(·, 3·0.01), max(·, 2·0.03), max(·, 0.04).
    expectValues(
      Statistics.holmBonferroni([0.01, 0.04, 0.03, 0.005].map { PValue($0) }),
      [0.03, 0.06, 0.06, 0.02])
    // Monotonicity carries 0.6 to the largest raw value.
    expectValues(Statistics.holmBonferroni([0.5, 0.3, 0.2].map { PValue($0) }), [0.6, 0.6, 0.6])
    expectValues(Statistics.holmBonferroni([0.4, 0.6].map { PValue($0) }), [0.8, 0.8])
    // Capped at 1, and the cap carries.
    expectValues(Statistics.holmBonferroni([0.6, 0.7].map { PValue($0) }), [1, 1])
    // Ties.
    expectValues(Statistics.holmBonferroni([0.01, 0.01].map { PValue($0) }), [0.02, 0.02])
    expectValues(Statistics.holmBonferroni([PValue(0.2)]), [0.2])
    #expect(Statistics.holmBonferroni([]).isEmpty)
  }

  @Test func holmBonferroniKeepsTinyValuesExact() {
    let adjusted = Statistics.holmBonferroni([
      PValue(log10: -300), PValue(0.5), PValue(log10: -400), .impossible,
    ])
    let log10Of = { (n: Double) in PortableMath.log(n) * PortableMath.log10E }
    #expect(abs(adjusted[2].log10 - (-400 + log10Of(3))) <= 1e-12)
    #expect(abs(adjusted[0].log10 - (-300 + log10Of(2))) <= 1e-12)
    #expect(abs(adjusted[1].value - 0.5) <= 1e-15)
    #expect(adjusted[3] == .impossible)
  }

  @Test func holmBonferroniProperties() {
    var state: UInt64 = 12_345
    for trial in 0..<200 {
      let m = 1 + trial % 17
      let raw = (0..<m).map { _ -> PValue in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return PValue(log10: -Double(state >> 40) / Double(1 << 24) * 6)
      }
      let adjusted = Statistics.holmBonferroni(raw)
      for i in 0..<m {
        #expect(adjusted[i] >= raw[i])
        #expect(adjusted[i] <= Statistics.bonferroni(raw[i], count: m))
        for j in 0..<m where raw[i] < raw[j] { #expect(adjusted[i] <= adjusted[j]) }
      }
    }
  }

  @Test func bonferroni() {
    #expect(abs(Statistics.bonferroni(PValue(0.01), count: 10).value - 0.1) <= 1e-16)
    #expect(Statistics.bonferroni(PValue(0.2), count: 10) == .one)
    #expect(Statistics.bonferroni(PValue(0.2), count: 1) == PValue(0.2))
    #expect(Statistics.bonferroni(.impossible, count: 3) == .impossible)
  }

  @Test func fisherCombinationMatchesEveryFixturePoint() throws {
    for point in try StatisticsFixture.shared().fisher {
      let actual = Statistics.fisherCombination(point.log10PValues.map { PValue(log10: $0) }).log10
      #expect(
        Log10Error(actual, reference: point.log10P).isWithinTolerance,
        "\(point.log10PValues.prefix(3))…: \(actual) vs \(point.log10P)")
    }
  }

  @Test func fisherCombinationEdges() {
    #expect(Statistics.fisherCombination([]) == .one)
    #expect(Statistics.fisherCombination([PValue(0.3), .impossible]) == .impossible)
    // One p-value combines to itself: Q(1, −ln p) = p.
    let single = Statistics.fisherCombination([PValue(log10: -1234.5)])
    #expect(abs(single.log10 + 1234.5) <= 1e-12 * 1234.5)
  }
}
