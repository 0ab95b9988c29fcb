/// Positions of a token buffer to score: `first`, `first + stride`, … (`count` of them).
///
/// Documents are scored with stride 1. A `TupleBatch` stores each distinct tuple as its window
/// followed by its token, so its positions have stride h + 1; the same scorers serve both.
public struct Positions: Sendable, Equatable {
  /// The first position.
  public var first: Int
  /// How many positions.
  public var count: Int
  /// The distance between consecutive positions (≥ 1).
  public var stride: Int

  /// `count` positions from `first`, `stride` apart.
  public init(first: Int, count: Int, stride: Int = 1) {
    self.first = first
    self.count = count
    self.stride = stride
  }

  /// The consecutive positions of `range`.
  public init(_ range: Range<Int>) {
    self.init(first: range.lowerBound, count: range.count)
  }

  /// Position number `p`.
  @inline(__always) public subscript(p: Int) -> Int { first + p * stride }

  /// The last position (only when `count > 0`).
  public var last: Int { first + (count - 1) * stride }
}
