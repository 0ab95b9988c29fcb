/// The per-sequence step that turns one step's logits into the next token.
///
/// The generator hands it the logits already divided by the temperature (so a watermark
/// embedder can bias them before any truncation) and the sequence so far (prompt and generated
/// tokens). It may modify the logits in place. One picker instance serves one sequence, so a
/// picker can keep per-sequence state such as its random stream.
public protocol TokenPicker {
  /// Chooses the next token from `logits` (one per vocabulary entry) given `context`, the
  /// tokens of the sequence so far.
  mutating func pick(logits: UnsafeMutableBufferPointer<Float>, context: [Int32]) -> Int32
}

/// Picks the highest logit (the lowest id among equal maxima).
public struct GreedyPicker: TokenPicker, Sendable {
  public init() {}

  public mutating func pick(logits: UnsafeMutableBufferPointer<Float>, context: [Int32]) -> Int32 {
    Int32(Self.argmax(UnsafeBufferPointer(logits)))
  }

  /// The index of the largest value (first among equals; NaNs never win).
  public static func argmax(_ values: UnsafeBufferPointer<Float>) -> Int {
    var best = 0
    var bestValue = -Float.infinity
    for (i, v) in values.enumerated() where v > bestValue {
      best = i
      bestValue = v
    }
    return best
  }
}
