/// Tests token sequences for one key's watermark (Spec/detection.md): scores every position
/// that has a full context window outside the prompt, counts each (window, token) tuple once
/// (dedup, on by default), and turns the sum into an exact p-value.
///
/// One detector serves one thread; make one per thread for parallel scans.
public final class Detector {
  /// The key tested for.
  public let key: WatermarkKey
  private let scorer: any Scorer
  private var seen = TupleSet()
  private var seeds: [UInt64] = []
  private var scores: [Double] = []

  /// A detector for `key`.
  public init(key: WatermarkKey) {
    self.key = key
    scorer = SchemeRegistry.scorer(for: key)
  }

  /// The null distribution of one scored tuple.
  public var null: NullDistribution { scorer.null }

  /// Checks that every id is inside the key's vocabulary.
  public func validate(_ tokens: [Int32]) throws(DetectionError) {
    let size = key.vocabularySize
    for (i, t) in tokens.enumerated() where t < 0 || Int(t) >= size {
      throw .tokenOutOfRange(position: i, id: Int64(t), vocabularySize: size)
    }
  }

  /// Per-position scores of `tokens`, the first `promptLength` of which are prompt (context
  /// only, never scored).
  public func scoreTokens(_ tokens: [Int32], promptLength: Int = 0) throws(DetectionError)
    -> ScoredTokens
  {
    try validate(tokens)
    guard promptLength >= 0, promptLength <= tokens.count else {
      throw .invalidPromptLength(promptLength, tokens: tokens.count)
    }
    let first = max(promptLength, key.scheme.contextWidth)
    let n = max(0, tokens.count - first)
    var windowSeeds = [UInt64](repeating: 0, count: n)
    var values = [Double](repeating: 0, count: n)
    if n > 0 {
      tokens.withUnsafeBufferPointer { t in
        windowSeeds.withUnsafeMutableBufferPointer { s in
          values.withUnsafeMutableBufferPointer { v in
            scorer.score(
              tokens: t, positions: Positions(first..<tokens.count), windowSeeds: s.baseAddress!,
              scores: v.baseAddress!)
          }
        }
      }
    }
    return ScoredTokens(
      tokens: tokens, firstPosition: first, windowSeeds: windowSeeds, scores: values)
  }

  /// The test of one document. With `dedup`, a tuple repeated inside the document counts once.
  public func score(_ tokens: [Int32], promptLength: Int = 0, dedup: Bool = true)
    throws(DetectionError) -> DocumentScore
  {
    try validate(tokens)
    guard promptLength >= 0, promptLength <= tokens.count else {
      throw .invalidPromptLength(promptLength, tokens: tokens.count)
    }
    var accumulator = ScoreAccumulator(null: scorer.null, scheme: key.scheme)
    seen.removeAll()
    accumulate(tokens, promptLength: promptLength, into: &accumulator, seen: &seen, dedup: dedup)
    return accumulator.result
  }

  /// Scores `tokens` (already validated) into `accumulator`; with `dedup`, a tuple counts only
  /// when `seen` did not hold it yet. Corpus tests pass one set for all documents.
  public func accumulate(
    _ tokens: [Int32], promptLength: Int, into accumulator: inout ScoreAccumulator,
    seen: inout TupleSet, dedup: Bool = true
  ) {
    let first = max(promptLength, key.scheme.contextWidth)
    let n = max(0, tokens.count - first)
    accumulator.tokens += tokens.count
    accumulator.unscored += tokens.count - n
    guard n > 0 else { return }
    if seeds.count < n {
      seeds = [UInt64](repeating: 0, count: n)
      scores = [Double](repeating: 0, count: n)
    }
    tokens.withUnsafeBufferPointer { t in
      seeds.withUnsafeMutableBufferPointer { s in
        scores.withUnsafeMutableBufferPointer { v in
          scorer.score(
            tokens: t, positions: Positions(first..<tokens.count), windowSeeds: s.baseAddress!,
            scores: v.baseAddress!)
          for p in 0..<n {
            if dedup && !seen.insert(seed: s[p], token: t[first + p]) {
              accumulator.duplicates += 1
            } else {
              accumulator.add(v[p])
            }
          }
        }
      }
    }
  }

  /// The scheme's scorer on arbitrary positions (for batches).
  func scoreRaw(
    tokens: UnsafeBufferPointer<Int32>, positions: Positions, seeds: UnsafeMutablePointer<UInt64>,
    scores: UnsafeMutablePointer<Double>
  ) {
    scorer.score(tokens: tokens, positions: positions, windowSeeds: seeds, scores: scores)
  }
}
