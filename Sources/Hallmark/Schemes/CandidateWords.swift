/// The PRF words of a step's candidates, for the sampling schemes (Gumbel, SynthID): the
/// whole keystream when every token is a candidate, batched single blocks otherwise.
/// Either way `word(i)` is the word of candidate `i` (not of token id `i`).
final class CandidateWords {
  private var storage: [UInt32] = []
  private var full = false

  /// Computes the words of `candidates` under `seed`.
  func compute(prf: KeyedPRF, seed: UInt64, candidates: CandidateSet, vocabulary: Int) {
    full = candidates.isFullVocabulary
    let needed = full ? (vocabulary + 3) & ~3 : candidates.count
    if storage.count < needed { storage = [UInt32](repeating: 0, count: needed) }
    storage.withUnsafeMutableBufferPointer { out in
      if full {
        prf.words(seed: seed, count: vocabulary, into: out.baseAddress!)
      } else {
        let ids = candidates.ids
        prf.words(seed: seed, tokens: ids.baseAddress!, count: ids.count, into: out.baseAddress!)
      }
    }
  }

  /// Computes the words of every token `0..<vocabulary` under `seed`.
  func computeAll(prf: KeyedPRF, seed: UInt64, vocabulary: Int) {
    full = true
    let needed = (vocabulary + 3) & ~3
    if storage.count < needed { storage = [UInt32](repeating: 0, count: needed) }
    storage.withUnsafeMutableBufferPointer { out in
      prf.words(seed: seed, count: vocabulary, into: out.baseAddress!)
    }
  }

  /// The words, indexed by candidate position (equal to token id when all tokens are candidates).
  func withWords<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
    storage.withUnsafeBufferPointer(body)
  }
}
