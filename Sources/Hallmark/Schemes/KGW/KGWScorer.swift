/// KGW red/green-list watermark, detection side (Kirchenbauer et al. 2023; Zhao et al. 2023
/// for Unigram): a token scores 1 when it is green for its window, else 0; the sum over n
/// scored tokens is Binomial(n, γ) under the null (Spec/schemes.md#kgw).
public final class KGWScorer: Scorer {
  public let scheme: SchemeParameters
  public let null: NullDistribution
  private let configuration: KGWConfiguration
  private let prf: KeyedPRF
  private var seeds: [UInt64] = []
  private var tokenSeeds: [UInt64] = []
  private var words: [UInt32] = []

  /// A scorer for `key` (a KGW or Unigram key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    configuration = KGWConfiguration(key.scheme)
    null = .binomial(trialsPerToken: 1, probability: configuration.nullProbability)
    prf = KeyedPRF(keys: key.prfKeys)
  }

  public func score(
    tokens: UnsafeBufferPointer<Int32>, positions: Positions,
    windowSeeds: UnsafeMutablePointer<UInt64>, scores: UnsafeMutablePointer<Double>
  ) {
    let n = positions.count
    guard n > 0 else { return }
    let h = configuration.contextWidth
    prf.seeds(tokens: tokens, width: h, positions: positions, into: windowSeeds)
    if words.count < n { words = [UInt32](repeating: 0, count: n) }
    if seeds.count < n { seeds = [UInt64](repeating: 0, count: n) }
    let first = tokens.baseAddress! + positions.first
    seeds.withUnsafeMutableBufferPointer { s in
      let seedOf: UnsafePointer<UInt64>
      switch configuration.seeding {
      case .leftHash:
        seedOf = UnsafePointer(windowSeeds)
      case .selfHash:
        minhashSeeds(tokens: tokens, positions: positions, into: s.baseAddress!)
        seedOf = UnsafePointer(s.baseAddress!)
      }
      words.withUnsafeMutableBufferPointer { w in
        prf.words(
          seeds: seedOf, tokens: first, count: n, tokenStride: positions.stride,
          into: w.baseAddress!)
        let threshold = configuration.threshold
        for p in 0..<n { scores[p] = w[p] < threshold ? 1 : 0 }
      }
    }
  }

  /// For the p-th position i, the minimum over tokens[i-h ... i] of their single-token seeds.
  private func minhashSeeds(
    tokens: UnsafeBufferPointer<Int32>, positions: Positions,
    into out: UnsafeMutablePointer<UInt64>
  ) {
    let h = configuration.contextWidth
    let start = positions.first - h
    let count = positions.last + 1 - start
    if tokenSeeds.count < count { tokenSeeds = [UInt64](repeating: 0, count: count) }
    tokenSeeds.withUnsafeMutableBufferPointer { ts in
      // The seed of the single-token window [tokens[j]] is at position j + 1 with width 1.
      prf.seeds(
        tokens: tokens, width: 1, positions: Positions(first: start + 1, count: count),
        into: ts.baseAddress!)
      for p in 0..<positions.count {
        let base = positions[p] - h - start
        var m = UInt64.max
        for j in base...(base + h) { m = min(m, ts[j]) }
        out[p] = m
      }
    }
  }
}
