/// SynthID-Text tournament sampling, detection side (Dathathri et al., Nature 2024): a token
/// scores the sum of its m g-values; n scored tokens sum to Binomial(n·m, 1/2) under the null,
/// and the mean g-value is that sum over n·m (Spec/schemes.md#synthid).
public final class SynthIDScorer: Scorer {
  public let scheme: SchemeParameters
  public let null: NullDistribution
  private let mask: UInt32
  private let windowWords: WindowWords

  /// A scorer for `key` (a SynthID key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    guard case .synthid(let p) = key.scheme else { preconditionFailure("not a SynthID key") }
    mask = p.layers == 32 ? .max : (1 << UInt32(p.layers)) - 1
    null = .binomial(trialsPerToken: p.layers, probability: 0.5)
    windowWords = WindowWords(key: key)
  }

  public func score(
    tokens: UnsafeBufferPointer<Int32>, positions: Positions,
    windowSeeds: UnsafeMutablePointer<UInt64>, scores: UnsafeMutablePointer<Double>
  ) {
    let mask = self.mask
    windowWords.compute(tokens: tokens, positions: positions, windowSeeds: windowSeeds) { w in
      for p in 0..<w.count { scores[p] = Double((w[p] & mask).nonzeroBitCount) }
    }
  }
}
