/// One splitting step of a pre-tokenizer. Steps run in order; each splits every segment left
/// by the previous step into its matches and the gaps between them (llama.cpp's
/// `unicode_regex_split` semantics, which equal Hugging Face `Split` with `Isolated` behavior).
enum SplitRule: Sendable {
  /// GPT-2's pattern.
  case gpt2
  /// Llama 3's pattern with `\p{N}{1,digits}`; `marks` adds `\p{M}` to letter runs (Qwen3.5).
  case llama3(digits: Int, marks: Bool)
  /// `[^\n]+|[\n]+`.
  case newlines
  /// `\s?C{min,max}` (optional leading white space when `leadingSpace`), leftmost-first.
  case run(CharacterClass, leadingSpace: Bool, min: Int, max: Int)
  /// `\s+$`: the trailing white space of the segment.
  case trailingWhitespace

  /// Splits `[start, end)` and appends piece ends to `out`.
  func split(
    _ cp: UnsafePointer<UInt32>, _ fl: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
    _ out: inout [Int32]
  ) {
    switch self {
    case .gpt2:
      SplitScanners.gpt2(cp, fl, start, end, &out)
    case .llama3(let digits, let marks):
      SplitScanners.llama3(cp, fl, start, end, digits: digits, marks: marks, &out)
    case .newlines:
      SplitScanners.newlines(cp, start, end, &out)
    case .run(let cls, let leadingSpace, let lo, let hi):
      var p = start
      var gapStart = start
      while p < end {
        var q = -1
        if leadingSpace && CharacterClass.isRegexSpace(cp[p], fl[p]) && p + 1 < end
          && cls.contains(cp[p + 1], fl[p + 1])
        {
          var k = p + 1
          while k < end && k - (p + 1) < hi && cls.contains(cp[k], fl[k]) { k += 1 }
          if k - (p + 1) >= lo { q = k }
        }
        if q < 0 && cls.contains(cp[p], fl[p]) {
          var k = p
          while k < end && k - p < hi && cls.contains(cp[k], fl[k]) { k += 1 }
          if k - p >= lo { q = k }
        }
        if q < 0 {
          p += 1
          continue
        }
        if p > gapStart { out.append(Int32(p)) }
        out.append(Int32(q))
        gapStart = q
        p = q
      }
      if end > gapStart { out.append(Int32(end)) }
    case .trailingWhitespace:
      var p = end
      while p > start && CharacterClass.isRegexSpace(cp[p - 1], fl[p - 1]) { p -= 1 }
      if p > start && p < end { out.append(Int32(p)) }
      out.append(Int32(end))
    }
  }
}
