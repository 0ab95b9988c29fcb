/// A token matched literally in the input before pre-tokenization (special and added tokens).
public struct AddedToken: Sendable, Hashable {
  /// Token id.
  public var id: Int32
  /// The literal text.
  public var content: String
  /// Absorb white space to the left of a match.
  public var lstrip = false
  /// Absorb white space to the right of a match.
  public var rstrip = false
  /// Match only when not inside a word (Hugging Face `single_word`).
  public var singleWord = false
  /// Match on normalized text rather than raw text (Hugging Face `normalized`).
  public var normalized = false
  /// A special (control) token.
  public var special = false

  public init(
    id: Int32, content: String, lstrip: Bool = false, rstrip: Bool = false,
    singleWord: Bool = false, normalized: Bool = false, special: Bool = false
  ) {
    self.id = id
    self.content = content
    self.lstrip = lstrip
    self.rstrip = rstrip
    self.singleWord = singleWord
    self.normalized = normalized
    self.special = special
  }
}

/// A piece of the input after added tokens are split out: a byte range of text, or a token.
enum Fragment: Equatable {
  case text(Range<Int>)
  case token(Int32)
}

/// Splits added tokens out of text.
///
/// - `llamaCpp`: llama.cpp's `tokenizer_st_partition`: tokens are tried longest first, each
///   splitting every remaining text fragment at all its occurrences; `lstrip`/`rstrip` trim
///   ASCII white space (C `isspace`) from the neighbouring text.
/// - `huggingFace`: leftmost-longest matching over all tokens at once; `lstrip`/`rstrip` absorb
///   Unicode white space; `singleWord` rejects matches inside words.
struct AddedTokenSplitter: Sendable {
  enum Semantics: Sendable {
    case llamaCpp
    case huggingFace
  }

  struct Entry: Sendable {
    var token: AddedToken
    var bytes: [UInt8]
  }

  let semantics: Semantics
  /// llama.cpp: all entries longest first. Hugging Face: per first byte, longest first.
  let entries: [Entry]
  private let byFirstByte: [[Int]]

  init(_ tokens: [AddedToken], semantics: Semantics) {
    self.semantics = semantics
    var e = tokens.filter { !$0.content.isEmpty }.map {
      Entry(token: $0, bytes: Array($0.content.utf8))
    }
    // Stable: longer first, then by id.
    e.sort {
      $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.token.id < $1.token.id
    }
    entries = e
    var b = [[Int]](repeating: [], count: 256)
    for (i, x) in e.enumerated() { b[Int(x.bytes[0])].append(i) }
    byFirstByte = b
  }

  var isEmpty: Bool { entries.isEmpty }

  @inline(__always) private static func cSpace(_ b: UInt8) -> Bool {
    b == 32 || (b >= 9 && b <= 13)
  }

  /// Splits `p[range]`; `include` filters which tokens take part.
  func split(
    _ p: UnsafePointer<UInt8>, _ range: Range<Int>, include: (AddedToken) -> Bool
  ) -> [Fragment] {
    if entries.isEmpty || range.isEmpty { return range.isEmpty ? [] : [.text(range)] }
    switch semantics {
    case .llamaCpp: return splitLlama(p, range, include)
    case .huggingFace: return splitHF(p, range, include)
    }
  }

  private func splitLlama(
    _ p: UnsafePointer<UInt8>, _ range: Range<Int>, _ include: (AddedToken) -> Bool
  ) -> [Fragment] {
    var frags: [Fragment] = [.text(range)]
    for e in entries where include(e.token) {
      var next: [Fragment] = []
      next.reserveCapacity(frags.count)
      var changed = false
      e.bytes.withUnsafeBufferPointer { tb in
        let t = tb.baseAddress!
        let tn = tb.count
        for f in frags {
          guard case .text(let r) = f else {
            next.append(f)
            continue
          }
          var lo = r.lowerBound
          let hi = r.upperBound
          while lo < hi, let m = find(t, tn, in: p, lo, hi) {
            changed = true
            var le = m
            if e.token.lstrip { while le > lo && Self.cSpace(p[le - 1]) { le -= 1 } }
            if le > lo { next.append(.text(lo..<le)) }
            next.append(.token(e.token.id))
            var ro = m + tn
            if e.token.rstrip && ro < hi { while ro < hi && Self.cSpace(p[ro]) { ro += 1 } }
            lo = ro
          }
          if lo < hi { next.append(.text(lo..<hi)) }
        }
      }
      if changed { frags = next }
    }
    return frags
  }

  private func find(
    _ t: UnsafePointer<UInt8>, _ tn: Int, in p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int
  ) -> Int? {
    guard hi - lo >= tn else { return nil }
    let first = Int32(t[0])
    var i = lo
    let last = hi - tn
    while i <= last {
      guard let r = memchr(p + i, first, last - i + 1) else { return nil }
      let k = UnsafeRawPointer(r) - UnsafeRawPointer(p)
      if memcmp(p + k, t, tn) == 0 { return k }
      i = k + 1
    }
    return nil
  }

  private func splitHF(
    _ p: UnsafePointer<UInt8>, _ range: Range<Int>, _ include: (AddedToken) -> Bool
  ) -> [Fragment] {
    var out: [Fragment] = []
    var startOffset = range.lowerBound
    var i = range.lowerBound
    let hi = range.upperBound
    while i < hi {
      let bucket = byFirstByte[Int(p[i])]
      var matched: Entry? = nil
      if !bucket.isEmpty {
        for k in bucket {
          let e = entries[k]
          let n = e.bytes.count
          if n <= hi - i && include(e.token)
            && e.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p + i, n) == 0 })
          {
            matched = e
            break
          }
        }
      }
      guard let e = matched else {
        i += 1
        continue
      }
      var start = i
      var stop = i + e.bytes.count
      if e.token.singleWord {
        let before = start > range.lowerBound && isWordChar(lastScalar(p, range.lowerBound, start))
        let after = stop < hi && isWordChar(firstScalar(p, stop, hi))
        if before || after {
          i = stop
          continue
        }
      }
      if e.token.lstrip {
        var s = start
        while s > range.lowerBound {
          let (c, len) = lastScalarAndLength(p, range.lowerBound, s)
          if !(c.properties.isWhitespace) { break }
          s -= len
        }
        start = max(s, startOffset)
      }
      if e.token.rstrip {
        while stop < hi {
          let (c, len) = firstScalarAndLength(p, stop, hi)
          if !c.properties.isWhitespace { break }
          stop += len
        }
      }
      if startOffset < start { out.append(.text(startOffset..<start)) }
      out.append(.token(e.token.id))
      startOffset = stop
      i = stop
    }
    if startOffset < hi { out.append(.text(startOffset..<hi)) }
    return out
  }

  private func isWordChar(_ c: Unicode.Scalar?) -> Bool {
    guard let c else { return false }
    let p = c.properties
    return c == "_" || p.isAlphabetic || p.numericType != nil
  }

  private func lastScalar(_ p: UnsafePointer<UInt8>, _ lo: Int, _ end: Int) -> Unicode.Scalar? {
    lastScalarAndLength(p, lo, end).0
  }

  private func firstScalar(_ p: UnsafePointer<UInt8>, _ start: Int, _ hi: Int) -> Unicode.Scalar? {
    firstScalarAndLength(p, start, hi).0
  }

  private func lastScalarAndLength(_ p: UnsafePointer<UInt8>, _ lo: Int, _ end: Int) -> (
    Unicode.Scalar, Int
  ) {
    var s = end - 1
    while s > lo && p[s] & 0xC0 == 0x80 { s -= 1 }
    return firstScalarAndLength(p, s, end)
  }

  private func firstScalarAndLength(_ p: UnsafePointer<UInt8>, _ start: Int, _ hi: Int) -> (
    Unicode.Scalar, Int
  ) {
    var buf = CodepointBuffer()
    let len = min(utf8SequenceLength(p[start]), hi - start)
    buf.load(p + start, len)
    return (Unicode.Scalar(buf.cps.first ?? 0xFFFD) ?? "\u{FFFD}", max(1, Int(buf.offsets[1])))
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
