import Testing

@testable import Hallmark

@Suite struct KeyedPRFTests {
  let prf = KeyedPRF(keys: PRFKeys(secret: Array(repeating: 7, count: 32), domain: "kgw"))

  @Test func keystreamMatchesSingleBlockWords() {
    let seed: UInt64 = 0x0123_4567_89AB_CDEF
    var all = [UInt32](repeating: 0, count: 1000)
    all.withUnsafeMutableBufferPointer { prf.words(seed: seed, count: 1000, into: $0.baseAddress!) }
    for token in [0, 1, 2, 3, 4, 5, 511, 997, 999] {
      #expect(prf.word(seed: seed, token: Int32(token)) == all[token])
    }
  }

  @Test func wordsLookUniform() {
    var all = [UInt32](repeating: 0, count: 100_000)
    all.withUnsafeMutableBufferPointer {
      prf.words(seed: 42, count: 100_000, into: $0.baseAddress!)
    }
    let below = all.filter { $0 < UInt32.max / 4 }.count
    // Binomial(100000, 0.25): sd ≈ 137.
    #expect(abs(below - 25_000) < 700)
  }

  @Test func batchedSeedsEqualSingleSeeds() {
    let tokens: [Int32] = [5, 9, 11, 2, 7, 7, 7, 100, 3, 4, 8, 1]
    for width in [0, 1, 2, 3, 4, 5, 8] {
      var out = [UInt64](repeating: 0, count: tokens.count - width + 1)
      tokens.withUnsafeBufferPointer { t in
        out.withUnsafeMutableBufferPointer { o in
          prf.seeds(
            tokens: t, width: width, positions: Positions(width..<tokens.count + 1),
            into: o.baseAddress!)
        }
      }
      for i in width...tokens.count {
        #expect(out[i - width] == prf.seed(window: Array(tokens[(i - width)..<i])))
      }
    }
  }

  @Test func seedsDependOnOrderAndWidth() {
    #expect(prf.seed(window: [1, 2]) != prf.seed(window: [2, 1]))
    #expect(prf.seed(window: [0]) != prf.seed(window: [0, 0]))
    #expect(prf.seed(window: []) != prf.seed(window: [0]))
  }
}
