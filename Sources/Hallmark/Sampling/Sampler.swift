/// Plain (unwatermarked) token selection, the same steps an embedder uses around its own
/// work: greedy argmax at temperature 0, otherwise truncation and inverse-CDF sampling.
public final class Sampler {
  private let candidates = CandidateSet()

  /// A sampler with its own scratch storage.
  public init() {}

  /// The next token from `logits` (already divided by the temperature unless greedy).
  public func nextToken(
    logits: UnsafeMutableBufferPointer<Float>, settings: SamplingSettings, uniform: Double
  ) -> Int32 {
    if settings.isGreedy { return Self.argmax(UnsafeBufferPointer(logits)) }
    candidates.build(logits: UnsafeBufferPointer(logits), settings: settings)
    return candidates.draw(uniform: uniform)
  }

  /// The index of the largest value (the lowest index among ties).
  public static func argmax(_ values: UnsafeBufferPointer<Float>) -> Int32 {
    var best = 0
    var bestValue = -Float.infinity
    for i in 0..<values.count where values[i] > bestValue {
      best = i
      bestValue = values[i]
    }
    return Int32(best)
  }
}
