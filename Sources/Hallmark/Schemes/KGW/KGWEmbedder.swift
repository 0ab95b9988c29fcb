/// KGW red/green-list watermark, generation side (Kirchenbauer et al., "A Watermark for Large
/// Language Models", ICML 2023; SelfHash from Kirchenbauer et al., "On the Reliability of
/// Watermarks for Large Language Models", 2023; Unigram, h = 0, from Zhao et al., "Provable
/// Robust Watermarking for AI-Generated Text", 2023).
///
/// Adds δ to the logit of every green token, then samples as usual (Spec/schemes.md#kgw).
public final class KGWEmbedder: Embedder {
  public let scheme: SchemeParameters
  private let configuration: KGWConfiguration
  private let prf: KeyedPRF
  private let sampler = Sampler()
  private var words: [UInt32] = []
  private var selfHash: SelfHashTables?

  /// An embedder for `key` (a KGW or Unigram key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    configuration = KGWConfiguration(key.scheme)
    prf = KeyedPRF(keys: key.prfKeys)
  }

  public func nextToken(
    logits: UnsafeMutableBufferPointer<Float>, context: UnsafeBufferPointer<Int32>,
    settings: SamplingSettings, uniform: Double
  ) -> Int32 {
    let h = configuration.contextWidth
    if context.count >= h {
      let window = UnsafeBufferPointer(rebasing: context[(context.count - h)...])
      applyBias(to: logits, window: window)
    }
    return sampler.nextToken(logits: logits, settings: settings, uniform: uniform)
  }

  /// Adds δ to the green logits for the context `window` (the last h tokens).
  public func applyBias(
    to logits: UnsafeMutableBufferPointer<Float>, window: UnsafeBufferPointer<Int32>
  ) {
    let vocabulary = logits.count
    let padded = (vocabulary + 3) & ~3
    if words.count < padded { words = [UInt32](repeating: 0, count: padded) }
    let threshold = configuration.threshold
    let bias = configuration.bias
    words.withUnsafeMutableBufferPointer { w in
      let out = w.baseAddress!
      switch configuration.seeding {
      case .leftHash:
        prf.words(seed: prf.seed(window: window), count: vocabulary, into: out)
      case .selfHash:
        selfHashWords(window: window, vocabulary: vocabulary, into: out)
      }
      let l = logits.baseAddress!
      for c in 0..<vocabulary {
        l[c] += out[c] < threshold ? bias : 0
      }
    }
  }

  /// SelfHash: candidate c uses seed min(m, s(c)), where m is the smallest single-token seed in
  /// the window and s(c) the candidate's own; both cases come from tables or one keystream.
  private func selfHashWords(
    window: UnsafeBufferPointer<Int32>, vocabulary: Int, into out: UnsafeMutablePointer<UInt32>
  ) {
    if selfHash == nil || selfHash!.tokenSeeds.count < vocabulary {
      selfHash = SelfHashTables(prf: prf, vocabulary: vocabulary)
    }
    let tables = selfHash!
    var windowMinimum = UInt64.max
    for token in window {
      let t = Int(token)
      let s = t < tables.tokenSeeds.count ? tables.tokenSeeds[t] : prf.seed(window: [token])
      windowMinimum = min(windowMinimum, s)
    }
    if window.isEmpty {
      for c in 0..<vocabulary { out[c] = tables.ownWords[c] }
      return
    }
    prf.words(seed: windowMinimum, count: vocabulary, into: out)
    tables.tokenSeeds.withUnsafeBufferPointer { seeds in
      tables.ownWords.withUnsafeBufferPointer { own in
        for c in 0..<vocabulary where seeds[c] < windowMinimum {
          out[c] = own[c]
        }
      }
    }
  }
}

/// Per-vocabulary tables for SelfHash: each token's single-token seed s(c), and the word of
/// token c under its own seed. Built once per key and vocabulary size.
struct SelfHashTables {
  let tokenSeeds: [UInt64]
  let ownWords: [UInt32]

  init(prf: KeyedPRF, vocabulary: Int) {
    let ids = (0..<vocabulary).map { Int32($0) }
    var seeds = [UInt64](repeating: 0, count: vocabulary)
    var words = [UInt32](repeating: 0, count: vocabulary)
    // Position i + 1 of `ids` has the single-token window [ids[i]].
    ids.withUnsafeBufferPointer { t in
      seeds.withUnsafeMutableBufferPointer { s in
        prf.seeds(
          tokens: t, width: 1, positions: Positions(first: 1, count: vocabulary),
          into: s.baseAddress!)
        words.withUnsafeMutableBufferPointer { w in
          prf.words(
            seeds: s.baseAddress!, tokens: t.baseAddress!, count: vocabulary, into: w.baseAddress!)
        }
      }
    }
    tokenSeeds = seeds
    ownWords = words
  }
}
