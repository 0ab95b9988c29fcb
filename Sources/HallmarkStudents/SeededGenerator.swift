import Hallmark

/// The core's `SplitMix64` with per-item streams, so that a student's samples are the same on
/// every machine for the same seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var base: SplitMix64

  /// A generator that starts from `seed`.
  public init(seed: UInt64) { base = SplitMix64(seed: seed) }

  /// A generator for item `index` of a run seeded with `seed`: independent streams per
  /// item, so that the order or parallelism of a run never changes an item's draws.
  public init(seed: UInt64, stream: UInt64, index: UInt64) {
    var mixer = SeededGenerator(seed: seed ^ 0x6A09_E667_F3BC_C908)
    let a = mixer.next() ^ stream &* 0xBB67_AE85_84CA_A73B
    var second = SeededGenerator(seed: a)
    base = SplitMix64(seed: second.next() ^ index &* 0x3C6E_F372_FE94_F82B)
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 { base.next() }

  /// A uniform draw from [0, 1) with 53 random bits.
  public mutating func uniform() -> Double { base.uniform() }
}
