import Hallmark
import HallmarkText

/// A document cut into pieces of text, each with the mark of its tokens: what
/// `hallmark explain` prints (ANSI) or writes (HTML) for a reviewer.
public struct Explanation: Sendable {
  /// A run of text and the tokens it came from.
  public struct Segment: Sendable, Equatable {
    /// The text (whole characters; bytes a token cannot complete become U+FFFD).
    public var text: String
    /// The token positions it spans.
    public var tokens: Range<Int>
    /// The token ids.
    public var ids: [Int32]
    /// The mark: counted scores are averaged over the tokens of one character.
    public var mark: TokenMark
  }

  /// The segments, in order.
  public var segments: [Segment]
  /// The document's test.
  public var score: DocumentScore
  /// The best window, when one was searched for.
  public var window: WindowMatch?

  /// Cuts `analysis`'s tokens into segments with `tokenizer`; a token whose bytes end inside a
  /// UTF-8 character joins the next ones until the character is complete.
  public init(
    analysis: DocumentAnalysis, tokenizer: any Tokenizer, null: NullDistribution,
    window: WindowMatch? = nil
  ) {
    score = analysis.score
    self.window = window
    segments = []
    let tokens = analysis.tokens
    let first = analysis.scoredTokens.firstPosition
    var pending: [UInt8] = []
    var start = 0
    for (i, id) in tokens.enumerated() {
      pending += tokenizer.tokenBytes(id)
      let complete = Self.completes(pending)
      if complete || i == tokens.count - 1 {
        let marks = (start...i).map { position -> TokenMark in
          guard position >= first else { return .unscored }
          let p = position - first
          return analysis.counted[p]
            ? TokenMark.scored(analysis.scoredTokens.scores[p], null: null) : .duplicate
        }
        segments.append(
          Segment(
            text: String(decoding: pending, as: UTF8.self), tokens: start..<(i + 1),
            ids: Array(tokens[start...i]), mark: Self.combine(marks)))
        pending.removeAll(keepingCapacity: true)
        start = i + 1
      }
    }
  }

  /// One mark for the tokens of one segment: the mean of counted scores and strengths, else
  /// duplicate, else unscored.
  static func combine(_ marks: [TokenMark]) -> TokenMark {
    if marks.count == 1 { return marks[0] }
    var n = 0.0
    var score = 0.0
    var strength = 0.0
    var duplicate = false
    for m in marks {
      switch m {
      case .scored(let s, let g):
        n += 1
        score += s
        strength += g
      case .duplicate: duplicate = true
      case .unscored: break
      }
    }
    if n > 0 { return .scored(score: score / n, strength: strength / n) }
    return duplicate ? .duplicate : .unscored
  }

  /// Whether `bytes` ends on a character boundary.
  static func completes(_ bytes: [UInt8]) -> Bool {
    guard let last = bytes.lastIndex(where: { $0 & 0xC0 != 0x80 }) else {
      return bytes.isEmpty || bytes.count >= 4
    }
    let lead = bytes[last]
    let need: Int =
      lead < 0x80
      ? 1 : lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 1
    let have = bytes.count - last
    // Continuation bytes without a lead (or too many) are invalid: release them.
    return have >= need || bytes.count - last > 3
  }
}
