import Hallmark

/// The picker that connects the engine's decode loop to Hallmark's core: each step's logits
/// (already divided by the temperature) go to the key's ``Embedder`` when watermarking, or to
/// the core's plain ``Sampler`` for control corpora, with one uniform per step from the
/// sequence's own random stream (`Spec/sampling.md`).
public struct WatermarkPicker: TokenPicker {
  private let embedder: (any Embedder)?
  private let sampler = Sampler()
  private let settings: SamplingSettings
  private var random: SplitMix64
  private let stopTokens: [Int32]
  private let minimumTokens: Int
  private var steps = 0

  /// A picker that embeds `key`'s watermark (nil: plain sampling with the same rules). Until
  /// `minimumTokens` tokens are generated, `stopTokens` get probability 0 (so that experiments
  /// get completions of a fixed length).
  public init(
    key: WatermarkKey?, settings: GenerationSettings, sequence index: Int,
    stopTokens: Set<Int32> = [], minimumTokens: Int = 0
  ) {
    self.stopTokens = stopTokens.sorted()
    self.minimumTokens = minimumTokens
    embedder = key.map { SchemeRegistry.embedder(for: $0) }
    self.settings = SamplingSettings(
      temperature: Double(settings.temperature), topK: settings.topK, topP: settings.topP)
    random = SplitMix64(seed: settings.seed, stream: UInt64(index))
  }

  public mutating func pick(logits: UnsafeMutableBufferPointer<Float>, context: [Int32]) -> Int32 {
    let uniform = random.uniform()
    if steps < minimumTokens {
      for t in stopTokens where Int(t) < logits.count { logits[Int(t)] = -.infinity }
    }
    steps += 1
    guard let embedder else {
      return sampler.nextToken(logits: logits, settings: settings, uniform: uniform)
    }
    return context.withUnsafeBufferPointer {
      embedder.nextToken(logits: logits, context: $0, settings: settings, uniform: uniform)
    }
  }
}
