/// Probabilities said the way a reader without statistics training understands them:
/// "1 in 2,500" or "1 in 3.2 × 10^12", from log10 p so that values far below the smallest
/// double still read correctly.
public enum PlainWords {
  /// "1 in N" for p = 10^log10P, with N written in full below a million and as
  /// "m × 10^k" (m to two significant digits) above. p ≥ 0.5 reads "1 in 2" or "1 in 1".
  public static func oneIn(log10P: Double) -> String {
    oneIn(log10P: log10P, html: false)
  }

  /// As `oneIn(log10P:)`, with the exponent as HTML `<sup>`.
  public static func oneInHTML(log10P: Double) -> String {
    oneIn(log10P: log10P, html: true)
  }

  static func oneIn(log10P: Double, html: Bool) -> String {
    guard log10P.isFinite else { return log10P < 0 ? "less than 1 in 10^308" : "1 in 1" }
    let k = -min(0, log10P)  // N = 10^k
    if k < 6 {
      let n = Int(pow10(k).rounded())
      return "1 in \(grouped(max(1, n)))"
    }
    var exponent = Int(k.rounded(.down))
    var mantissa = pow10(k - Double(exponent))
    mantissa = (mantissa * 10).rounded() / 10
    if mantissa >= 10 {
      mantissa /= 10
      exponent += 1
    }
    let m = SVGFormat.fixed(mantissa, decimals: 1)
    let power = html ? "10<sup>\(exponent)</sup>" : "10^\(exponent)"
    return m == "1" ? "1 in \(power)" : "1 in \(m) × \(power)"
  }

  /// 10^t for 0 ≤ t < 7 with only + and × (deterministic on every platform).
  static func pow10(_ t: Double) -> Double {
    var whole = 1.0
    var t = t
    while t >= 1 {
      whole *= 10
      t -= 1
    }
    let x = t * 2.302585092994046  // ln 10
    var term = 1.0
    var sum = 1.0
    for k in 1..<40 {
      term *= x / Double(k)
      sum += term
    }
    return whole * sum
  }

  /// An integer with thin groups of three: 1,234,567.
  public static func grouped(_ n: Int) -> String {
    let digits = Array(String(n.magnitude))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(d)
    }
    return (n < 0 ? "-" : "") + out
  }
}
