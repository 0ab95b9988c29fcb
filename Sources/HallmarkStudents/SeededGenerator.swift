/// SplitMix64 (Steele, Lea and Flood 2014): a small deterministic random number generator, so
/// that a student's samples are the same on every machine for the same seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator that starts from `seed`.
  public init(seed: UInt64) { state = seed }

  /// A generator for item `index` of a run seeded with `seed`: independent streams per
  /// item, so that the order or parallelism of a run never changes an item's draws.
  public init(seed: UInt64, stream: UInt64, index: UInt64) {
    var mixer = SeededGenerator(seed: seed ^ 0x6A09_E667_F3BC_C908)
    let a = mixer.next() ^ stream &* 0xBB67_AE85_84CA_A73B
    var second = SeededGenerator(seed: a)
    state = second.next() ^ index &* 0x3C6E_F372_FE94_F82B
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform draw from [0, 1) with 53 random bits.
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
}
