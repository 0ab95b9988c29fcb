/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator, identical on every
/// platform. Used for sampling so that a seed reproduces a completion exactly (the step's
/// uniform r of Spec/sampling.md), and wherever a run must be reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose stream is determined by `seed`.
  public init(seed: UInt64) { state = seed }

  /// A generator for stream `stream` of `seed` (e.g. one per sequence of a batch).
  public init(seed: UInt64, stream: UInt64) {
    var g = SplitMix64(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
    state = g.next()
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) from the top 53 bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }
}
