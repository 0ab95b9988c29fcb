import Foundation
import Testing

@testable import Hallmark

/// PortableMath against the platform's libm (which may differ from it in the last bit;
/// that is the point of PortableMath), within stated ulp bounds.
@Suite struct PortableMathTests {
  /// A fixed 64-bit LCG, so the inputs are the same on every run.
  struct Inputs: Sequence, IteratorProtocol {
    var state: UInt64
    var remaining: Int
    mutating func next() -> Double? {
      guard remaining > 0 else { return nil }
      remaining -= 1
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / 9_007_199_254_740_992
    }
  }

  func ulps(_ a: Double, _ b: Double) -> Double { a == b ? 0 : abs(a - b) / b.ulp }

  @Test func logAndExpWithinOneUlp() {
    var worstLog = 0.0
    var worstExp = 0.0
    for u in Inputs(state: 1, remaining: 200_000) {
      let x = Foundation.exp((u - 0.5) * 1400)
      worstLog = max(worstLog, ulps(PortableMath.log(x), Foundation.log(x)))
      let y = (u - 0.5) * 1480
      worstExp = max(worstExp, ulps(PortableMath.exp(y), Foundation.exp(y)))
    }
    #expect(worstLog <= 1)
    #expect(worstExp <= 1)
  }

  @Test func log1pAndExpm1WithinThreeUlps() {
    var worst = 0.0
    for u in Inputs(state: 2, remaining: 200_000) {
      let x = (u - 0.5) * 2 * Foundation.exp(-30 * u)
      worst = max(worst, ulps(PortableMath.log1p(x), Foundation.log1p(x)))
      worst = max(worst, ulps(PortableMath.expm1(x), Foundation.expm1(x)))
    }
    #expect(worst <= 3)
  }

  @Test func logGammaAccuracy() {
    for u in Inputs(state: 3, remaining: 100_000) {
      let x = Foundation.exp((u - 0.3) * 40)
      let reference: Double = Foundation.lgamma(x)
      let error = abs(PortableMath.logGamma(x) - reference)
      if x < 15 {
        #expect(error <= 2e-14, "x=\(x)")
      } else {
        #expect(error <= 1e-15 * abs(reference), "x=\(x)")
      }
    }
  }

  @Test func specialValues() {
    #expect(PortableMath.log(0) == -.infinity)
    #expect(PortableMath.log(-1).isNaN)
    #expect(PortableMath.log(1) == 0)
    #expect(PortableMath.log(.infinity) == .infinity)
    #expect(
      PortableMath.log(.leastNonzeroMagnitude) == Foundation.log(Double.leastNonzeroMagnitude))
    #expect(PortableMath.exp(0) == 1)
    #expect(PortableMath.exp(-800) == 0)
    #expect(PortableMath.exp(710) == .infinity)
    #expect(PortableMath.exp(-745.1) == Double.leastNonzeroMagnitude)
    #expect(PortableMath.log1p(-1) == -.infinity)
    #expect(PortableMath.log1p(1e-300) == 1e-300)
    #expect(PortableMath.expm1(-50) == -1)
    #expect(abs(PortableMath.logGamma(1)) <= 1e-14)
    #expect(abs(PortableMath.logGamma(2)) <= 1e-14)
    #expect(PortableMath.logOneMinusExp(0) == -.infinity)
    #expect(PortableMath.logOneMinusExp(-.infinity) == 0)
  }
}
