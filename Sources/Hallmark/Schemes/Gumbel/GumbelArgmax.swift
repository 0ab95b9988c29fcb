import Foundation

/// The Gumbel embedder's selection, argmax over candidates of ℓ_c − ln(−ln u_c), made fast
/// enough for whole vocabularies (Spec/schemes.md#gumbel).
///
/// A first, vectorised pass evaluates every candidate with a binary32 logarithm accurate to
/// about 1e-6; a second pass re-evaluates in binary64 with the library logarithm only the few
/// candidates within `margin` of the approximate maximum. The result is the exact binary64
/// argmax whenever the approximation error is below margin / 2 (tested over the word range).
final class GumbelArgmax {
  private var approximate: [Float] = []
  /// The approximate values are within 1e-5 of the exact ones; the margin leaves room.
  static let margin: Float = 1e-3

  /// Index of the winning candidate among `count`, given each candidate's logit and word.
  func argmax(count: Int, logits: UnsafePointer<Float>, words: UnsafePointer<UInt32>) -> Int {
    if approximate.count < count { approximate = [Float](repeating: 0, count: count) }
    return approximate.withUnsafeMutableBufferPointer { a in
      let v = a.baseAddress!
      for i in 0..<count { v[i] = logits[i] + Self.approximateNoise(words[i]) }
      let best = FastMath.maximum(v, count: count)
      let cut = best - Self.margin
      var winner = 0
      var winnerValue = -Double.infinity
      for i in 0..<count where v[i] >= cut {
        let value = Self.exactValue(logit: logits[i], word: words[i])
        if value > winnerValue {
          winnerValue = value
          winner = i
        }
      }
      return winner
    }
  }

  /// The exact binary64 value ℓ − ln(−ln u), u = (word + 1/2) / 2^32.
  @inline(__always) static func exactValue(logit: Float, word: UInt32) -> Double {
    let u = (Double(word) + 0.5) * 0x1p-32
    return Double(logit) - log(-log(u))
  }

  /// −ln(−ln u) in binary32 without library calls or divisions, so loops over it vectorise.
  @inline(__always) static func approximateNoise(_ word: UInt32) -> Float {
    // E = −ln u. For u < 1/2 take the logarithm of u directly; for u ≥ 1/2 use
    // t = 1 − u (exact from the integer): a short series when t is small, where 1 − t would
    // lose t's bits, and the logarithm of 1 − t otherwise.
    let u = (Float(word) + 0.5) * 0x1p-32
    let t = (Float(UInt32.max &- word) + 0.5) * 0x1p-32
    let series = t + t * t * (0.5 + t * 0.333_333_34)
    let upper = t < 0.015_625 ? series : -approximateLog(1 - t)
    let e = word < 0x8000_0000 ? -approximateLog(u) : upper
    return -approximateLog(e)
  }

  /// ln x for positive normal binary32 x, absolute error about 2e-7 (Cephes-style minimax
  /// polynomial on [√½, √2), no division).
  @inline(__always) static func approximateLog(_ x: Float) -> Float {
    let bits = x.bitPattern
    var exponent = Float(Int32(bitPattern: (bits &>> 23) & 0xFF) &- 127)
    var m = Float(bitPattern: (bits & 0x7F_FFFF) | 0x3F80_0000)
    let big = m > 1.414_213_5
    m = big ? m * 0.5 : m
    exponent = big ? exponent + 1 : exponent
    let f = m - 1
    let z = f * f
    // Fused multiply-adds (binary32): only a filter, the winner is re-checked in binary64.
    var p: Float = 7.037_683_6e-2
    p = (-1.151_461_0e-1 as Float).addingProduct(p, f)
    p = (1.167_699_9e-1 as Float).addingProduct(p, f)
    p = (-1.242_014_1e-1 as Float).addingProduct(p, f)
    p = (1.424_932_3e-1 as Float).addingProduct(p, f)
    p = (-1.666_805_8e-1 as Float).addingProduct(p, f)
    p = (2.000_071_5e-1 as Float).addingProduct(p, f)
    p = (-2.499_999_4e-1 as Float).addingProduct(p, f)
    p = (3.333_333_1e-1 as Float).addingProduct(p, f)
    let y = f * z * p - 0.5 * z
    return f + y + exponent * 0.693_147_18
  }
}
