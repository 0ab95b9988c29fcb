/// The 256-element "k-quant" super-block types: Q4_K and Q6_K.
extension Dequantization {
  /// The 6-bit scale and minimum of sub-block `j` (0..<8) of a Q4_K/Q5_K super-block, packed in
  /// 12 bytes (`get_scale_min_k4` in ggml).
  @inline(__always)
  static func scaleMinK4(_ j: Int, _ q: UnsafePointer<UInt8>) -> (Float, Float) {
    if j < 4 {
      return (Float(q[j] & 63), Float(q[j + 4] & 63))
    }
    let sc = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4)
    let m = (q[j + 4] >> 4) | ((q[j] >> 6) << 4)
    return (Float(sc), Float(m))
  }

  /// Q4_K (144 bytes): f16 `d`, f16 `dmin`, 12 bytes of 6-bit scales and minimums for eight
  /// 32-element sub-blocks, 128 bytes of nibbles. Each 64 elements use 32 bytes: low nibbles
  /// for the first sub-block, high nibbles for the second; x = d·sc·q − dmin·m.
  // swift-format-ignore: AlwaysUseLowerCamelCase
  static func q4_K(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ blocks: Int) {
    for b in 0..<blocks {
      let p = src + b * 144
      let d = half(p, 0)
      let dmin = half(p, 2)
      let scales = (p + 4).assumingMemoryBound(to: UInt8.self)
      var q = (p + 16).assumingMemoryBound(to: UInt8.self)
      var y = dst + b * 256
      for pair in 0..<4 {
        let (sc1, m1) = scaleMinK4(2 * pair, scales)
        let (sc2, m2) = scaleMinK4(2 * pair + 1, scales)
        let d1 = d * sc1
        let d2 = d * sc2
        let o1 = dmin * m1
        let o2 = dmin * m2
        for l in 0..<32 {
          y[l] = d1 * Float(q[l] & 0xF) - o1
          y[l + 32] = d2 * Float(q[l] >> 4) - o2
        }
        q += 32
        y += 64
      }
    }
  }

  /// Q6_K (210 bytes): 128 bytes of low nibbles `ql`, 64 bytes of high 2-bit pairs `qh`,
  /// 16 int8 scales, f16 `d`; x = d·scale·(q − 32) with q the 6-bit value.
  // swift-format-ignore: AlwaysUseLowerCamelCase
  static func q6_K(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ blocks: Int) {
    for b in 0..<blocks {
      let p = src + b * 210
      var ql = p.assumingMemoryBound(to: UInt8.self)
      var qh = (p + 128).assumingMemoryBound(to: UInt8.self)
      var sc = (p + 192).assumingMemoryBound(to: Int8.self)
      let d = half(p, 208)
      var y = dst + b * 256
      for _ in 0..<2 {
        for l in 0..<32 {
          let s = l / 16
          let q1 = Int(ql[l] & 0xF | ((qh[l] >> 0) & 3) << 4) - 32
          let q2 = Int(ql[l + 32] & 0xF | ((qh[l] >> 2) & 3) << 4) - 32
          let q3 = Int(ql[l] >> 4 | ((qh[l] >> 4) & 3) << 4) - 32
          let q4 = Int(ql[l + 32] >> 4 | ((qh[l] >> 6) & 3) << 4) - 32
          y[l] = d * Float(sc[s]) * Float(q1)
          y[l + 32] = d * Float(sc[s + 2]) * Float(q2)
          y[l + 64] = d * Float(sc[s + 4]) * Float(q3)
          y[l + 96] = d * Float(sc[s + 6]) * Float(q4)
        }
        y += 128
        ql += 64
        qh += 32
        sc += 8
      }
    }
  }
}
