/// Escaping for text placed in HTML (and SVG, which is XML): every report string from
/// inputs — document text, file names, command lines — passes through here, so a document
/// containing markup cannot alter the page.
public enum HTMLEscape {
  /// Escapes `&`, `<`, `>` for element content.
  public static func text(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.unicodeScalars.append(control(c))
      }
    }
    return out
  }

  /// Escapes `&`, `<`, `>`, `"` and `'` for attribute values (always quote attributes).
  public static func attribute(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(control(c))
      }
    }
    return out
  }

  /// C0 controls other than tab, newline and carriage return are not allowed in XML 1.0:
  /// they become U+FFFD so SVG stays well-formed whatever the document text holds.
  static func control(_ c: Unicode.Scalar) -> Unicode.Scalar {
    if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { return "\u{FFFD}" }
    if c.value == 0xFFFE || c.value == 0xFFFF { return "\u{FFFD}" }
    return c
  }
}
