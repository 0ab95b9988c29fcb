import Hallmark

/// The best-scoring window of a document, for text where only a passage is watermarked
/// (copy-paste into human text; Spec/detection.md#windows).
///
/// Windows are runs of consecutive counted tuples (after dedup inside the document). Their
/// lengths form a geometric set, `minimumLength · 2^k` below n plus n itself (the whole
/// document); a window of length L starts at every multiple of max(1, L / 4), plus one window
/// ending at the last tuple. Every window of one length has the same number of tuples, so the
/// one with the largest score has the smallest p-value of that length; the best over lengths
/// is corrected by Bonferroni over all windows tested (`windowsTested`, a function of n only).
/// With the 1/4 stride, any passage of ℓ ≥ 1.25·`minimumLength` counted tuples contains a
/// whole tested window of more than ℓ/2.5 tuples.
public struct WindowSearch: Sendable, Hashable {
  /// The shortest window, in counted tuples.
  public var minimumLength: Int

  /// A search whose shortest window has `minimumLength` counted tuples (default 32).
  public init(minimumLength: Int = 32) {
    precondition(minimumLength >= 1, "minimumLength must be at least 1")
    self.minimumLength = minimumLength
  }

  /// The window lengths tested on n counted tuples.
  public func lengths(for n: Int) -> [Int] {
    guard n > 0 else { return [] }
    var lengths: [Int] = []
    var length = minimumLength
    while length < n {
      lengths.append(length)
      length *= 2
    }
    lengths.append(n)
    return lengths
  }

  /// The start offsets (in counted tuples) of the windows of `length` among n.
  public func starts(length: Int, of n: Int) -> [Int] {
    guard length <= n, length > 0 else { return [] }
    let step = max(1, length / 4)
    var starts = Array(stride(from: 0, through: n - length, by: step))
    if starts.last! != n - length { starts.append(n - length) }
    return starts
  }

  /// The number of windows tested on n counted tuples: the Bonferroni factor.
  public func windowCount(for n: Int) -> Int {
    lengths(for: n).reduce(0) { $0 + starts(length: $1, of: n).count }
  }

  /// The best window of an analysed document, or nil when nothing counted.
  public func best(in analysis: DocumentAnalysis, null: NullDistribution) -> WindowMatch? {
    let first = analysis.scoredTokens.firstPosition
    var positions: [Int] = []
    var values: [Double] = []
    for (p, counted) in analysis.counted.enumerated() where counted {
      positions.append(first + p)
      values.append(analysis.scoredTokens.scores[p])
    }
    let n = values.count
    guard n > 0 else { return nil }
    var prefix = [Double](repeating: 0, count: n + 1)
    for i in 0..<n { prefix[i + 1] = prefix[i] + values[i] }
    var best: (start: Int, length: Int, p: PValue)?
    var tested = 0
    for length in lengths(for: n) {
      var top = (start: 0, score: -Double.infinity)
      for start in starts(length: length, of: n) {
        tested += 1
        let s = prefix[start + length] - prefix[start]
        if s > top.score { top = (start, s) }
      }
      let p = null.pValue(score: sum(values, top.start, length), scored: length)
      if best == nil || p < best!.p { best = (top.start, length, p) }
    }
    let b = best!
    let score = sum(values, b.start, b.length)
    return WindowMatch(
      start: positions[b.start], end: positions[b.start + b.length - 1] + 1, scored: b.length,
      score: score, pValue: b.p, corrected: Statistics.bonferroni(b.p, count: tested),
      windowsTested: tested)
  }

  /// Sequential sum, so a window's score is bit-identical to a document test of its tuples.
  private func sum(_ values: [Double], _ start: Int, _ length: Int) -> Double {
    var s = 0.0
    for i in start..<(start + length) { s += values[i] }
    return s
  }
}

/// The best window found in one document.
public struct WindowMatch: Sendable, Equatable {
  /// The first token position of the window (0-based, in the document's tokens).
  public var start: Int
  /// One past its last token position.
  public var end: Int
  /// Counted tuples in the window.
  public var scored: Int
  /// Their summed score.
  public var score: Double
  /// The window's own p-value (not corrected for the search).
  public var pValue: PValue
  /// The p-value corrected for the search: Bonferroni over `windowsTested`.
  public var corrected: PValue
  /// How many windows were tested.
  public var windowsTested: Int
}
