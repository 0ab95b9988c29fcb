/// Elementary functions built from IEEE 754 basic operations only (+, −, ×, ÷, square root,
/// and exact exponent/significand manipulation), so that every platform produces
/// bit-identical results.
///
/// Platform math libraries (glibc, Apple's libm, musl) differ in the last bits of `log`, `exp`
/// and `lgamma`, and glibc even picks different code paths on CPUs with and without FMA.
/// Hallmark's p-values, scores and frozen vectors must be reproducible byte for byte
/// anywhere, so the statistics are computed with these functions instead. Each is accurate
/// to about one or two units in the last place (`logGamma`: see its comment); Swift never
/// contracts `a * b + c` into a fused multiply-add, so the operation sequence below fixes
/// every result.
public enum PortableMath {
  /// ln 2 split into a high part with 21 trailing zero bits (so `k * ln2Hi` is exact for
  /// |k| < 2^21) and a low part (fdlibm's constants).
  static let ln2Hi = Double(bitPattern: 0x3FE6_2E42_FEE0_0000)
  static let ln2Lo = Double(bitPattern: 0x3DEA_39EF_3579_3C76)
  /// 1 / ln 2, log10(e), ln(10), ln(sqrt(2π)) and ln(2π), each the nearest double.
  static let invLn2 = 1.4426950408889634
  /// log10(e): converts a natural logarithm to a base-10 one.
  public static let log10E = 0.4342944819032518
  /// ln(10): converts a base-10 logarithm to a natural one.
  public static let ln10 = 2.302585092994046
  /// ln(10) − `ln10`, the rounding error of `ln10`.
  static let ln10Low = -2.1707562233822494e-16
  static let lnSqrt2Pi = 0.9189385332046728
  static let ln2Pi = 1.8378770664093456
  static let sqrt2 = 1.4142135623730951

  /// The natural logarithm. `log(0) = −∞`, negative or NaN arguments give NaN.
  public static func log(_ x: Double) -> Double {
    if !(x > 0) || x == .infinity {
      if x == 0 { return -.infinity }
      return x == .infinity ? x : .nan
    }
    // x = 2^e · m with m in [1, 2), by the bits (subnormals scaled up by 2^54 first).
    var bits = x.bitPattern
    var e = -1023
    if bits < 0x0010_0000_0000_0000 {
      bits = (x * 0x1p54).bitPattern
      e -= 54
    }
    e += Int(bits >> 52)
    var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
    if m > sqrt2 {
      m *= 0.5
      e += 1
    }
    // log(m) = log(1 + f) = 2·atanh(s), s = f / (2 + f), |s| ≤ 0.1716: the Taylor series
    // 2s + s·R(s²) with R(z) = Σ_{j=1…11} 2/(2j + 1)·z^j (each coefficient is the correctly
    // rounded quotient, folded at compile time or not, the same double).
    let f = m - 1
    let s = f / (2 + f)
    let z = s * s
    var r = 2.0 / 23
    r = 2.0 / 21 + z * r
    r = 2.0 / 19 + z * r
    r = 2.0 / 17 + z * r
    r = 2.0 / 15 + z * r
    r = 2.0 / 13 + z * r
    r = 2.0 / 11 + z * r
    r = 2.0 / 9 + z * r
    r = 2.0 / 7 + z * r
    r = 2.0 / 5 + z * r
    r = 2.0 / 3 + z * r
    r *= z
    let hfsq = 0.5 * f * f
    let de = Double(e)
    return de * ln2Hi - ((hfsq - (s * (hfsq + r) + de * ln2Lo)) - f)
  }

  /// ln(1 + x), accurate also for tiny x.
  public static func log1p(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x == .infinity { return x }
    let u = 1 + x
    if u == 1 { return x }
    // Goldberg's correction: the rounding error of 1 + x is undone by x / (u − 1).
    return log(u) * (x / (u - 1))
  }

  /// Σ_{j=2…13} r^(j−2)/j!, the Taylor series of (e^r − 1 − r)/r², |r| ≤ ln(2)/2; the
  /// coefficients are the doubles nearest 1/j!.
  @inline(__always)
  private static func expTail(_ r: Double) -> Double {
    var p = 1.6059043836821613e-10  // 1/13!
    p = 2.08767569878681e-09 + r * p  // 1/12!
    p = 2.505210838544172e-08 + r * p  // 1/11!
    p = 2.755731922398589e-07 + r * p  // 1/10!
    p = 2.7557319223985893e-06 + r * p  // 1/9!
    p = 2.48015873015873e-05 + r * p  // 1/8!
    p = 0.0001984126984126984 + r * p  // 1/7!
    p = 0.001388888888888889 + r * p  // 1/6!
    p = 0.008333333333333333 + r * p  // 1/5!
    p = 0.041666666666666664 + r * p  // 1/4!
    p = 0.16666666666666666 + r * p  // 1/3!
    return 0.5 + r * p  // 1/2!
  }

  /// e^r for |r| ≤ ln(2)/2 given as hi − lo, as 1 + (r + r²·P(r)).
  private static func expReduced(hi: Double, lo: Double) -> Double {
    let r = hi - lo
    return 1 + (hi - (lo - r * r * expTail(r)))
  }

  /// y · 2^k for y in [0.5, 2), with a single rounding also for subnormal results.
  private static func scale(_ y: Double, by k: Int) -> Double {
    if k > 1023 { return y * 0x1p1023 * Double(sign: .plus, exponent: k - 1023, significand: 1) }
    if k < -1022 {
      return y * Double(sign: .plus, exponent: k + 600, significand: 1) * 0x1p-600
    }
    return y * Double(sign: .plus, exponent: k, significand: 1)
  }

  /// The exponential function e^x.
  public static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709.782712893384 { return .infinity }
    if x < -745.2 { return 0 }
    let k = (x * invLn2).rounded(.toNearestOrEven)
    let hi = x - k * ln2Hi
    let lo = k * ln2Lo
    return scale(expReduced(hi: hi, lo: lo), by: Int(k))
  }

  /// e^x − 1, accurate also for tiny x.
  public static func expm1(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x < -40 { return -1 }
    if abs(x) < 0.34657359027997264 { return x + x * x * expTail(x) }
    return exp(x) - 1
  }

  /// ln Γ(x) for x > 0 (NaN otherwise; +∞ at 0).
  ///
  /// For x ≥ 15 Stirling's series `(x − ½)·ln x − x + ln √(2π) + stirlingCorrection(x)`;
  /// below, the recurrence Γ(x) = Γ(x + m) / (x (x + 1) ⋯ (x + m − 1)). The absolute error
  /// is below 2e-14 for x < 15 and a few units in the last place above.
  public static func logGamma(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return .infinity }
    if x == .infinity { return x }
    if x >= 15 {
      return (x - 0.5) * log(x) - x + lnSqrt2Pi + stirlingSeries(x)
    }
    var product = 1.0
    var y = x
    while y < 15 {
      product *= y
      y += 1
    }
    return logGamma(y) - log(product)
  }

  /// The asymptotic Stirling series 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) +
  /// 1/(1188x⁹) − 691/(360360x¹¹), truncated by size; error below 3e-16·x⁻¹ for x ≥ 15.
  static func stirlingSeries(_ x: Double) -> Double {
    let s0 = 1.0 / 12
    let s1 = 1.0 / 360
    let s2 = 1.0 / 1260
    let s3 = 1.0 / 1680
    let s4 = 1.0 / 1188
    let s5 = 691.0 / 360_360
    let xx = x * x
    if x > 500 { return (s0 - s1 / xx) / x }
    if x > 80 { return (s0 - (s1 - s2 / xx) / xx) / x }
    if x > 35 { return (s0 - (s1 - (s2 - s3 / xx) / xx) / xx) / x }
    return (s0 - (s1 - (s2 - (s3 - (s4 - s5 / xx) / xx) / xx) / xx) / xx) / x
  }
}

extension PortableMath {
  /// ln(1 − e^l) for l ≤ 0: the log of a complement, accurate at both ends (Mächler 2012:
  /// `log(−expm1(l))` for l > −ln 2, `log1p(−exp(l))` below).
  public static func logOneMinusExp(_ l: Double) -> Double {
    if l > -0.6931471805599453 { return log(-expm1(l)) }
    return log1p(-exp(l))
  }

  /// ln(1 + e^l), accurate for all l.
  public static func logOnePlusExp(_ l: Double) -> Double {
    if l > 37 { return l + exp(-l) }
    return log1p(exp(l))
  }
}
