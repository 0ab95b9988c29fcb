import Testing

@testable import Hallmark

@Suite struct NormalAndChiSquareTests {
  @Test func normalTailMatchesEveryFixturePoint() throws {
    var summary = ErrorSummary()
    for point in try StatisticsFixture.shared().normal {
      let actual = Statistics.normalUpperTail(z: point.z).log10
      let error = Log10Error(actual, reference: point.log10P)
      summary.add(error, "z=\(point.z)")
      #expect(error.isWithinTolerance, "z=\(point.z): \(actual) vs \(point.log10P)")
    }
    print("normalUpperTail: \(summary.line)")
  }

  @Test func chiSquareTailMatchesEveryFixturePoint() throws {
    for point in try StatisticsFixture.shared().chiSquare {
      let actual = Statistics.chiSquareUpperTail(
        statistic: point.statistic, degreesOfFreedom: point.dof
      ).log10
      #expect(
        Log10Error(actual, reference: point.log10P).isWithinTolerance,
        "s=\(point.statistic) k=\(point.dof): \(actual) vs \(point.log10P)")
    }
  }

  @Test func normalTailIsSymmetricAndHalfAtZero() {
    #expect(abs(Statistics.normalUpperTail(z: 0).value - 0.5) <= 1e-16)
    for z in stride(from: -8.0, through: 8.0, by: 0.25) {
      let sum = Statistics.normalUpperTail(z: z).value + Statistics.normalUpperTail(z: -z).value
      #expect(abs(sum - 1) <= 4e-16, "z=\(z): \(sum)")
    }
  }

  @Test func normalTailEdgesAndMonotonicity() {
    #expect(Statistics.normalUpperTail(z: .infinity) == .impossible)
    #expect(Statistics.normalUpperTail(z: -.infinity) == .one)
    #expect(Statistics.normalUpperTail(z: 1e200) == .impossible)  // z²/2 overflows
    var previous = PValue.one
    for z in stride(from: -40.0, through: 2000.0, by: 0.5) {
      let p = Statistics.normalUpperTail(z: z)
      #expect(p <= previous, "z=\(z)")
      previous = p
    }
    // log10 Φc(1000) = −217 150.640 041 994 4…: far below the Double range, still exact.
    #expect(abs(Statistics.normalUpperTail(z: 1000).log10 + 217_150.640_041_994_4) < 1e-9)
  }

  @Test func chiSquareWithOneDegreeIsTwoSidedNormal() {
    for z in [0.1, 1.0, 1.96, 3.0, 10.0, 30.0] {
      let chi = Statistics.chiSquareUpperTail(statistic: z * z, degreesOfFreedom: 1).log10
      let normal =
        Statistics.normalUpperTail(z: z).log10 + PortableMath.log(2) * PortableMath.log10E
      #expect(abs(chi - normal) <= 1e-13 * max(1, abs(normal)), "z=\(z)")
    }
    #expect(Statistics.chiSquareUpperTail(statistic: 0, degreesOfFreedom: 3) == .one)
    #expect(Statistics.chiSquareUpperTail(statistic: -1, degreesOfFreedom: 3) == .one)
  }

  @Test func kgwZScore() {
    #expect(Statistics.kgwZScore(green: 60, scored: 100, gamma: 0.5) == 2)
    #expect(Statistics.kgwZScore(green: 25, scored: 100, gamma: 0.25) == 0)
    #expect(Statistics.kgwZScore(green: 0, scored: 0, gamma: 0.25) == 0)
    let z = Statistics.kgwZScore(green: 40, scored: 100, gamma: 0.25)
    #expect(abs(z - 15 / (100 * 0.25 * 0.75).squareRoot()) <= 1e-15)
  }
}
