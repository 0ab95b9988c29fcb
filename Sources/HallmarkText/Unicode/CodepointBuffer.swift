/// UTF-8 text decoded into code points, their ``CodepointFlags`` and their byte offsets, the
/// form the pre-tokenizer scanners work on. Reused across fragments to avoid reallocation.
struct CodepointBuffer {
  var cps: [UInt32] = []
  var flags: [UInt8] = []
  /// `offsets[i]` is the byte offset of code point `i`; `offsets[count]` is the byte length.
  var offsets: [Int32] = []

  var count: Int { cps.count }

  /// Decodes `p[0..<n]`. Malformed sequences decode as U+FFFD one byte at a time, as llama.cpp's
  /// `unicode_cpts_from_utf8` does (Swift strings are always valid, so this only matters for
  /// raw byte input).
  mutating func load(
    _ p: UnsafePointer<UInt8>, _ n: Int, table: UnsafeMutablePointer<UInt8> = CodepointFlags.table
  ) {
    cps.removeAll(keepingCapacity: true)
    flags.removeAll(keepingCapacity: true)
    offsets.removeAll(keepingCapacity: true)
    cps.reserveCapacity(n)
    flags.reserveCapacity(n)
    offsets.reserveCapacity(n + 1)
    var i = 0
    while i < n {
      let b0 = p[i]
      offsets.append(Int32(i))
      if b0 < 0x80 {
        cps.append(UInt32(b0))
        flags.append(table[Int(b0)])
        i += 1
        continue
      }
      var cp: UInt32 = 0xFFFD
      var len = 1
      if b0 & 0xE0 == 0xC0, i + 1 < n, p[i + 1] & 0xC0 == 0x80 {
        cp = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
        len = 2
      } else if b0 & 0xF0 == 0xE0, i + 2 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 {
        cp = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
        len = 3
      } else if b0 & 0xF8 == 0xF0, i + 3 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80,
        p[i + 3] & 0xC0 == 0x80
      {
        cp =
          UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
          | UInt32(p[i + 3] & 0x3F)
        len = 4
      }
      cps.append(cp)
      flags.append(CodepointFlags.of(cp, table))
      i += len
    }
    offsets.append(Int32(n))
  }
}

/// Length of the UTF-8 sequence that starts with `b`, by its high nibble (llama.cpp's
/// `unicode_len_utf8`): continuation bytes count as 1.
@inline(__always) func utf8SequenceLength(_ b: UInt8) -> Int {
  switch b >> 4 {
  case 0xC, 0xD: return 2
  case 0xE: return 3
  case 0xF: return 4
  default: return 1
  }
}
