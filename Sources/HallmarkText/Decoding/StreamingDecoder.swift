/// Decodes ids one at a time during generation and releases text only when its bytes form
/// complete UTF-8 (a multi-byte character may span several byte tokens).
public struct StreamingDecoder: Sendable {
  private let tokenizer: any Tokenizer
  private let skipSpecialTokens: Bool
  private var pending: [UInt8] = []

  public init(tokenizer: any Tokenizer, skipSpecialTokens: Bool = false) {
    self.tokenizer = tokenizer
    self.skipSpecialTokens = skipSpecialTokens
  }

  /// Adds one token and returns the text that became complete (possibly empty).
  public mutating func push(_ id: Int32) -> String {
    if skipSpecialTokens && !tokenizer.attributes(of: id).isDisjoint(with: [.control, .unknown]) {
      return ""
    }
    pending.append(contentsOf: tokenizer.tokenBytes(id))
    let n = StreamingDecoder.completePrefixLength(pending)
    if n == 0 { return "" }
    let s = String(decoding: pending[..<n], as: UTF8.self)
    pending.removeFirst(n)
    return s
  }

  /// Returns whatever is left (an incomplete sequence becomes U+FFFD) and resets.
  public mutating func finish() -> String {
    defer { pending.removeAll() }
    return String(decoding: pending, as: UTF8.self)
  }

  /// Length of the longest prefix that does not end inside a possibly-incomplete UTF-8
  /// sequence. Invalid bytes are released (they decode as U+FFFD).
  static func completePrefixLength(_ b: [UInt8]) -> Int {
    let n = b.count
    var i = n - 1
    var back = 0
    while i >= 0 && back < 3 && b[i] & 0xC0 == 0x80 {
      i -= 1
      back += 1
    }
    if i < 0 { return back >= 3 ? n : 0 }
    let lead = b[i]
    let need: Int
    if lead & 0x80 == 0 {
      need = 1
    } else if lead & 0xE0 == 0xC0 {
      need = 2
    } else if lead & 0xF0 == 0xE0 {
      need = 3
    } else if lead & 0xF8 == 0xF0 {
      need = 4
    } else {
      need = 1
    }
    return n - i < need ? i : n
  }
}
