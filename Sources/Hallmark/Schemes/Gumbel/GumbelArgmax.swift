import Foundation

/// The Gumbel embedder's selection, argmax over candidates of ℓ_c − ln(−ln u_c), made fast
/// enough for whole vocabularies (Spec/schemes.md#gumbel).
///
/// A cheap pass bounds every candidate's value from above with a 256-entry table of the
/// noise's maximum per top byte of its word, and drops those that cannot beat the candidate of
/// largest logit; only the few left are evaluated in binary64. The result is the exact binary64
/// argmax (ties to the lowest index).
final class GumbelArgmax {
  private var survivors: [Int32] = []
  /// Slack for binary32 rounding in the bound comparison (values are below about 100).
  static let margin: Float = 1e-3

  /// An upper bound of −ln(−ln u) for each value of a word's top 8 bits: the value at the
  /// bucket's upper edge (g is increasing in u), plus the margin.
  static let bucketBound: [Float] = (0..<256).map { k in
    let upper = k == 255 ? (Double(UInt32.max) + 0.5) * 0x1p-32 : Double(k + 1) / 256
    return Float(-log(-log(upper))) + 2 * margin
  }

  /// Index of the winning candidate among `count`, given each candidate's logit and word.
  ///
  /// Exact and cheap: the candidate with the largest logit gives a lower bound B on the best
  /// value; a candidate whose logit plus its bucket's upper bound of the noise stays below B
  /// cannot win and is skipped; the few others are evaluated exactly.
  func argmax(count: Int, logits: UnsafePointer<Float>, words: UnsafePointer<UInt32>) -> Int {
    let topLogit = FastMath.maximum(logits, count: count)
    var top = 0
    while top < count - 1 && logits[top] != topLogit { top += 1 }
    let bound = Float(Self.exactValue(logit: logits[top], word: words[top])) - Self.margin
    survivors.removeAll(keepingCapacity: true)
    Self.bucketBound.withUnsafeBufferPointer { table in
      let t = table.baseAddress!
      for i in 0..<count where logits[i] + t[Int(words[i] &>> 24)] >= bound {
        survivors.append(Int32(i))
      }
    }
    var winner = top
    var winnerValue = Self.exactValue(logit: logits[top], word: words[top])
    for s in survivors {
      let i = Int(s)
      let value = Self.exactValue(logit: logits[i], word: words[i])
      if value > winnerValue || (value == winnerValue && i < winner) {
        winnerValue = value
        winner = i
      }
    }
    return winner
  }

  /// The exact binary64 value ℓ − ln(−ln u), u = (word + 1/2) / 2^32.
  @inline(__always) static func exactValue(logit: Float, word: UInt32) -> Double {
    let u = (Double(word) + 0.5) * 0x1p-32
    return Double(logit) - log(-log(u))
  }
}
