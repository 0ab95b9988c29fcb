/// Branch-free Float math written so that the compiler vectorises loops over buffers.
///
/// Used for softmax over whole vocabularies, where a library `expf` call per entry would cost
/// more than the rest of a decode step. Deterministic: plain IEEE operations, no FMA.
enum FastMath {
  /// e^x for x ≤ 0 (softmax after subtracting the maximum), relative error below 2e-7;
  /// returns 0 below -87. Only wrapping integer operations, so loops over it vectorise.
  @inline(__always) static func expNonPositive(_ x: Float) -> Float {
    let clamped = x < -87 ? -87 : x
    // Round-to-nearest through the 1.5 · 2^23 trick: the low bits of `shifted` hold n.
    let magic: Float = 12_582_912
    let shifted = clamped * 1.442_695_04 + magic
    let n = shifted - magic
    let ni = shifted.bitPattern &- magic.bitPattern
    // Cody–Waite reduction: r = x - n ln 2 in two parts.
    let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p: Float = 1.987_569_1e-4
    p = p * r + 1.398_199_9e-3
    p = p * r + 8.333_452e-3
    p = p * r + 4.166_579_6e-2
    p = p * r + 0.166_666_66
    p = p * r + 0.5
    p = p * r * r + r + 1
    let scale = Float(bitPattern: (ni &+ 127) &<< 23)
    return x < -87 ? 0 : p * scale
  }

  /// The largest value (NaN-free input), eight lanes at a time.
  static func maximum(_ values: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD8<Float>(repeating: -.infinity)
    var i = 0
    let raw = UnsafeRawPointer(values)
    while i + 8 <= count {
      let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
      lanes.replace(with: v, where: v .> lanes)
      i += 8
    }
    var best = lanes.max()
    while i < count {
      best = values[i] > best ? values[i] : best
      i += 1
    }
    return best
  }

  /// Replaces `values[i]` by e^(values[i] - shift) for all i and returns their sum.
  static func expShifted(_ values: UnsafeMutableBufferPointer<Float>, shift: Float) -> Double {
    var total: Double = 0
    let count = values.count
    let base = values.baseAddress!
    var start = 0
    // Sum in Float over blocks (vectorised), accumulate blocks in Double.
    while start < count {
      let end = min(start + 4096, count)
      var partial: Float = 0
      for i in start..<end {
        let e = expNonPositive(base[i] - shift)
        base[i] = e
        partial += e
      }
      total += Double(partial)
      start = end
    }
    return total
  }
}
