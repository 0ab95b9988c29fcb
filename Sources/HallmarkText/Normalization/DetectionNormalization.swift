import Foundation

/// Text normalization applied before re-tokenizing a suspect text at detection time, to undo
/// cheap evasions (Kirchenbauer et al., "On the Reliability of Watermarks for Large Language
/// Models", 2023). Off by default; when on, its ``name`` is recorded with the results, because
/// it changes which tokens are scored.
///
/// Steps, in this order (each optional):
/// - `nfc`: Unicode canonical composition (NFC).
/// - `homoglyphs`: compatibility composition (NFKC: full-width and mathematical letters,
///   ligatures), removal of invisible format characters (zero-width space/joiners, BOM, soft
///   hyphen, word joiner, bidi controls), then the cross-script look-alike table
///   ``homoglyphTable`` (Cyrillic and Greek letters that render like Latin ones).
/// - `whitespace`: every maximal run of `White_Space` characters becomes one `"\n"` when it
///   contains a line break (U+000A, U+000D, U+0085, U+2028, U+2029), else one `" "`.
public struct DetectionNormalization: Sendable, Hashable, CustomStringConvertible {
  public var nfc: Bool
  public var homoglyphs: Bool
  public var whitespace: Bool

  public init(nfc: Bool = false, homoglyphs: Bool = false, whitespace: Bool = false) {
    self.nfc = nfc
    self.homoglyphs = homoglyphs
    self.whitespace = whitespace
  }

  /// No normalization (the default).
  public static let none = DetectionNormalization()
  /// All steps.
  public static let all = DetectionNormalization(nfc: true, homoglyphs: true, whitespace: true)

  /// The name to record: `none`, or the enabled steps joined by `+` with the table version,
  /// e.g. `nfc+homoglyphs-v1+whitespace`.
  public var name: String {
    var parts: [String] = []
    if nfc { parts.append("nfc") }
    if homoglyphs { parts.append("homoglyphs-v1") }
    if whitespace { parts.append("whitespace") }
    return parts.isEmpty ? "none" : parts.joined(separator: "+")
  }

  public var description: String { name }

  /// Parses a recorded name (or a comma/plus-separated list of `nfc`, `homoglyphs`,
  /// `whitespace`, `all`, `none`).
  public init?(name: String) {
    self.init()
    for part in name.split(whereSeparator: { $0 == "+" || $0 == "," }) {
      switch part {
      case "none": break
      case "all": self = .all
      case "nfc": nfc = true
      case "homoglyphs", "homoglyphs-v1": homoglyphs = true
      case "whitespace": whitespace = true
      default: return nil
      }
    }
  }

  /// Cross-script look-alikes folded to Latin (version 1).
  public static let homoglyphTable: [Unicode.Scalar: Unicode.Scalar] = {
    let pairs: [(UInt32, Character)] = [
      // Cyrillic lower case
      (0x0430, "a"), (0x0432, "b"), (0x0435, "e"), (0x0456, "i"), (0x0458, "j"), (0x043E, "o"),
      (0x0440, "p"), (0x0441, "c"), (0x0443, "y"), (0x0445, "x"), (0x0455, "s"), (0x04BB, "h"),
      (0x0501, "d"), (0x051B, "q"), (0x051D, "w"), (0x0475, "v"), (0x04CF, "l"),
      // Cyrillic upper case
      (0x0410, "A"), (0x0412, "B"), (0x0415, "E"), (0x041A, "K"), (0x041C, "M"), (0x041D, "H"),
      (0x041E, "O"), (0x0420, "P"), (0x0421, "C"), (0x0422, "T"), (0x0425, "X"), (0x0406, "I"),
      (0x0408, "J"), (0x0405, "S"), (0x04AE, "Y"), (0x0474, "V"), (0x051C, "W"),
      // Greek
      (0x03BF, "o"), (0x03B1, "a"), (0x03B9, "i"), (0x03BD, "v"), (0x03C1, "p"), (0x03C5, "u"),
      (0x0391, "A"), (0x0392, "B"), (0x0395, "E"), (0x0396, "Z"), (0x0397, "H"), (0x0399, "I"),
      (0x039A, "K"), (0x039C, "M"), (0x039D, "N"), (0x039F, "O"), (0x03A1, "P"), (0x03A4, "T"),
      (0x03A5, "Y"), (0x03A7, "X"),
      // Latin look-alikes and punctuation
      (0x0131, "i"), (0x0261, "g"), (0x01C0, "l"), (0x2010, "-"), (0x2011, "-"), (0x2012, "-"),
      (0x2013, "-"), (0x2212, "-"), (0x2018, "'"), (0x2019, "'"), (0x201A, ","), (0x201C, "\""),
      (0x201D, "\""), (0x2024, "."), (0x2044, "/"), (0x2215, "/"), (0x00B4, "'"), (0x02BC, "'"),
    ]
    var t: [Unicode.Scalar: Unicode.Scalar] = [:]
    for (k, v) in pairs { t[Unicode.Scalar(k)!] = v.unicodeScalars.first! }
    return t
  }()

  private static let invisible: Set<UInt32> = [
    0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200C, 0x200D,
    0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063,
    0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF,
  ]

  /// Applies the enabled steps.
  public func apply(_ text: String) -> String {
    var s = text
    if nfc { s = s.precomposedStringWithCanonicalMapping }
    if homoglyphs {
      s = s.precomposedStringWithCompatibilityMapping
      var out = String.UnicodeScalarView()
      for c in s.unicodeScalars where !Self.invisible.contains(c.value) {
        out.append(Self.homoglyphTable[c] ?? c)
      }
      s = String(out)
    }
    if whitespace {
      var out = String.UnicodeScalarView()
      var run = false
      var lineBreak = false
      func flush() {
        if run { out.append(lineBreak ? "\n" : " ") }
        run = false
        lineBreak = false
      }
      for c in s.unicodeScalars {
        if c.properties.isWhitespace {
          run = true
          if [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains(c.value) { lineBreak = true }
        } else {
          flush()
          out.append(c)
        }
      }
      flush()
      s = String(out)
    }
    return s
  }
}
