/// GPT-2's reversible byte-to-unicode mapping: printable Latin-1 bytes map to themselves, the
/// other 68 bytes to U+0100, U+0101, … in byte order. Byte-level vocabularies store token text in
/// this alphabet; Hallmark maps it back to raw bytes once at load time.
enum ByteLevelAlphabet {
  /// Scalar for each byte.
  static let scalarOfByte: [UInt32] = {
    var map = [UInt32](repeating: 0, count: 256)
    var n: UInt32 = 0
    for b in 0..<256 {
      if (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b) {
        map[b] = UInt32(b)
      } else {
        map[b] = 256 + n
        n += 1
      }
    }
    return map
  }()

  /// Byte for each scalar below 0x144, or -1.
  static let byteOfScalar: [Int16] = {
    var r = [Int16](repeating: -1, count: 0x144)
    for (b, s) in scalarOfByte.enumerated() { r[Int(s)] = Int16(b) }
    return r
  }()

  /// Raw bytes of a byte-level token text, or nil when a scalar is outside the alphabet.
  static func decode(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    for s in text.unicodeScalars {
      let v = Int(s.value)
      guard v < byteOfScalar.count, byteOfScalar[v] >= 0 else { return nil }
      out.append(UInt8(byteOfScalar[v]))
    }
    return out
  }

  /// Raw bytes of a byte-level token text, decoded the way llama.cpp's `llama_decode_text` does
  /// when rendering (scalars outside the alphabet are kept as their UTF-8).
  static func decodeLenient(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    for s in text.unicodeScalars {
      let v = Int(s.value)
      if v < byteOfScalar.count, byteOfScalar[v] >= 0 {
        out.append(UInt8(byteOfScalar[v]))
      } else {
        out.append(contentsOf: Array(String(s).utf8))
      }
    }
    return out
  }
}

/// UTF-8 of `text` with every U+2581 (`▁`, SentencePiece's space) replaced by a space.
func unescapeMetaspace(_ text: String) -> [UInt8] {
  var out: [UInt8] = []
  let u = Array(text.utf8)
  out.reserveCapacity(u.count)
  var i = 0
  while i < u.count {
    if u[i] == 0xE2 && i + 2 < u.count && u[i + 1] == 0x96 && u[i + 2] == 0x81 {
      out.append(0x20)
      i += 3
    } else {
      out.append(u[i])
      i += 1
    }
  }
  return out
}
