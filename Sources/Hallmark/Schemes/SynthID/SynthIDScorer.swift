/// SynthID-Text tournament sampling, detection side (Dathathri et al., Nature 2024): a token
/// scores the sum of its m g-values; n scored tokens sum to Binomial(n·m, 1/2) under the null,
/// and the mean g-value is that sum over n·m (Spec/schemes.md#synthid).
public final class SynthIDScorer: Scorer {
  public let scheme: SchemeParameters
  public let null: NullDistribution
  private let contextWidth: Int
  private let mask: UInt32
  private let prf: KeyedPRF
  private var words: [UInt32] = []

  /// A scorer for `key` (a SynthID key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    contextWidth = key.scheme.contextWidth
    guard case .synthid(let p) = key.scheme else { preconditionFailure("not a SynthID key") }
    mask = p.layers == 32 ? .max : (1 << UInt32(p.layers)) - 1
    null = .binomial(trialsPerToken: p.layers, probability: 0.5)
    prf = KeyedPRF(keys: key.prfKeys)
  }

  public func score(
    tokens: UnsafeBufferPointer<Int32>, positions: Positions,
    windowSeeds: UnsafeMutablePointer<UInt64>, scores: UnsafeMutablePointer<Double>
  ) {
    let n = positions.count
    guard n > 0 else { return }
    prf.seeds(tokens: tokens, width: contextWidth, positions: positions, into: windowSeeds)
    if words.count < n { words = [UInt32](repeating: 0, count: n) }
    words.withUnsafeMutableBufferPointer { w in
      prf.words(
        seeds: windowSeeds, tokens: tokens.baseAddress! + positions.first, count: n,
        tokenStride: positions.stride, into: w.baseAddress!)
      for p in 0..<n { scores[p] = Double((w[p] & mask).nonzeroBitCount) }
    }
  }
}
