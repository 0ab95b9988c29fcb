import Hallmark

/// The corpus test (Spec/detection.md#corpus): all documents tested together as one sample,
/// each (window, token) tuple counted once across the whole corpus in input order, so that
/// many short documents add up to strong evidence without repeated text inflating it. Each
/// document also gets its own test.
public struct CorpusScan {
  /// The detector of the key.
  public let detector: Detector
  /// Whether repeats are dropped (document and corpus level).
  public let dedup: Bool
  private var corpusSeen = TupleSet(capacity: 1 << 16)
  private var documentSeen = TupleSet()
  private var accumulator: ScoreAccumulator
  /// Documents added.
  public private(set) var documents = 0

  /// An empty scan under `key`.
  public init(key: WatermarkKey, dedup: Bool = true) {
    detector = Detector(key: key)
    self.dedup = dedup
    accumulator = ScoreAccumulator(null: detector.null, scheme: key.scheme)
  }

  /// One document's contribution.
  public struct Entry: Sendable {
    /// The document's own test (with its per-position scores).
    public var analysis: DocumentAnalysis
    /// Tuples of this document counted for the first time in the corpus.
    public var newTuples: Int
  }

  /// Tests one document and adds its tuples to the corpus test.
  public mutating func add(_ tokens: [Int32], promptLength: Int = 0) throws(DetectionError)
    -> Entry
  {
    let analysis = try DocumentAnalysis.analyze(
      tokens, detector: detector, promptLength: promptLength, dedup: dedup, seen: &documentSeen)
    let scored = analysis.scoredTokens
    documents += 1
    accumulator.tokens += tokens.count
    accumulator.unscored += min(scored.firstPosition, tokens.count)
    var added = 0
    for p in 0..<scored.scores.count {
      if dedup
        && !corpusSeen.insert(seed: scored.windowSeeds[p], token: tokens[scored.firstPosition + p])
      {
        accumulator.duplicates += 1
      } else {
        accumulator.add(scored.scores[p])
        added += 1
      }
    }
    return Entry(analysis: analysis, newTuples: added)
  }

  /// The corpus test so far.
  public var result: DocumentScore { accumulator.result }
}
