import Foundation

/// Exponential-minimum ("Gumbel") sampling, detection side (Aaronson 2022; Fernandez et al.
/// 2023): a token scores −ln(1 − u) for its keyed uniform u, Exp(1) under the null, so n
/// scored tokens sum to Gamma(n, 1) (Spec/schemes.md#gumbel).
public final class GumbelScorer: Scorer {
  public let scheme: SchemeParameters
  public let null = NullDistribution.gamma
  private let windowWords: WindowWords

  /// A scorer for `key` (a Gumbel key).
  public init(key: WatermarkKey) {
    scheme = key.scheme
    windowWords = WindowWords(key: key)
  }

  public func score(
    tokens: UnsafeBufferPointer<Int32>, positions: Positions,
    windowSeeds: UnsafeMutablePointer<UInt64>, scores: UnsafeMutablePointer<Double>
  ) {
    windowWords.compute(tokens: tokens, positions: positions, windowSeeds: windowSeeds) { w in
      for p in 0..<w.count { scores[p] = Self.tokenScore(word: w[p]) }
    }
  }

  /// −ln(1 − u) with u = (word + 1/2) / 2^32; 1 − u is exact in Double.
  @inline(__always) static func tokenScore(word: UInt32) -> Double {
    -PortableMath.log((4_294_967_295.5 - Double(word)) * 0x1p-32)
  }
}
