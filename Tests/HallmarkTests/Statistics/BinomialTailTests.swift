import Testing

@testable import Hallmark

@Suite struct BinomialTailTests {
  @Test func matchesEveryFixturePoint() {
    var summary = ErrorSummary()
    for point in StatisticsFixture.shared.binomial {
      let actual = Statistics.binomialUpperTail(
        atLeast: point.k, trials: point.n, probability: point.p
      ).log10
      let error = Log10Error(actual, reference: point.log10P)
      summary.add(error, "k=\(point.k) n=\(point.n) p=\(point.p)")
      #expect(
        error.isWithinTolerance,
        "k=\(point.k) n=\(point.n) p=\(point.p): \(actual) vs \(point.log10P) (\(point.source))")
    }
    print("binomialUpperTail over \(StatisticsFixture.shared.binomial.count) points: \(summary.line)")
  }
}
