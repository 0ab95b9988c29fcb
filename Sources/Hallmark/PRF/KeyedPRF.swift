/// The keyed PRF shared by every scheme (Spec/prf.md).
///
/// - `seed(window)`: a 64-bit seed for a context window of token ids, the AES-128 CBC-MAC
///   (key `contextKey`, zero IV) of `LE32(h) ‖ LE32(w1) ‖ … ‖ LE32(wh)`, zero-padded to whole
///   16-byte blocks; the seed is the first 8 bytes of the last block, little-endian.
/// - `word(seed, token)`: a 32-bit word per candidate token. Block `j` of the expansion is
///   `AES(expandKey, LE64(seed) ‖ BE64(j))`; token `c` takes bytes `4(c mod 4)..<4(c mod 4)+4`
///   of block `c / 4` as a little-endian `UInt32`. The layout makes a whole vocabulary's
///   expansion one AES-128-CTR keystream, while single tokens are scored with batched ECB.
///
/// Not thread-safe (it owns OpenSSL contexts and scratch buffers): one instance per thread.
public final class KeyedPRF {
  private let contextCipher: AES128
  private let expandCipher: AES128
  private var blocks: [SIMD2<UInt64>] = []
  private var states: [SIMD2<UInt64>] = []
  private var seedScratch: [UInt64] = []

  /// The keys this PRF was made from.
  public let keys: PRFKeys

  /// A PRF for `keys`.
  public init(keys: PRFKeys) {
    self.keys = keys
    contextCipher = AES128(key: keys.contextKey)
    expandCipher = AES128(key: keys.expandKey)
  }

  /// The number of 16-byte CBC-MAC blocks for a window of `width` tokens.
  @inline(__always) static func blockCount(width: Int) -> Int { (4 + 4 * width + 15) / 16 }

  /// The seed of one context window.
  public func seed(window: UnsafeBufferPointer<Int32>) -> UInt64 {
    var out: UInt64 = 0
    seeds(
      tokens: window, width: window.count, positions: Positions(first: window.count, count: 1),
      into: &out)
    return out
  }

  /// The seed of one context window.
  public func seed(window: [Int32]) -> UInt64 {
    window.withUnsafeBufferPointer { seed(window: $0) }
  }

  /// Seeds for many windows at once: for the p-th position `i` of `positions`, the window is
  /// `tokens[i - width ..< i]` (every `i >= width` and `i <= tokens.count`); into `out[p]`.
  public func seeds(
    tokens: UnsafeBufferPointer<Int32>, width: Int, positions: Positions,
    into out: UnsafeMutablePointer<UInt64>
  ) {
    let n = positions.count
    guard n > 0 else { return }
    precondition(positions.first >= width && positions.last <= tokens.count)
    let rounds = Self.blockCount(width: width)
    if states.count < n { states = [SIMD2<UInt64>](repeating: .zero, count: n) }
    if blocks.count < n { blocks = [SIMD2<UInt64>](repeating: .zero, count: n) }
    let base = tokens.baseAddress!
    states.withUnsafeMutableBufferPointer { state in
      blocks.withUnsafeMutableBufferPointer { block in
        for round in 0..<rounds {
          // Word k of the message (k = 0 is the width, k >= 1 the window's ids).
          for p in 0..<n {
            let windowStart = positions[p] - width
            var lanes = SIMD4<UInt32>.zero
            for lane in 0..<4 {
              let k = round * 4 + lane
              if k == 0 {
                lanes[lane] = UInt32(width)
              } else if k <= width {
                lanes[lane] = UInt32(bitPattern: base[windowStart + k - 1])
              }
            }
            let words = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
            block[p] = round == 0 ? words : (words ^ state[p])
          }
          contextCipher.encryptBlocks(block.baseAddress!, state.baseAddress!, count: n)
        }
        for p in 0..<n { out[p] = UInt64(littleEndian: state[p][0]) }
      }
    }
  }

  /// Writes the words of tokens `0 ..< count` for `seed` into `out` (CTR keystream);
  /// `count` is rounded up to a multiple of 4 internally, so `out` must hold that many.
  public func words(seed: UInt64, count: Int, into out: UnsafeMutablePointer<UInt32>) {
    var iv = (seed.littleEndian, UInt64(0))
    expandCipher.keystream(iv: &iv, into: UnsafeMutableRawPointer(out), count: (count + 3) / 4)
  }

  /// Starts the keystream of `seed` for `continueWords`: the same words as
  /// `words(seed:count:into:)`, delivered in pieces.
  public func startWords(seed: UInt64) {
    var iv = (seed.littleEndian, UInt64(0))
    expandCipher.startKeystream(iv: &iv)
  }

  /// Writes the words of the next `count` tokens of the keystream started by `startWords`;
  /// `count` is rounded up to a multiple of 4, so it must be one except in the last piece.
  public func continueWords(count: Int, into out: UnsafeMutablePointer<UInt32>) {
    expandCipher.continueKeystream(into: UnsafeMutableRawPointer(out), count: (count + 3) / 4)
  }

  /// The word of each `(seeds[p], tokens[p * tokenStride])` pair, batched (ECB), into `out[p]`.
  public func words(
    seeds: UnsafePointer<UInt64>, tokens: UnsafePointer<Int32>, count n: Int,
    tokenStride: Int = 1, into out: UnsafeMutablePointer<UInt32>
  ) {
    guard n > 0 else { return }
    if blocks.count < n { blocks = [SIMD2<UInt64>](repeating: .zero, count: n) }
    blocks.withUnsafeMutableBufferPointer { block in
      for p in 0..<n {
        let j = UInt64(UInt32(bitPattern: tokens[p * tokenStride]) >> 2)
        block[p] = SIMD2(seeds[p].littleEndian, j.bigEndian)
      }
      expandCipher.encryptBlocks(block.baseAddress!, block.baseAddress!, count: n)
      let raw = UnsafeRawPointer(block.baseAddress!)
      for p in 0..<n {
        let lane = Int(tokens[p * tokenStride] & 3)
        out[p] = UInt32(
          littleEndian: raw.loadUnaligned(fromByteOffset: p * 16 + lane * 4, as: UInt32.self))
      }
    }
  }

  /// The words of `tokens[0..<n]` under one `seed` (batched ECB); for a few candidates out of a
  /// large vocabulary this is cheaper than the whole keystream.
  public func words(
    seed: UInt64, tokens: UnsafePointer<Int32>, count n: Int, into out: UnsafeMutablePointer<UInt32>
  ) {
    if seedScratch.count < n { seedScratch = [UInt64](repeating: 0, count: n) }
    seedScratch.withUnsafeMutableBufferPointer { s in
      s.update(repeating: seed)
      words(seeds: s.baseAddress!, tokens: tokens, count: n, into: out)
    }
  }

  /// The word of one `(seed, token)` pair.
  public func word(seed: UInt64, token: Int32) -> UInt32 {
    var s = seed
    var t = token
    var out: UInt32 = 0
    words(seeds: &s, tokens: &t, count: 1, into: &out)
    return out
  }
}
