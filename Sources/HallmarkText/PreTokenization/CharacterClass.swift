/// A bracket expression from one of llama.cpp's `std::regex` split patterns, evaluated the way
/// llama.cpp evaluates it.
///
/// llama.cpp runs patterns that use `\p{…}` on a "collapsed" string in which every non-ASCII code
/// point becomes one byte standing for its category (`\p{N}` 0xD1, `\p{L}` 0xD2, `\p{P}` 0xD3,
/// `\p{M}` 0xD4, `\p{S}` 0xD5, anything else 0xD0) and non-ASCII white space becomes 0x0B; other
/// patterns run on code points with non-ASCII white space replaced by 0x0B. This type reproduces
/// both: ASCII by a bitmap, non-ASCII white space as 0x0B, other non-ASCII by category
/// (collapsed) or by code point ranges (wide).
struct CharacterClass: Sendable {
  var ascii: (UInt64, UInt64) = (0, 0)
  /// Bit `k` set: collapsed category byte 0xD0+k is a member.
  var categories: UInt8 = 0
  var ranges: [ClosedRange<UInt32>] = []
  var negated = false
  var collapsed = false

  private mutating func addASCII(_ c: UInt32) {
    if c < 64 { ascii.0 |= 1 << UInt64(c) } else { ascii.1 |= 1 << UInt64(c - 64) }
  }

  private mutating func add(_ lo: UInt32, _ hi: UInt32) {
    var c = lo
    while c <= hi && c < 128 {
      addASCII(c)
      c += 1
    }
    if hi >= 128 { ranges.append(max(lo, 128)...hi) }
  }

  /// ASCII members of each category in llama.cpp's `k_ucat_map`.
  private static let asciiOfCategory: [String: String] = [
    "N": "0-9", "L": "A-Za-z", "P": "!-#%-*,-/:-;?-@[-]_{}", "M": "", "S": "$+<=>^`|~",
  ]
  private static let categoryByte: [String: Int] = ["N": 1, "L": 2, "P": 3, "M": 4, "S": 5]

  /// Parses the inside of a bracket expression (or a single `\p{X}` / `\s` atom) such as
  /// `\p{P}\$\+<=>\^~\|`` or `A-Za-zµÀ-Ö`. `collapsed` is true when the whole pattern uses a
  /// `\p{…}` category, as llama.cpp decides per pattern.
  init(_ body: String, negated: Bool = false, collapsed: Bool) {
    self.negated = negated
    self.collapsed = collapsed
    let s = Array(body.unicodeScalars)
    var i = 0
    var previous: UInt32? = nil
    while i < s.count {
      var c = s[i].value
      if c == 0x5C && i + 1 < s.count {  // backslash escape
        let e = s[i + 1]
        if e == "p", i + 2 < s.count, s[i + 2] == "{",
          let close = s[(i + 3)...].firstIndex(of: "}")
        {
          let name = String(String.UnicodeScalarView(s[(i + 3)..<close]))
          let key = String(name.prefix(1))
          if let b = CharacterClass.categoryByte[key] { categories |= 1 << UInt8(b) }
          let sub = CharacterClass(
            CharacterClass.asciiOfCategory[key] ?? "", collapsed: collapsed)
          ascii.0 |= sub.ascii.0
          ascii.1 |= sub.ascii.1
          i = close + 1
          previous = nil
          continue
        }
        if e == "s" {
          for w: UInt32 in [9, 10, 11, 12, 13, 32] { addASCII(w) }
          i += 2
          previous = nil
          continue
        }
        switch e {
        case "r": c = 13
        case "n": c = 10
        case "t": c = 9
        default: c = e.value
        }
        i += 2
      } else if c == 0x2D, let lo = previous, i + 1 < s.count {  // range a-b
        var hi = s[i + 1].value
        var step = 2
        if hi == 0x5C && i + 2 < s.count {
          hi = s[i + 2].value
          step = 3
        }
        if hi >= lo { add(lo, hi) }
        i += step
        previous = nil
        continue
      } else {
        i += 1
      }
      add(c, c)
      previous = c
    }
    ranges.sort { $0.lowerBound < $1.lowerBound }
  }

  /// Whether the code point (with its flags) is a member, as llama.cpp's regex would decide.
  @inline(__always) func contains(_ cp: UInt32, _ flags: UInt8) -> Bool {
    var r: Bool
    if cp < 128 {
      r = cp < 64 ? (ascii.0 >> UInt64(cp)) & 1 != 0 : (ascii.1 >> UInt64(cp - 64)) & 1 != 0
    } else if flags & CodepointFlags.whitespace != 0 {
      r = (ascii.0 >> 11) & 1 != 0
    } else if collapsed {
      let k = flags & 7
      let byte: UInt8 = k <= 5 ? k : 0
      r = (categories >> byte) & 1 != 0
    } else {
      r = false
      for range in ranges where range.contains(cp) {
        r = true
        break
      }
    }
    return r != negated
  }

  /// `\s` as llama.cpp's `std::regex` sees it (ASCII white space, or non-ASCII white space
  /// rewritten to 0x0B).
  @inline(__always) static func isRegexSpace(_ cp: UInt32, _ flags: UInt8) -> Bool {
    cp < 128 ? (cp == 32 || (cp >= 9 && cp <= 13)) : flags & CodepointFlags.whitespace != 0
  }
}
