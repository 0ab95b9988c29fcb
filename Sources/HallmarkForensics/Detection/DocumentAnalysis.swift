import Hallmark

/// One document's per-position scores together with its document test: which scored positions
/// counted (dedup inside the document) and the aggregated `DocumentScore`. Windows and
/// `explain` work from this.
public struct DocumentAnalysis: Sendable {
  /// Per-position scores and window seeds.
  public let scoredTokens: ScoredTokens
  /// For each scored position (from `scoredTokens.firstPosition`): whether its tuple counted
  /// in the document test (false for a repeat inside the document).
  public let counted: [Bool]
  /// The document test; equal to `Detector.score(_:promptLength:dedup:)`.
  public let score: DocumentScore

  /// Token ids in the document.
  public var tokens: [Int32] { scoredTokens.tokens }

  /// Scores `tokens` under `detector`'s key. With `dedup`, a tuple repeated inside the document
  /// counts once; `seen` is scratch (emptied first) so callers can reuse its storage.
  public static func analyze(
    _ tokens: [Int32], detector: Detector, promptLength: Int = 0, dedup: Bool = true,
    seen: inout TupleSet
  ) throws(DetectionError) -> DocumentAnalysis {
    let scored = try detector.scoreTokens(tokens, promptLength: promptLength)
    seen.removeAll()
    var accumulator = ScoreAccumulator(null: detector.null, scheme: detector.key.scheme)
    accumulator.tokens = tokens.count
    accumulator.unscored = min(scored.firstPosition, tokens.count)
    var counted = [Bool](repeating: true, count: scored.scores.count)
    for p in 0..<scored.scores.count {
      if dedup
        && !seen.insert(seed: scored.windowSeeds[p], token: tokens[scored.firstPosition + p])
      {
        accumulator.duplicates += 1
        counted[p] = false
      } else {
        accumulator.add(scored.scores[p])
      }
    }
    return DocumentAnalysis(scoredTokens: scored, counted: counted, score: accumulator.result)
  }

  /// As above with fresh scratch.
  public static func analyze(
    _ tokens: [Int32], detector: Detector, promptLength: Int = 0, dedup: Bool = true
  ) throws(DetectionError) -> DocumentAnalysis {
    var seen = TupleSet()
    return try analyze(
      tokens, detector: detector, promptLength: promptLength, dedup: dedup, seen: &seen)
  }
}
