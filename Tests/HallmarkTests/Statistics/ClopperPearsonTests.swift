import Testing

@testable import Hallmark

@Suite struct ClopperPearsonTests {
  /// The fixture's bounds are SciPy's `binomtest(...).proportion_ci(method="exact")`
  /// refined by Newton's method in mpmath; SciPy's own bounds are off by up to 1e-4
  /// relative for x ≪ n at n ≥ 10⁶ (its betaincinv), so they are held to 2e-4 only.
  @Test func matchesReferenceIntervals() throws {
    for point in try StatisticsFixture.shared().clopperPearson {
      let interval = Statistics.clopperPearson(
        successes: point.successes, trials: point.trials, confidence: point.confidence)
      let label = "\(point.successes)/\(point.trials) at \(point.confidence)"
      #expect(
        abs(interval.lowerBound - point.lower) <= 1e-10 * point.lower,
        "\(label): lower \(interval.lowerBound) vs \(point.lower)")
      #expect(
        abs(interval.upperBound - point.upper) <= 1e-10 * point.upper,
        "\(label): upper \(interval.upperBound) vs \(point.upper)")
      #expect(abs(interval.lowerBound - point.scipyLower) <= 2e-4 * point.scipyLower, "\(label)")
      #expect(abs(interval.upperBound - point.scipyUpper) <= 2e-4 * point.scipyUpper, "\(label)")
    }
  }

  @Test func boundsSolveTheirDefiningEquations() {
    for (x, n) in [(1, 10), (7, 20), (300, 1000), (12, 100_000)] {
      let interval = Statistics.clopperPearson(successes: x, trials: n, confidence: 0.99)
      let lowerTail = Statistics.binomialUpperTail(
        atLeast: x, trials: n, probability: interval.lowerBound)
      let upperTail = Statistics.binomialLowerTail(
        atMost: x, trials: n, probability: interval.upperBound)
      #expect(abs(lowerTail.value / 0.005 - 1) <= 1e-12)
      #expect(abs(upperTail.value / 0.005 - 1) <= 1e-12)
      let fraction = Double(x) / Double(n)
      #expect(interval.contains(fraction))
    }
  }

  @Test func edgesAreZeroAndOne() {
    #expect(Statistics.clopperPearson(successes: 0, trials: 10).lowerBound == 0)
    #expect(Statistics.clopperPearson(successes: 10, trials: 10).upperBound == 1)
    // 0 of n: the upper bound is 1 − (α/2)^(1/n).
    let upper = Statistics.clopperPearson(successes: 0, trials: 50, confidence: 0.95).upperBound
    let expected = -PortableMath.expm1(PortableMath.log(0.025) / 50)
    #expect(abs(upper - expected) <= 1e-14)
  }
}
