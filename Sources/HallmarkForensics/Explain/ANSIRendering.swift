/// Renders an ``Explanation`` for a terminal: counted tokens on a green (evidence for the
/// watermark) or red (against) background in three shades by strength, duplicates in grey
/// italics with a strike-through, unscored tokens dim. Without colour, counted tokens are
/// bracketed instead: `{+green+}`, `[-red-]`, duplicates `(=dup=)`, unscored as they are.
public struct ANSIRendering: Sendable {
  /// Whether to use ANSI escape codes (else the bracket notation).
  public var color: Bool

  public init(color: Bool) { self.color = color }

  static let green = [22, 28, 34]
  static let red = [52, 88, 124]

  /// The text with marks.
  public func render(_ explanation: Explanation) -> String {
    var out = ""
    for segment in explanation.segments {
      out += color ? colored(segment) : bracketed(segment)
    }
    return out
  }

  /// The legend line.
  public var legend: String {
    color
      ? "\u{1B}[48;5;34;97m green \u{1B}[0m evidence for the watermark  "
        + "\u{1B}[48;5;124;97m red \u{1B}[0m against  "
        + "\u{1B}[9;3;38;5;244m repeat \u{1B}[0m not counted again  "
        + "\u{1B}[2m unscored \u{1B}[0m no full context window"
      : "{+green+} evidence for the watermark  [-red-] against  (=repeat=) not counted again  "
        + "plain: unscored"
  }

  private func style(_ mark: TokenMark) -> String? {
    switch mark {
    case .unscored: return "2"
    case .duplicate: return "9;3;38;5;244"
    case .scored(_, let strength):
      let level = min(2, Int((abs(strength) * 3).rounded(.up)) - 1)
      guard level >= 0 else { return "38;5;250" }
      return "48;5;\((strength > 0 ? Self.green : Self.red)[level]);97"
    }
  }

  private func colored(_ segment: Explanation.Segment) -> String {
    guard let style = style(segment.mark) else { return segment.text }
    // Style each line separately, so a background never runs past a line break.
    return segment.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.isEmpty ? "" : "\u{1B}[\(style)m\(line)\u{1B}[0m"
    }.joined(separator: "\n")
  }

  private func bracketed(_ segment: Explanation.Segment) -> String {
    switch segment.mark {
    case .unscored: return segment.text
    case .duplicate: return "(=\(segment.text)=)"
    case .scored(_, let strength):
      return strength > 0 ? "{+\(segment.text)+}" : "[-\(segment.text)-]"
    }
  }
}
