import Foundation
import Testing

@testable import Hallmark

/// The fast Gumbel selection is exact only if its noise bound is a true upper bound (with the
/// margin to spare) over the whole word range.
@Suite struct GumbelArgmaxTests {
  @Test func noiseBoundsAreUpperBounds() {
    var words: [UInt32] = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, UInt32.max, UInt32.max - 1]
    var w: UInt64 = 0
    while w <= UInt64(UInt32.max) {
      words.append(UInt32(w))
      words.append(UInt32(min(UInt64(UInt32.max), w | 0xFF)))
      w += 1_048_573
    }
    // u closest to 1, and every power-of-two boundary of d = 2^32 − word.
    for d in UInt32(1)...4096 { words.append(0 &- d) }
    for k in 0..<32 {
      let d = UInt32(1) << UInt32(k)
      words += [0 &- d, 0 &- (d &- 1), 0 &- (d &+ 1)]
    }
    for word in words {
      let exact = GumbelArgmax.exactValue(logit: 0, word: word)
      let bound = Double(GumbelArgmax.noiseBound(word))
      #expect(exact < bound - Double(GumbelArgmax.margin), "word \(word)")
    }
  }

  @Test func fastArgmaxEqualsExactArgmax() {
    var generator = SystemRandomNumberGenerator()
    let selection = GumbelArgmax()
    for _ in 0..<200 {
      let n = Int.random(in: 1...3000, using: &generator)
      let spread = Float.random(in: 0.1...30, using: &generator)
      let logits = (0..<n).map { _ in Float.random(in: -spread..<spread, using: &generator) }
      let words = (0..<n).map { _ in UInt32.random(in: 0...UInt32.max, using: &generator) }
      var expected = 0
      var best = -Double.infinity
      for i in 0..<n {
        let v = GumbelArgmax.exactValue(logit: logits[i], word: words[i])
        if v > best {
          best = v
          expected = i
        }
      }
      let got = selection.argmax(count: n, logits: logits, words: words)
      #expect(got == expected)
    }
  }
}
