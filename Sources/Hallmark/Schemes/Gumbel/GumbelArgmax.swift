import Foundation

/// The Gumbel embedder's selection, argmax over candidates of ℓ_c − ln(−ln u_c), made fast
/// enough for whole vocabularies (Spec/schemes.md#gumbel).
///
/// Candidates are taken in chunks small enough to stay in the first-level cache. One
/// vectorised pass bounds each candidate's value from above (`GumbelNoiseBounds`) and flags
/// those that reach the cut, a value safely below the best exact value so far (in the first
/// chunk: the exact value of the candidate with the largest bound); only flagged candidates
/// are evaluated in binary64, which may raise the cut. The result is the exact binary64
/// argmax (ties to the lowest index): a candidate that could win or tie is always flagged.
/// For a whole vocabulary the PRF words are generated chunk by chunk into a small buffer, so
/// the keystream never travels through memory.
final class GumbelArgmax {
  static let chunk = 2048
  private var upper = [Float](repeating: 0, count: chunk)
  private var flags = [UInt8](repeating: 0, count: chunk)
  private var chunkWords = [UInt32](repeating: 0, count: chunk)

  /// The running state of one selection.
  private struct Best {
    var index = Int.max
    var value = -Double.infinity
    var cut = -Float.greatestFiniteMagnitude
  }

  /// Index of the winning token among `0..<count` (the whole vocabulary), the words being the
  /// PRF keystream of `seed`.
  func argmax(prf: KeyedPRF, seed: UInt64, logits: UnsafePointer<Float>, count: Int) -> Int {
    var best = Best()
    prf.startWords(seed: seed)
    chunkWords.withUnsafeMutableBufferPointer { w in
      var start = 0
      while start < count {
        let n = min(Self.chunk, count - start)
        prf.continueWords(count: n, into: w.baseAddress!)
        scan(logits: logits + start, words: w.baseAddress!, count: n, offset: start, best: &best)
        start += n
      }
    }
    return best.index == Int.max ? 0 : best.index
  }

  /// Index of the winning candidate among `count`, given each candidate's logit and word.
  func argmax(count: Int, logits: UnsafePointer<Float>, words: UnsafePointer<UInt32>) -> Int {
    var best = Best()
    var start = 0
    while start < count {
      let n = min(Self.chunk, count - start)
      scan(logits: logits + start, words: words + start, count: n, offset: start, best: &best)
      start += n
    }
    return best.index == Int.max ? 0 : best.index
  }

  /// One chunk: flag the candidates whose upper bound reaches the cut, evaluate those exactly.
  private func scan(
    logits: UnsafePointer<Float>, words: UnsafePointer<UInt32>, count: Int, offset: Int,
    best: inout Best
  ) {
    let flag = flags.withUnsafeMutableBufferPointer { $0.baseAddress! }
    if best.index == Int.max {
      // No value known yet: evaluate the candidate of largest upper bound, whose exact value
      // is a good first cut, then screen the stored bounds against it.
      let up = upper.withUnsafeMutableBufferPointer { $0.baseAddress! }
      for i in 0..<count { up[i] = logits[i] + GumbelNoiseBounds.upper(words[i]) }
      let top = FastMath.maximum(up, count: count)
      // Nothing finite in this chunk (all masked or NaN): leave it to the next chunk.
      guard top > -.infinity else { return }
      var k = 0
      while up[k] != top { k += 1 }
      consider(k, logits: logits, words: words, offset: offset, best: &best)
      let cut = best.cut
      for i in 0..<count { flag[i] = up[i] >= cut ? 1 : 0 }
    } else {
      // The usual case: bounds and screen in one vectorised pass.
      let cut = best.cut
      for i in 0..<count {
        flag[i] = logits[i] + GumbelNoiseBounds.upper(words[i]) >= cut ? 1 : 0
      }
    }
    let padded = (count + 7) & ~7
    for i in count..<padded { flag[i] = 0 }
    let raw = UnsafeRawPointer(flag)
    var i = 0
    while i < padded {
      if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) != 0 {
        for k in i..<i + 8 where flag[k] != 0 {
          consider(k, logits: logits, words: words, offset: offset, best: &best)
        }
      }
      i += 8
    }
  }

  /// Evaluates candidate `k` of the chunk exactly and keeps it if it beats the best so far.
  @inline(__always) private func consider(
    _ k: Int, logits: UnsafePointer<Float>, words: UnsafePointer<UInt32>, offset: Int,
    best: inout Best
  ) {
    let value = Self.exactValue(logit: logits[k], word: words[k])
    let index = offset + k
    if value > best.value || (value == best.value && index < best.index) {
      best.value = value
      best.index = index
      best.cut = max(best.cut, Self.cut(below: Float(value)))
    }
  }

  /// A threshold safely below `value` (an exact value, rounded to binary32), never −∞ so
  /// that masked candidates are never flagged: the margin covers binary32 rounding of the
  /// bounds at this magnitude.
  @inline(__always) static func cut(below value: Float) -> Float {
    guard value.isFinite else {
      return value == .infinity ? .infinity : -.greatestFiniteMagnitude
    }
    return max(
      value - GumbelNoiseBounds.margin - abs(value) * 0x1p-14, -.greatestFiniteMagnitude)
  }

  /// The exact binary64 value ℓ − ln(−ln u), u = (word + 1/2) / 2^32.
  @inline(__always) static func exactValue(logit: Float, word: UInt32) -> Double {
    let u = (Double(word) + 0.5) * 0x1p-32
    return Double(logit) - log(-log(u))
  }
}
