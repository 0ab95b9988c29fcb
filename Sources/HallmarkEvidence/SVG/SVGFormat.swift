/// Number text for SVG and labels, written without locale or platform formatting so that
/// the same plot gives the same bytes on every machine.
public enum SVGFormat {
  /// `value` rounded to `decimals` places (0–9), without trailing zeros, `-0` written `0`;
  /// magnitudes of 1e15 and above fall back to the ECMAScript form.
  public static func fixed(_ value: Double, decimals: Int = 2) -> String {
    guard value.isFinite else { return "0" }
    let d = max(0, min(9, decimals))
    var scale: Double = 1
    for _ in 0..<d { scale *= 10 }
    guard value.magnitude * scale < 9e15 else { return ECMAScriptNumber.string(value) ?? "0" }
    let scaled = Int64((value * scale).rounded(.toNearestOrAwayFromZero))
    if scaled == 0 { return "0" }
    let negative = scaled < 0
    var digits = String(scaled.magnitude)
    if d > 0 {
      if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
      let split = digits.index(digits.endIndex, offsetBy: -d)
      var fraction = String(digits[split...])
      while fraction.hasSuffix("0") { fraction.removeLast() }
      digits = String(digits[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
    }
    return (negative ? "-" : "") + digits
  }

  /// A coordinate: two decimals, enough for screens and printers.
  static func c(_ value: Double) -> String { fixed(value, decimals: 2) }
}
