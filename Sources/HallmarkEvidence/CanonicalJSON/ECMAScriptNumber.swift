/// Writes a double as ECMAScript's `Number.prototype.toString()` does (ECMA-262, section
/// "Number::toString"), which is the number form RFC 8785 section 3.2.2.3 prescribes.
///
/// The digits are the shortest that read back to the same double, and of those the closest to
/// it; Swift's own `description` computes exactly these (SwiftDtoa), so this type only reads
/// the digits and the decimal exponent out of it and lays them out by the ECMAScript rules.
public enum ECMAScriptNumber {
  /// The ECMAScript text of `value`, or nil for NaN and the infinities (no JSON form).
  /// Negative zero is written `0`, as ECMAScript does.
  public static func string(_ value: Double) -> String? {
    guard value.isFinite else { return nil }
    if value == 0 { return "0" }
    let (digits, n) = shortestDigits(value.magnitude)
    var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
    let k = digits.count
    let zero = UInt8(ascii: "0")
    if k <= n && n <= 21 {
      // Integer: the digits followed by n - k zeros.
      out += digits
      out += [UInt8](repeating: zero, count: n - k)
    } else if 0 < n && n <= 21 {
      // Decimal point inside the digits.
      out += digits[0..<n]
      out.append(UInt8(ascii: "."))
      out += digits[n...]
    } else if -6 < n && n <= 0 {
      // Small: "0." then -n zeros then the digits.
      out += [zero, UInt8(ascii: ".")]
      out += [UInt8](repeating: zero, count: -n)
      out += digits
    } else {
      // Exponential: d[.ddd]e±x with x = n - 1.
      out.append(digits[0])
      if k > 1 {
        out.append(UInt8(ascii: "."))
        out += digits[1...]
      }
      let exponent = n - 1
      out.append(UInt8(ascii: "e"))
      out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
      out += Array(String(exponent.magnitude).utf8)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The shortest round-trip decimal digits `s` (no leading or trailing zeros) of a positive
  /// finite double and the exponent `n` with value = 0.s × 10^n, read from Swift's
  /// shortest-digits `description` (forms like `123.45`, `1e-07`, `1.7976931348623157e+308`).
  static func shortestDigits(_ value: Double) -> (digits: [UInt8], n: Int) {
    let text = Array(value.description.utf8)
    var mantissa = text[...]
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
      mantissa = text[..<e]
      var rest = text[(e + 1)...]
      var negative = false
      if let first = rest.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
        negative = first == UInt8(ascii: "-")
        rest = rest.dropFirst()
      }
      for c in rest { exponent = exponent * 10 + Int(c - UInt8(ascii: "0")) }
      if negative { exponent = -exponent }
    }
    var digits: [UInt8] = []
    digits.reserveCapacity(20)
    var pointPosition: Int? = nil
    for c in mantissa {
      if c == UInt8(ascii: ".") {
        pointPosition = digits.count
      } else {
        digits.append(c)
      }
    }
    // value = 0.digits × 10^n before trimming.
    var n = (pointPosition ?? digits.count) + exponent
    var leading = 0
    while leading < digits.count - 1 && digits[leading] == UInt8(ascii: "0") { leading += 1 }
    n -= leading
    var end = digits.count
    while end > leading + 1 && digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
    return (Array(digits[leading..<end]), n)
  }
}
