/// A p-value held as its base-10 logarithm, so that it stays exact far below the smallest
/// `Double` (a detector routinely reaches 10⁻⁴⁰⁰ or 10⁻⁵⁰⁰⁰ on long watermarked text).
///
/// `log10` is always ≤ 0 and never NaN; it is −∞ only for an event that is impossible under
/// the null (`PValue.impossible`). `value` is the p-value itself, 0 where it underflows.
/// In JSON a `PValue` is `{"log10_p": number, "p_value": number}`; an impossible event is
/// written `"log10_p": "-Infinity"` (a string, since JSON has no infinities), with
/// `"p_value": 0`. Decoding reads `log10_p` only.
public struct PValue: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// log₁₀ of the p-value: 0 for p = 1, −∞ only for an impossible event.
  public let log10: Double

  /// p = 1: no evidence against the null.
  public static let one = PValue(log10: 0)
  /// p = 0 exactly (`log10 = −∞`): the observation cannot happen under the null.
  public static let impossible = PValue(log10: -.infinity)

  /// A p-value from its base-10 logarithm. Values above 0 (rounding noise of a computed
  /// log) are clamped to 0; NaN stops the program.
  public init(log10: Double) {
    Statistics.require(!log10.isNaN, "PValue", "log10 is NaN")
    self.log10 = log10 < 0 ? log10 : 0
  }

  /// A p-value from its natural logarithm (clamped to ≤ 0 like `init(log10:)`).
  public init(naturalLog: Double) {
    Statistics.require(!naturalLog.isNaN, "PValue", "natural log is NaN")
    self.init(log10: naturalLog * PortableMath.log10E)
  }

  /// A p-value from its value in [0, 1].
  public init(_ value: Double) {
    Statistics.require(value >= 0 && value <= 1, "PValue", "p = \(value) is not in [0, 1]")
    self.init(naturalLog: PortableMath.log(value))
  }

  /// ln p.
  public var naturalLog: Double { log10 * PortableMath.ln10 }

  /// The p-value itself; 0 where it underflows a `Double` (below about 10⁻³²⁴).
  ///
  /// 10^log10 as e^(hi + lo) with hi + lo = log10 · ln 10 to about 2⁻¹⁰⁴, so the only
  /// roundings are those of `exp` and one product (within 2 ulp; a single-product
  /// e^(log10 · ln 10) would be off by up to 700 · 2⁻⁵³).
  public var value: Double {
    if log10 == -.infinity { return 0 }
    let (hi, lo) = ExactArithmetic.twoProduct(log10, PortableMath.ln10)
    let tail = lo + log10 * PortableMath.ln10Low
    let e = PortableMath.exp(hi)
    return e + e * tail
  }

  /// Smaller p-values (stronger evidence) sort first.
  public static func < (lhs: PValue, rhs: PValue) -> Bool { lhs.log10 < rhs.log10 }

  /// Three significant digits in scientific notation, also beyond the `Double` range:
  /// `"3.16e-400"`, `"1.00e0"`, `"0"` for an impossible event.
  public var description: String {
    if log10 == -.infinity { return "0" }
    var exponent = log10.rounded(.down)
    var hundredths = (PortableMath.exp((log10 - exponent) * PortableMath.ln10) * 100).rounded()
    if hundredths >= 1000 {
      hundredths = 100
      exponent += 1
    }
    let digits = Int(hundredths)
    let fraction = digits % 100
    return "\(digits / 100).\(fraction < 10 ? "0" : "")\(fraction)e\(Int(exponent))"
  }

  private enum CodingKeys: String, CodingKey {
    case log10 = "log10_p"
    case value = "p_value"
  }

  /// The JSON spelling of log10 = −∞.
  static let negativeInfinityString = "-Infinity"

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let log10: Double
    if let text = try? container.decode(String.self, forKey: .log10) {
      guard text == Self.negativeInfinityString else {
        throw DecodingError.dataCorruptedError(
          forKey: .log10, in: container,
          debugDescription: "log10_p: expected a number or \"-Infinity\", got \"\(text)\"")
      }
      log10 = -.infinity
    } else {
      log10 = try container.decode(Double.self, forKey: .log10)
    }
    guard log10 <= 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .log10, in: container, debugDescription: "log10_p = \(log10) must be ≤ 0")
    }
    self.init(log10: log10)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    if log10 == -.infinity {
      try container.encode(Self.negativeInfinityString, forKey: .log10)
    } else {
      try container.encode(log10, forKey: .log10)
    }
    try container.encode(value, forKey: .value)
  }
}
