import Testing

@testable import Hallmark

@Suite struct BinomialTailTests {
  @Test func matchesEveryFixturePoint() throws {
    let points = try StatisticsFixture.shared().binomial
    var summary = ErrorSummary()
    for point in points {
      let actual = Statistics.binomialUpperTail(
        atLeast: point.k, trials: point.n, probability: point.p
      ).log10
      let error = Log10Error(actual, reference: point.log10P)
      summary.add(error, "k=\(point.k) n=\(point.n) p=\(point.p)")
      #expect(
        error.isWithinTolerance,
        "k=\(point.k) n=\(point.n) p=\(point.p): \(actual) vs \(point.log10P) (\(point.source))")
    }
    print("binomialUpperTail over \(points.count) points: \(summary.line)")
  }
}

@Suite struct BinomialTailPropertyTests {
  let log10Of2 = PortableMath.log(2) * PortableMath.log10E

  @Test func edgeCases() {
    #expect(Statistics.binomialUpperTail(atLeast: 0, trials: 10, probability: 0.3) == .one)
    #expect(Statistics.binomialUpperTail(atLeast: -5, trials: 10, probability: 0.3) == .one)
    #expect(Statistics.binomialUpperTail(atLeast: 11, trials: 10, probability: 0.3) == .impossible)
    #expect(Statistics.binomialUpperTail(atLeast: 1, trials: 0, probability: 0.3) == .impossible)
    #expect(Statistics.binomialUpperTail(atLeast: 0, trials: 0, probability: 0.3) == .one)
    #expect(Statistics.binomialUpperTail(atLeast: 1, trials: 10, probability: 0) == .impossible)
    #expect(Statistics.binomialUpperTail(atLeast: 10, trials: 10, probability: 1) == .one)
    #expect(Statistics.binomialLowerTail(atMost: -1, trials: 10, probability: 0.3) == .impossible)
    #expect(Statistics.binomialLowerTail(atMost: 10, trials: 10, probability: 0.3) == .one)
    #expect(Statistics.binomialLowerTail(atMost: .max, trials: 10, probability: 0.3) == .one)
  }

  @Test func closedForms() {
    // P(X ≥ n) = pⁿ, P(X ≥ 1) = 1 − qⁿ.
    for n in [1, 10, 1000, 1_000_000_000] {
      let all = Statistics.binomialUpperTail(atLeast: n, trials: n, probability: 0.5).log10
      #expect(abs(all + Double(n) * log10Of2) <= 1e-15 * Double(n) * log10Of2, "n=\(n)")
    }
    let one = Statistics.binomialUpperTail(atLeast: 1, trials: 10, probability: 0.5).value
    #expect(abs(one - (1 - 1.0 / 1024)) <= 1e-16)
    // n = 10⁹, p = ½, k = n: log10 p ≈ −3.0e8, far below any Double p-value.
    #expect(
      Statistics.binomialUpperTail(atLeast: 1_000_000_000, trials: 1_000_000_000, probability: 0.5)
        .log10 < -301_029_995)
  }

  @Test func isMonotoneInK() {
    for (n, p) in [(200, 0.5), (200, 0.01), (57, 0.9)] {
      var previous = PValue.one
      for k in 0...(n + 1) {
        let tail = Statistics.binomialUpperTail(atLeast: k, trials: n, probability: p)
        #expect(tail <= previous, "n=\(n) p=\(p) k=\(k)")
        previous = tail
      }
    }
  }

  /// Steps through both edges of the summation band (|k − np| = 20σ) and through the
  /// continued fraction's switch at n = 10⁹, where a method change could show as a jump.
  @Test func isMonotoneAcrossMethodBoundaries() {
    for p in [0.5, 0.01, 0.9] {
      let n = 1_000_000_000
      let mean = Double(n) * p
      let sd = (mean * (1 - p)).squareRoot()
      for edge in [mean - 20 * sd, mean + 20 * sd] {
        var previous = PValue.one
        for k in Int(edge) - 50...Int(edge) + 50 {
          let tail = Statistics.binomialUpperTail(atLeast: k, trials: n, probability: p)
          #expect(tail <= previous, "p=\(p) k=\(k)")
          previous = tail
        }
      }
    }
  }

  @Test func isMonotoneInP() {
    var previous = PValue.impossible
    for i in 1..<100 {
      let tail = Statistics.binomialUpperTail(
        atLeast: 30, trials: 100, probability: Double(i) / 100)
      #expect(tail >= previous, "p=\(Double(i) / 100)")
      previous = tail
    }
  }

  @Test func tailsSumToOneInTheBody() {
    for (n, p) in [(30, 0.5), (1000, 0.25), (100_000, 0.1), (1_000_000_000, 0.5)] {
      let mean = Double(n) * p
      let sd = (mean * (1 - p)).squareRoot()
      for c in [-3.0, -1, 0, 0.5, 2, 4] {
        let k = Int((mean + c * sd).rounded())
        let upper = Statistics.binomialUpperTail(atLeast: k, trials: n, probability: p).value
        let lower = Statistics.binomialLowerTail(atMost: k - 1, trials: n, probability: p).value
        #expect(abs(upper + lower - 1) <= 1e-14, "n=\(n) p=\(p) k=\(k)")
      }
    }
  }
}
