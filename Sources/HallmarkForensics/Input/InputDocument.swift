/// One document to test: its text and where it came from.
public struct InputDocument: Sendable {
  /// Where the document came from.
  public var origin: DocumentOrigin
  /// The text (valid UTF-8 by construction).
  public var text: String
  /// 1-based position among all documents of the run, skipped ones included, so numbers stay
  /// stable when some inputs are bad.
  public var ordinal: Int
  /// Input bytes this document spans (the file, or the JSONL line with its newline), for
  /// progress reports.
  public var inputBytes: Int

  public init(origin: DocumentOrigin, text: String, ordinal: Int, inputBytes: Int = 0) {
    self.origin = origin
    self.text = text
    self.ordinal = ordinal
    self.inputBytes = inputBytes
  }
}
