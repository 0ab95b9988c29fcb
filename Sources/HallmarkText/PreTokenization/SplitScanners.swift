/// Hand-written scanners equivalent to the split regexes of GPT-2, Llama 3, Qwen2 and Qwen3.5
/// (ports of llama.cpp's `unicode_regex_split_custom_*`, which match the regexes'
/// leftmost-first semantics). Each scans one segment `[start, end)` of code points and appends
/// the end index of every non-empty piece to `out`.
enum SplitScanners {
  typealias Flags = UnsafePointer<UInt8>
  typealias Cps = UnsafePointer<UInt32>

  @inline(__always) static func isLetter(_ f: UInt8) -> Bool { f & 7 == CodepointFlags.letter }
  @inline(__always) static func isNumber(_ f: UInt8) -> Bool { f & 7 == CodepointFlags.number }
  @inline(__always) static func isMark(_ f: UInt8) -> Bool { f & 7 == CodepointFlags.mark }
  @inline(__always) static func isSpace(_ f: UInt8) -> Bool { f & CodepointFlags.whitespace != 0 }

  /// GPT-2: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
  static func gpt2(_ cp: Cps, _ fl: Flags, _ start: Int, _ end: Int, _ out: inout [Int32]) {
    @inline(__always) func flags(_ i: Int) -> UInt8 { i < end ? fl[i] : 0 }
    var pos = start
    while pos < end {
      let c = cp[pos]
      let f = fl[pos]
      if c == 0x27 && pos + 1 < end {
        let n = cp[pos + 1]
        if n == 0x73 || n == 0x74 || n == 0x6D || n == 0x64 {  // s t m d
          pos += 2
          out.append(Int32(pos))
          continue
        }
        if pos + 2 < end {
          let nn = cp[pos + 2]
          if (n == 0x72 && nn == 0x65) || (n == 0x76 && nn == 0x65) || (n == 0x6C && nn == 0x6C) {
            pos += 3
            out.append(Int32(pos))
            continue
          }
        }
      }
      var f2 = c == 0x20 ? flags(pos + 1) : f
      if isLetter(f2) {
        if c == 0x20 { pos += 1 }
        while isLetter(f2) {
          pos += 1
          f2 = flags(pos)
        }
        out.append(Int32(pos))
        continue
      }
      if isNumber(f2) {
        if c == 0x20 { pos += 1 }
        while isNumber(f2) {
          pos += 1
          f2 = flags(pos)
        }
        out.append(Int32(pos))
        continue
      }
      if !isSpace(f2) && !isLetter(f2) && !isNumber(f2) && f2 != 0 {
        if c == 0x20 { pos += 1 }
        while !isSpace(f2) && !isLetter(f2) && !isNumber(f2) && f2 != 0 {
          pos += 1
          f2 = flags(pos)
        }
        out.append(Int32(pos))
        continue
      }
      var ws = 0
      while isSpace(flags(pos + ws)) { ws += 1 }
      if ws > 1 && pos + ws < end {
        pos += ws - 1
        out.append(Int32(pos))
        continue
      }
      if ws > 0 {
        pos += ws
        out.append(Int32(pos))
        continue
      }
      pos += 1
      out.append(Int32(pos))
    }
  }

  /// Llama 3 (`digits == 3`), Qwen2 (`digits == 1`) and Qwen3.5 (`marks == true`, letters runs
  /// absorb `\p{M}`):
  /// `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
  static func llama3(
    _ cp: Cps, _ fl: Flags, _ start: Int, _ end: Int, digits: Int, marks: Bool,
    _ out: inout [Int32]
  ) {
    @inline(__always) func flags(_ i: Int) -> UInt8 { i < end ? fl[i] : 0 }
    @inline(__always) func cpt(_ i: Int) -> UInt32 { i < end ? cp[i] : 0xFFFF_FFFF }
    @inline(__always) func lower(_ c: UInt32) -> UInt32 { c >= 0x41 && c <= 0x5A ? c + 32 : c }
    @inline(__always) func wordLike(_ f: UInt8) -> Bool { isLetter(f) || (marks && isMark(f)) }
    var pos = start
    while pos < end {
      let c = cp[pos]
      let f = fl[pos]
      if c == 0x27 && pos + 1 < end {
        let n = lower(cp[pos + 1])
        if n == 0x73 || n == 0x74 || n == 0x6D || n == 0x64 {
          pos += 2
          out.append(Int32(pos))
          continue
        }
        if pos + 2 < end {
          let nn = lower(cp[pos + 2])
          if (n == 0x72 && nn == 0x65) || (n == 0x76 && nn == 0x65) || (n == 0x6C && nn == 0x6C) {
            pos += 3
            out.append(Int32(pos))
            continue
          }
        }
      }
      if !(c == 0x0D || c == 0x0A || isNumber(f)) {
        if wordLike(f) || wordLike(flags(pos + 1)) {
          pos += 1
          while wordLike(flags(pos)) { pos += 1 }
          out.append(Int32(pos))
          continue
        }
      }
      if isNumber(f) {
        if digits == 1 {
          pos += 1
        } else {
          var ini = pos
          while isNumber(flags(pos)) {
            pos += 1
            if pos - ini >= digits {
              out.append(Int32(pos))
              ini = pos
            }
          }
        }
        if out.last != Int32(pos) { out.append(Int32(pos)) }
        continue
      }
      var f2 = c == 0x20 ? flags(pos + 1) : f
      if !isSpace(f2) && !wordLike(f2) && !isNumber(f2) && f != 0 {
        if c == 0x20 { pos += 1 }
        while !isSpace(f2) && !wordLike(f2) && !isNumber(f2) && f2 != 0 {
          pos += 1
          f2 = flags(pos)
        }
        var c2 = cpt(pos)
        while c2 == 0x0D || c2 == 0x0A {
          pos += 1
          c2 = cpt(pos)
        }
        out.append(Int32(pos))
        continue
      }
      var ws = 0
      var lastNewline = 0
      while isSpace(flags(pos + ws)) {
        let c2 = cp[pos + ws]
        if c2 == 0x0D || c2 == 0x0A { lastNewline = pos + ws + 1 }
        ws += 1
      }
      if lastNewline > 0 {
        pos = lastNewline
        out.append(Int32(pos))
        continue
      }
      if ws > 1 && pos + ws < end {
        pos += ws - 1
        out.append(Int32(pos))
        continue
      }
      if ws > 0 {
        pos += ws
        out.append(Int32(pos))
        continue
      }
      pos += 1
      out.append(Int32(pos))
    }
  }

  /// `[^\n]+|[\n]+`: runs of newlines and runs of everything else (Gemma 4).
  static func newlines(_ cp: Cps, _ start: Int, _ end: Int, _ out: inout [Int32]) {
    var pos = start
    while pos < end {
      let nl = cp[pos] == 0x0A
      while pos < end && (cp[pos] == 0x0A) == nl { pos += 1 }
      out.append(Int32(pos))
    }
  }
}
