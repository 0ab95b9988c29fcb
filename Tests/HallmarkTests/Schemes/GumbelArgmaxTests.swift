import Foundation
import Testing

@testable import Hallmark

/// The fast Gumbel selection is exact only if its noise bound is a true upper bound (with the
/// margin to spare) over the whole word range, and if the streamed keystream equals the whole.
@Suite struct GumbelArgmaxTests {
  static func testWords() -> [UInt32] {
    var words: [UInt32] = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, UInt32.max, UInt32.max - 1]
    var w: UInt64 = 0
    while w <= UInt64(UInt32.max) {
      words.append(UInt32(w))
      words.append(UInt32(min(UInt64(UInt32.max), w | 0xFF)))
      w += 1_048_573
    }
    // u closest to 1, and every power-of-two boundary of d = 2^32 − word and of ⌊d / 256⌋.
    for d in UInt32(1)...4096 { words.append(0 &- d) }
    for k in 0..<32 {
      let d = UInt32(1) << UInt32(k)
      words += [0 &- d, 0 &- (d &- 1), 0 &- (d &+ 1), 0 &- (d &+ 255), 0 &- (d &- 255)]
    }
    return words
  }

  @Test func noiseBoundsAreUpperBounds() {
    let margin = Double(GumbelNoiseBounds.margin)
    var worstUpperSlack = 0.0
    for word in Self.testWords() {
      let exact = GumbelArgmax.exactValue(logit: 0, word: word)
      let upper = GumbelNoiseBounds.upper(word)
      #expect(exact < Double(upper) - margin, "upper bound, word \(word)")
      if word >= 0xFD70_A3D7 && word <= UInt32.max - 65535 {
        worstUpperSlack = max(worstUpperSlack, Double(upper) - exact)
      }
    }
    // Tight where it matters: within 0.1 of the noise for u ≥ 0.99 (d' ≥ 256).
    #expect(worstUpperSlack < 0.1)
  }

  static func exactArgmax(logits: [Float], words: [UInt32]) -> Int {
    var expected = 0
    var best = -Double.infinity
    for i in logits.indices {
      let v = GumbelArgmax.exactValue(logit: logits[i], word: words[i])
      if v > best {
        best = v
        expected = i
      }
    }
    return expected
  }

  @Test func fastArgmaxEqualsExactArgmax() {
    var generator = SystemRandomNumberGenerator()
    let selection = GumbelArgmax()
    for trial in 0..<300 {
      let n = Int.random(in: 1...(trial < 250 ? 3000 : 9000), using: &generator)
      let spread = Float.random(in: 0.1...30, using: &generator)
      let logits = (0..<n).map { _ in Float.random(in: -spread..<spread, using: &generator) }
      let words = (0..<n).map { _ in UInt32.random(in: 0...UInt32.max, using: &generator) }
      let got = selection.argmax(count: n, logits: logits, words: words)
      #expect(got == Self.exactArgmax(logits: logits, words: words))
    }
  }

  @Test func tiesGoToTheLowestIndexAndLargeLogitsStayExact() {
    let selection = GumbelArgmax()
    // Equal values: every candidate the same; the first wins.
    #expect(
      selection.argmax(
        count: 5000, logits: [Float](repeating: 3, count: 5000),
        words: [UInt32](repeating: 0x9000_0000, count: 5000)) == 0)
    // Large magnitudes (binary32 spacing 1/128 at 1e5): still the exact argmax.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<50 {
      let n = 4000
      let logits = (0..<n).map { _ in 1e5 + Float(Int.random(in: 0..<64, using: &generator)) / 128 }
      let words = (0..<n).map { _ in UInt32.random(in: 0...UInt32.max, using: &generator) }
      #expect(
        selection.argmax(count: n, logits: logits, words: words)
          == Self.exactArgmax(logits: logits, words: words))
    }
    // Masked candidates (−∞) never win while another candidate is finite.
    var masked = [Float](repeating: -.infinity, count: 3000)
    masked[2500] = -40
    #expect(
      selection.argmax(count: 3000, logits: masked, words: [UInt32](repeating: 7, count: 3000))
        == 2500)
  }

  @Test(arguments: [1, 7, 2048, 2049, 49152, 152_064])
  func streamedKeystreamSelectionEqualsWholeVocabulary(vocabulary: Int) throws {
    let key = try WatermarkKey.generate(
      scheme: .gumbel(GumbelParameters()), vocabularySize: vocabulary)
    let prf = KeyedPRF(keys: key.prfKeys)
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3 {
      let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
      let logits = (0..<vocabulary).map { _ in Float.random(in: -10..<10, using: &generator) }
      var words = [UInt32](repeating: 0, count: (vocabulary + 3) / 4 * 4)
      prf.words(seed: seed, count: vocabulary, into: &words)
      let selection = GumbelArgmax()
      let streamed = selection.argmax(prf: prf, seed: seed, logits: logits, count: vocabulary)
      #expect(streamed == Self.exactArgmax(logits: logits, words: Array(words[0..<vocabulary])))
    }
  }
}
