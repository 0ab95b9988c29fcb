import Hallmark

/// How tokens are chosen: temperature, truncation, seed, length and stop tokens.
public struct GenerationSettings: Sendable, Equatable, Codable {
  /// Logits are divided by this before the picker sees them; 0 means greedy decoding.
  public var temperature: Float
  /// Top-k truncation (0: off).
  public var topK: Int
  /// Top-p (nucleus) truncation (1: off).
  public var topP: Double
  /// Seed of the random streams (sequence i of a run uses stream i).
  public var seed: UInt64
  /// Most tokens generated per sequence.
  public var maxTokens: Int
  /// Extra stop tokens (the model's own stop tokens always apply).
  public var stopTokens: Set<Int32>

  public init(
    temperature: Float = 1, topK: Int = 0, topP: Double = 1, seed: UInt64 = 0,
    maxTokens: Int = 200, stopTokens: Set<Int32> = []
  ) {
    self.temperature = temperature
    self.topK = topK
    self.topP = topP
    self.seed = seed
    self.maxTokens = maxTokens
    self.stopTokens = stopTokens
  }

  /// The plain picker for sequence `index`: greedy at temperature 0, else a ``PlainSampler`` on
  /// stream `index` of the seed.
  public func makePicker(sequence index: Int) -> any TokenPicker {
    if temperature == 0 { return GreedyPicker() }
    return PlainSampler(
      topK: topK, topP: topP, random: SplitMix64(seed: seed, stream: UInt64(index)))
  }
}
