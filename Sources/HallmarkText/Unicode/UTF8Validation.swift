/// Strict UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF),
/// used to report invalid input with its byte offset rather than silently replacing it.
public enum UTF8Validation {
  /// Byte offset of the first byte that does not start a valid sequence, or nil when `bytes` is
  /// valid UTF-8.
  public static func firstInvalidOffset(_ bytes: some Collection<UInt8>) -> Int? {
    let b = Array(bytes)
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      var need = 0
      var lo: UInt8 = 0x80
      var hi: UInt8 = 0xBF
      switch c {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        lo = 0xA0
      case 0xE1...0xEC, 0xEE, 0xEF: need = 2
      case 0xED:
        need = 2
        hi = 0x9F
      case 0xF0:
        need = 3
        lo = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        hi = 0x8F
      default: return i
      }
      if i + need >= n { return i }
      if b[i + 1] < lo || b[i + 1] > hi { return i }
      for k in 2..<(need + 1) where b[i + k] & 0xC0 != 0x80 { return i }
      i += need + 1
    }
    return nil
  }
}
