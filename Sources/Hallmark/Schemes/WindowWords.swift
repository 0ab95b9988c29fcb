/// The PRF work every LeftHash scorer shares: the window seed of each scored position, then
/// the word of (seed, token). Scorers turn the words into their per-token statistic.
final class WindowWords {
  let prf: KeyedPRF
  let contextWidth: Int
  private var words: [UInt32] = []

  init(key: WatermarkKey) {
    prf = KeyedPRF(keys: key.prfKeys)
    contextWidth = key.scheme.contextWidth
  }

  /// Fills `windowSeeds` for `positions` and calls `body` with the positions' words.
  func compute(
    tokens: UnsafeBufferPointer<Int32>, positions: Positions,
    windowSeeds: UnsafeMutablePointer<UInt64>, _ body: (UnsafeBufferPointer<UInt32>) -> Void
  ) {
    let n = positions.count
    guard n > 0 else { return }
    prf.seeds(tokens: tokens, width: contextWidth, positions: positions, into: windowSeeds)
    if words.count < n { words = [UInt32](repeating: 0, count: n) }
    words.withUnsafeMutableBufferPointer { w in
      prf.words(
        seeds: windowSeeds, tokens: tokens.baseAddress! + positions.first, count: n,
        tokenStride: positions.stride, into: w.baseAddress!)
      body(UnsafeBufferPointer(rebasing: w[0..<n]))
    }
  }
}

/// The step every sampling-scheme embedder (Gumbel, SynthID) starts with: greedy steps and
/// steps without a full context window are sampled plainly (not watermarked); otherwise the
/// window's seed.
struct EmbedderPrologue {
  let contextWidth: Int
  let prf: KeyedPRF
  let sampler = Sampler()

  init(key: WatermarkKey) {
    contextWidth = key.scheme.contextWidth
    prf = KeyedPRF(keys: key.prfKeys)
  }

  /// The seed to watermark with, or nil when the step is sampled plainly.
  func seed(context: UnsafeBufferPointer<Int32>, settings: SamplingSettings) -> UInt64? {
    guard !settings.isGreedy, context.count >= contextWidth else { return nil }
    return prf.seed(
      window: UnsafeBufferPointer(rebasing: context[(context.count - contextWidth)...]))
  }
}
