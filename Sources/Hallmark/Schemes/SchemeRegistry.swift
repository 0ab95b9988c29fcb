/// The one place that maps a key's scheme to its embedder and scorer types: adding a scheme
/// means a folder under Schemes/ and a case here.
public enum SchemeRegistry {
  /// The names `keygen --scheme` accepts.
  public static let names = ["kgw", "unigram", "gumbel", "synthid"]

  /// A fresh embedder for `key` (one per thread).
  public static func embedder(for key: WatermarkKey) -> any Embedder {
    switch key.scheme {
    case .kgw, .unigram: KGWEmbedder(key: key)
    case .gumbel: GumbelEmbedder(key: key)
    case .synthid: SynthIDEmbedder(key: key)
    }
  }

  /// A fresh scorer for `key` (one per thread).
  public static func scorer(for key: WatermarkKey) -> any Scorer {
    switch key.scheme {
    case .kgw, .unigram: KGWScorer(key: key)
    case .gumbel: GumbelScorer(key: key)
    case .synthid: SynthIDScorer(key: key)
    }
  }
}
