/// The distinct (window, token) tuples of a corpus, in first-occurrence order, independent of
/// any key (Spec/detection.md#dedup). Attribution and radioactivity build one batch and score
/// it under many keys; each tuple is stored as its h window ids followed by its token.
public struct TupleBatch: Sendable {
  /// h, the window length.
  public let contextWidth: Int
  /// The tuples.
  public private(set) var tuples: SequenceSet
  /// Tuples seen again after their first occurrence.
  public private(set) var duplicates = 0
  /// Tuples left out by an exclusion or filter set.
  public private(set) var filtered = 0
  /// Token ids seen in total.
  public private(set) var tokens = 0
  /// Positions without a full window or in a prompt.
  public private(set) var unscored = 0

  /// An empty batch for windows of `contextWidth` tokens.
  public init(contextWidth: Int) {
    self.contextWidth = contextWidth
    tuples = SequenceSet(length: contextWidth + 1)
  }

  /// The number of distinct tuples.
  public var count: Int { tuples.count }

  /// The positions of the tuples' tokens in `tuples.flat`.
  public var positions: Positions {
    Positions(first: contextWidth, count: count, stride: contextWidth + 1)
  }

  /// Adds the scored tuples of one document (positions ≥ max(promptLength, h)). A tuple in
  /// `excluding` (e.g. one that occurs in the prompts) is left out; with `onlyWindowsIn`, so
  /// is a tuple whose window is not in that set (the radioactivity filter).
  public mutating func add(
    _ document: [Int32], promptLength: Int = 0, excluding: SequenceSet? = nil,
    onlyWindowsIn: SequenceSet? = nil
  ) {
    let h = contextWidth
    let first = max(promptLength, h)
    tokens += document.count
    unscored += min(first, document.count)
    guard first < document.count else { return }
    document.withUnsafeBufferPointer { d in
      for i in first..<document.count {
        let start = d.baseAddress! + (i - h)
        if let excluding, excluding.contains(start) {
          filtered += 1
          continue
        }
        if let onlyWindowsIn, !onlyWindowsIn.contains(start) {
          filtered += 1
          continue
        }
        if !tuples.insert(start) { duplicates += 1 }
      }
    }
  }

  /// Every (window, token) tuple of `documents` as a set (for exclusions such as prompts).
  public static func tupleSet(of documents: [[Int32]], contextWidth: Int) -> SequenceSet {
    var batch = TupleBatch(contextWidth: contextWidth)
    for d in documents { batch.add(d) }
    return batch.tuples
  }

  /// Every window of h tokens in `documents` (for the radioactivity filter).
  public static func windowSet(of documents: [[Int32]], contextWidth: Int) -> SequenceSet {
    var set = SequenceSet(length: contextWidth)
    for d in documents where d.count >= contextWidth {
      d.withUnsafeBufferPointer { p in
        for i in contextWidth...d.count {
          set.insert(p.baseAddress! + (i - contextWidth))
        }
      }
    }
    return set
  }
}

extension Detector {
  /// The test of a batch of distinct tuples under this detector's key: every tuple counts once.
  public func score(batch: TupleBatch) -> DocumentScore {
    precondition(batch.contextWidth == key.scheme.contextWidth, "batch built for another h")
    var accumulator = ScoreAccumulator(null: null, scheme: key.scheme)
    accumulator.tokens = batch.tokens
    accumulator.duplicates = batch.duplicates
    accumulator.unscored = batch.unscored
    let n = batch.count
    guard n > 0 else { return accumulator.result }
    var seeds = [UInt64](repeating: 0, count: n)
    var scores = [Double](repeating: 0, count: n)
    batch.tuples.flat.withUnsafeBufferPointer { t in
      seeds.withUnsafeMutableBufferPointer { s in
        scores.withUnsafeMutableBufferPointer { v in
          scoreRaw(
            tokens: t, positions: batch.positions, seeds: s.baseAddress!, scores: v.baseAddress!)
        }
      }
    }
    for value in scores { accumulator.add(value) }
    return accumulator.result
  }
}
