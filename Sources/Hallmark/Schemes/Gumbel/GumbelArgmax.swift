import Foundation

/// The Gumbel embedder's selection, argmax over candidates of ℓ_c − ln(−ln u_c), made fast
/// enough for whole vocabularies (Spec/schemes.md#gumbel).
///
/// A vectorised pass bounds every candidate's value from above (its logit plus an upper bound
/// of its noise computed from the word's bits) and flags only those that could beat the
/// candidate of largest logit; the few flagged are evaluated in binary64. The result is the
/// exact binary64 argmax (ties to the lowest index).
final class GumbelArgmax {
  private var flags: [UInt8] = []
  /// Slack for binary32 rounding in the bound comparison (values are below about 100).
  static let margin: Float = 1e-3

  /// Index of the winning candidate among `count`, given each candidate's logit and word.
  ///
  /// Exact and cheap: the candidate with the largest logit gives a lower bound B on the best
  /// value; a candidate whose logit plus an upper bound of its noise stays below B cannot win
  /// and is skipped; the few others are evaluated exactly.
  func argmax(count: Int, logits: UnsafePointer<Float>, words: UnsafePointer<UInt32>) -> Int {
    let topLogit = FastMath.maximum(logits, count: count)
    var top = 0
    while top < count - 1 && logits[top] != topLogit { top += 1 }
    let bound = Float(Self.exactValue(logit: logits[top], word: words[top])) - Self.margin
    if flags.count < count + 8 { flags = [UInt8](repeating: 0, count: count + 8) }
    var winner = top
    var winnerValue = Self.exactValue(logit: logits[top], word: words[top])
    flags.withUnsafeMutableBufferPointer { f in
      let flag = f.baseAddress!
      // Vectorised screen: flag the candidates whose logit plus an upper bound of their noise
      // reaches the bound; only those are evaluated exactly.
      for i in 0..<count {
        flag[i] = logits[i] + Self.noiseBound(words[i]) >= bound ? 1 : 0
      }
      for i in count..<count + 8 { flag[i] = 0 }
      let raw = UnsafeRawPointer(flag)
      var i = 0
      while i < count {
        if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == 0 {
          i += 8
          continue
        }
        for k in i..<min(i + 8, count) where flag[k] != 0 {
          let value = Self.exactValue(logit: logits[k], word: words[k])
          if value > winnerValue || (value == winnerValue && k < winner) {
            winnerValue = value
            winner = k
          }
        }
        i += 8
      }
    }
    return winner
  }

  /// An upper bound of −ln(−ln u), u = (word + 1/2) / 2^32, from integer and exponent
  /// operations only (so that loops over it vectorise), with the margin included.
  ///
  /// For u < 1/2 the noise is below −ln(ln 2) < 0.37. For u ≥ 1/2, with d = 2^32 − word,
  /// −ln(−ln u) ≤ −ln(1 − u) = 32 ln 2 − ln(d − 1/2) ≤ (33 − ⌊log2 d⌋) ln 2, and
  /// ⌊log2 d⌋ ≥ ⌊log2 ⌊d / 256⌋⌋ + 8, read off the binary32 exponent of ⌊d / 256⌋ (exact below
  /// 2^24; 0 gives a huge bound, which is safe).
  @inline(__always) static func noiseBound(_ word: UInt32) -> Float {
    let d = (0 &- word) &>> 8
    let exponent = Int32(bitPattern: Float(d).bitPattern &>> 23) &- 127 &+ 8
    let upper: Float = word < 0x8000_0000 ? 0.37 : Float(33 &- exponent) * 0.693_147_2
    return upper + margin
  }

  /// The exact binary64 value ℓ − ln(−ln u), u = (word + 1/2) / 2^32.
  @inline(__always) static func exactValue(logit: Float, word: UInt32) -> Double {
    let u = (Double(word) + 0.5) * 0x1p-32
    return Double(logit) - log(-log(u))
  }
}
