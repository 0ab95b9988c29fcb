import Foundation

/// Unicode helpers that need Foundation (kept in one place).
enum TextNormalization {
  /// Canonical composition (NFC).
  static func nfc(_ s: String) -> String { s.precomposedStringWithCanonicalMapping }
}
