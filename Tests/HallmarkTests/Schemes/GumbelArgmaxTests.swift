import Foundation
import Testing

@testable import Hallmark

/// The fast Gumbel selection is exact only if its binary32 approximation stays well inside the
/// re-check margin over the whole word range.
@Suite struct GumbelArgmaxTests {
  @Test func noiseBoundsAreUpperBounds() {
    var words: [UInt32] = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, UInt32.max, UInt32.max - 1]
    var w: UInt64 = 0
    while w <= UInt64(UInt32.max) {
      words.append(UInt32(w))
      words.append(UInt32(min(UInt64(UInt32.max), w | 0xFF)))
      w += 1_048_573
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
