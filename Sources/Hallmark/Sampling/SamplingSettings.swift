/// How a decode step turns logits into a token (Spec/sampling.md): logits are divided by
/// `temperature`, a watermark embedder acts on them, then top-k and top-p truncate.
/// Temperature 0 means greedy decoding.
public struct SamplingSettings: Codable, Sendable, Equatable {
  /// T ≥ 0; 0 is greedy (argmax).
  public var temperature: Double
  /// Keep only the k most likely tokens; 0 keeps all.
  public var topK: Int
  /// Keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all.
  public var topP: Double

  /// Settings; the defaults (T = 1, no truncation) sample from the model's distribution.
  public init(temperature: Double = 1, topK: Int = 0, topP: Double = 1) {
    self.temperature = temperature
    self.topK = topK
    self.topP = topP
  }

  /// Whether this is greedy decoding.
  public var isGreedy: Bool { temperature == 0 }
}
