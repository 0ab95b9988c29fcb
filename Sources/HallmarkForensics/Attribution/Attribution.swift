import Foundation
import Hallmark

/// Attribution (Spec/detection.md#attribution): which of many candidate keys (typically every
/// account's derived key) watermarked a corpus. The corpus's distinct (window, token) tuples
/// are collected once per context width into a key-independent `TupleBatch`, every candidate
/// scores that batch (`MultiKeyScoring`, in parallel), and the candidates' p-values are
/// adjusted with Holm–Bonferroni, which controls the chance of naming any innocent account
/// at α.
public struct Attribution: Sendable {
  /// The candidates, in the order given.
  public let candidates: [CandidateKey]
  private var batches: [Int: TupleBatch] = [:]
  /// The smallest vocabulary among the candidates: every id must be below it.
  public let vocabularyLimit: Int
  /// Documents added.
  public private(set) var documents = 0

  /// An attribution over `candidates` (at least one).
  public init(candidates: [CandidateKey]) throws(ForensicsError) {
    guard !candidates.isEmpty else { throw .invalidCandidates("no candidate keys") }
    self.candidates = candidates
    vocabularyLimit = candidates.map(\.key.vocabularySize).min()!
    for width in Set(candidates.map(\.key.scheme.contextWidth)) {
      batches[width] = TupleBatch(contextWidth: width)
    }
  }

  /// Adds one document's tokens to the corpus.
  public mutating func add(_ tokens: [Int32], promptLength: Int = 0) throws(DetectionError) {
    for (i, t) in tokens.enumerated() where t < 0 || Int(t) >= vocabularyLimit {
      throw .tokenOutOfRange(position: i, id: Int64(t), vocabularySize: vocabularyLimit)
    }
    guard promptLength >= 0, promptLength <= tokens.count else {
      throw .invalidPromptLength(promptLength, tokens: tokens.count)
    }
    documents += 1
    for width in batches.keys.sorted() {
      batches[width]!.add(tokens, promptLength: promptLength)
    }
  }

  /// The distinct tuples collected for context width `h`.
  public func batch(contextWidth h: Int) -> TupleBatch? { batches[h] }

  /// Tests every candidate; `alpha` is the family-wise error rate of the matches. `progress`
  /// is told how many candidates are done after each chunk of them.
  public func run(
    alpha: Double, minimumScored: Int = 16, threads: Int = System.processorCount,
    progress: ((Int) -> Void)? = nil
  ) -> [CandidateResult] {
    var scores = [DocumentScore](repeating: .empty, count: candidates.count)
    var done = 0
    let chunk = max(256, threads * 64)
    for (width, batch) in batches.sorted(by: { $0.key < $1.key }) {
      let indices = candidates.indices.filter { candidates[$0].key.scheme.contextWidth == width }
      for part in stride(from: 0, to: indices.count, by: chunk) {
        let slice = Array(indices[part..<min(indices.count, part + chunk)])
        let results = MultiKeyScoring.score(
          batch: batch, keys: slice.map { candidates[$0].key }, threads: threads)
        for (i, r) in zip(slice, results) { scores[i] = r }
        done += slice.count
        progress?(done)
      }
    }
    let adjusted = Statistics.holmBonferroni(scores.map(\.pValue))
    let threshold = log10(alpha)
    return candidates.indices.map { i in
      CandidateResult(
        candidate: candidates[i], score: scores[i], adjusted: adjusted[i],
        matched: scores[i].scored >= minimumScored && adjusted[i].log10 < threshold,
        tooShort: scores[i].scored < minimumScored)
    }
  }
}

/// One candidate's result.
public struct CandidateResult: Sendable {
  /// The candidate.
  public var candidate: CandidateKey
  /// Its corpus test (each distinct tuple once).
  public var score: DocumentScore
  /// The Holm–Bonferroni adjusted p-value over all candidates.
  public var adjusted: PValue
  /// Whether the adjusted p-value is below α (and the corpus was long enough).
  public var matched: Bool
  /// Whether the corpus had too few scored tuples to test.
  public var tooShort: Bool
}
