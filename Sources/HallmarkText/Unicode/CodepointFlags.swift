/// Per-code-point classification used by the pre-tokenizers: a coarse general category
/// (`\p{N}`, `\p{L}`, `\p{P}`, `\p{M}`, `\p{S}`, `\p{Z}`, other) and the `White_Space` property.
///
/// Tables are built once from Swift's `Unicode.Scalar.Properties`, limited to the characters
/// assigned in the Unicode version the reference implementation uses: 15.1 for llama.cpp
/// (`unicode-data.cpp`; the test suite compares the two tables code point by code point) and
/// 16.0 for Hugging Face `tokenizers` (its bundled Oniguruma). Characters assigned later count
/// as unassigned.
enum CodepointFlags {
  /// Category codes stored in the low three bits.
  static let number: UInt8 = 1
  static let letter: UInt8 = 2
  static let punctuation: UInt8 = 3
  static let mark: UInt8 = 4
  static let symbol: UInt8 = 5
  static let separator: UInt8 = 6
  static let other: UInt8 = 7
  /// Bit set when the code point has the Unicode `White_Space` property.
  static let whitespace: UInt8 = 8
  static let categoryMask: UInt8 = 7

  /// One byte per code point 0...0x10FFFF, Unicode 15.1 (llama.cpp).
  nonisolated(unsafe) static let table: UnsafeMutablePointer<UInt8> = build(major: 15, minor: 1)
  /// One byte per code point 0...0x10FFFF, Unicode 16.0 (Hugging Face `tokenizers`).
  nonisolated(unsafe) static let table16: UnsafeMutablePointer<UInt8> = build(major: 16, minor: 0)

  /// The table for a Unicode version.
  static func table(_ version: UnicodeVersion) -> UnsafeMutablePointer<UInt8> {
    version == .unicode151 ? table : table16
  }

  private static func build(major: Int, minor: Int) -> UnsafeMutablePointer<UInt8> {
    let count = 0x110000
    let t = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
    t.initialize(repeating: other, count: count)
    for v in 0..<count {
      guard let s = Unicode.Scalar(UInt32(v)) else { continue }
      let p = s.properties
      guard let age = p.age, age.major < major || (age.major == major && age.minor <= minor)
      else {
        continue
      }
      var f: UInt8
      switch p.generalCategory {
      case .decimalNumber, .letterNumber, .otherNumber: f = number
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
        f = letter
      case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation:
        f = punctuation
      case .nonspacingMark, .spacingMark, .enclosingMark: f = mark
      case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: f = symbol
      case .spaceSeparator, .lineSeparator, .paragraphSeparator: f = separator
      default: f = other
      }
      if p.isWhitespace { f |= whitespace }
      t[v] = f
    }
    return t
  }

  @inline(__always) static func of(_ cp: UInt32, _ t: UnsafeMutablePointer<UInt8>) -> UInt8 {
    cp < 0x110000 ? t[Int(cp)] : other
  }
}

/// The Unicode version whose character categories a tokenizer follows.
enum UnicodeVersion: Sendable {
  /// llama.cpp's `unicode-data.cpp`.
  case unicode151
  /// Hugging Face `tokenizers` (Oniguruma).
  case unicode160
}
