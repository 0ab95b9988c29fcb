import Testing

@testable import Hallmark

@Suite struct GammaTailTests {
  @Test func matchesEveryFixturePoint() throws {
    let points = try StatisticsFixture.shared().gamma
    var summary = ErrorSummary()
    for point in points {
      let actual = Statistics.gammaUpperTail(atLeast: point.x, shape: point.a).log10
      let error = Log10Error(actual, reference: point.log10P)
      summary.add(error, "x=\(point.x) a=\(point.a)")
      #expect(
        error.isWithinTolerance,
        "x=\(point.x) a=\(point.a): \(actual) vs \(point.log10P) (\(point.source))")
    }
    print("gammaUpperTail over \(points.count) points: \(summary.line)")
  }
}

@Suite struct GammaTailPropertyTests {
  @Test func edgeCases() {
    #expect(Statistics.gammaUpperTail(atLeast: 0, shape: 3) == .one)
    #expect(Statistics.gammaUpperTail(atLeast: -2, shape: 3) == .one)
    #expect(Statistics.gammaUpperTail(atLeast: .infinity, shape: 3) == .impossible)
    #expect(Statistics.gammaLowerTail(atMost: 0, shape: 3) == .impossible)
    // Shape 0: a sum of no scores is 0.
    #expect(Statistics.gammaUpperTail(atLeast: 0, shape: 0) == .one)
    #expect(Statistics.gammaUpperTail(atLeast: 1e-300, shape: 0) == .impossible)
  }

  /// Gamma(1, 1) is Exp(1): P(G ≥ x) = e^(−x), log10 = −x·log10(e).
  @Test func shapeOneIsExponential() {
    for x in [1e-9, 0.1, 1, 2, 10, 700, 1e4, 1e6] {
      let tail = Statistics.gammaUpperTail(atLeast: x, shape: 1).log10
      let exact = -x * PortableMath.log10E
      #expect(abs(tail - exact) <= 2e-15 * abs(exact), "x=\(x): \(tail) vs \(exact)")
    }
  }

  @Test func isMonotoneInX() {
    for a in [0.5, 3, 1000, 1e8] {
      var previous = PValue.one
      let sd = a.squareRoot()
      for step in -40...200 {
        let x = a + Double(step) * sd / 8
        guard x > 0 else { continue }
        let tail = Statistics.gammaUpperTail(atLeast: x, shape: a)
        #expect(tail <= previous, "a=\(a) x=\(x)")
        previous = tail
      }
    }
  }

  @Test func tailsSumToOneInTheBody() {
    for a in [0.5, 2, 7.3, 1000, 1e7] {
      for c in [-2.0, -0.5, 0, 1, 3] {
        let x = max(a + c * a.squareRoot(), 0.01)
        let sum =
          Statistics.gammaUpperTail(atLeast: x, shape: a).value
          + Statistics.gammaLowerTail(atMost: x, shape: a).value
        #expect(abs(sum - 1) <= 1e-14, "a=\(a) x=\(x)")
      }
    }
  }
}
