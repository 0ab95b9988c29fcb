/// Text shown token by token with each token's role in the test coloured: green for a token
/// that scored as watermarked (a "hit"), plain for a scored token that did not, grey for a
/// token left out of the count (repeated context, prompt, special tokens). Hovering shows
/// the note, e.g. the token's score.
public struct TokenView: Sendable {
  /// How a token took part in the test.
  public enum Kind: String, Sendable {
    case hit
    case miss
    case unscored
  }

  /// One token as displayed.
  public struct Token: Sendable {
    public var text: String
    public var kind: Kind
    public var note: String?

    public init(text: String, kind: Kind, note: String? = nil) {
      self.text = text
      self.kind = kind
      self.note = note
    }
  }

  public var title: String
  public var tokens: [Token]

  public init(title: String, tokens: [Token]) {
    self.title = title
    self.tokens = tokens
  }

  /// The HTML fragment: a heading, a legend, and the coloured text.
  public func render() -> String {
    var hits = 0
    var scored = 0
    var out = "<div class=\"tokens\"><h3>\(HTMLEscape.text(title))</h3>"
    var body = ""
    for token in tokens {
      if token.kind != .unscored { scored += 1 }
      if token.kind == .hit { hits += 1 }
      let note = token.note.map { " title=\"\(HTMLEscape.attribute($0))\"" } ?? ""
      body +=
        "<span class=\"t-\(token.kind.rawValue)\"\(note)>\(HTMLEscape.text(token.text))</span>"
    }
    out +=
      "<p class=\"legend\"><span class=\"t-hit\">green</span>: scored as watermarked "
      + "(\(hits) of \(scored) scored tokens) · <span class=\"t-miss\">plain</span>: scored, "
      + "not watermarked · <span class=\"t-unscored\">grey</span>: not counted</p>"
    out += "<div class=\"token-text\">\(body)</div></div>"
    return out
  }
}
