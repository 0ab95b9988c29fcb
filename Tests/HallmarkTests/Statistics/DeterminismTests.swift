import Testing

@testable import Hallmark

/// Frozen bit patterns: the statistics use only IEEE 754 basic operations (PortableMath), so
/// these must come out identical on every platform, compiler setting and run. A change
/// here changes published p-values: it needs a new Spec version.
@Suite struct DeterminismTests {
  @Test func tailsAreBitIdentical() {
    let cases: [(String, PValue, UInt64)] = [
      (
        "binomial 600/1000 p=0.5",
        Statistics.binomialUpperTail(atLeast: 600, trials: 1000, probability: 0.5),
        0xC023_BAEF_ED25_DA20
      ),
      (
        "binomial 500020000/1e9 p=0.5",
        Statistics.binomialUpperTail(atLeast: 500_020_000, trials: 1_000_000_000, probability: 0.5),
        0xBFEF_9850_45D6_34FC
      ),
      (
        "binomial 140/200 p=0.25",
        Statistics.binomialUpperTail(atLeast: 140, trials: 200, probability: 0.25),
        0xC043_EF7B_B01A_4E72
      ),
      (
        "gamma x=1500 a=1000", Statistics.gammaUpperTail(atLeast: 1500, shape: 1000),
        0xC045_540D_21EA_1BB7
      ),
      (
        "gamma x=20000 a=1000", Statistics.gammaUpperTail(atLeast: 20000, shape: 1000),
        0xC0BB_29BE_3975_F912
      ),
      ("normal z=4.5", Statistics.normalUpperTail(z: 4.5), 0xC015_E011_EE95_76A2),
      (
        "chi-square 31.4 with 12",
        Statistics.chiSquareUpperTail(statistic: 31.4, degreesOfFreedom: 12),
        0xC006_2224_1639_FEF4
      ),
      (
        "fisher", Statistics.fisherCombination([PValue(0.03), PValue(log10: -400), PValue(0.5)]),
        0xC078_C310_5F31_B202
      ),
      // One case per method: near-mean sums (both sides), continued fractions (both sides),
      // the gamma series.
      (
        "binomial 499990000/1e9 p=0.5 (lower sum)",
        Statistics.binomialUpperTail(atLeast: 499_990_000, trials: 1_000_000_000, probability: 0.5),
        0xBFC1_0125_6413_609E
      ),
      (
        "binomial 190/200 p=0.25 (continued fraction)",
        Statistics.binomialUpperTail(atLeast: 190, trials: 200, probability: 0.25),
        0xC058_D20A_F1D1_2CDD
      ),
      (
        "binomial 2/1000 p=0.5 (complement of a continued fraction)",
        Statistics.binomialUpperTail(atLeast: 2, trials: 1000, probability: 0.5),
        0x81FB_2BA9_116D_4832
      ),
      (
        "gamma x=900 a=1000 (series)", Statistics.gammaUpperTail(atLeast: 900, shape: 1000),
        0xBF2F_4FA8_4E66_E63B
      ),
    ]
    for (name, p, bits) in cases {
      #expect(
        p.log10.bitPattern == bits,
        "\(name): 0x\(String(p.log10.bitPattern, radix: 16, uppercase: true))")
    }
  }

  @Test func clopperPearsonIsBitIdentical() {
    let interval = Statistics.clopperPearson(successes: 7, trials: 1000, confidence: 0.99)
    #expect(interval.lowerBound.bitPattern == 0x3F60_B919_1202_DB82)
    #expect(interval.upperBound.bitPattern == 0x3F91_74C0_3AEA_56C9)
  }
}
