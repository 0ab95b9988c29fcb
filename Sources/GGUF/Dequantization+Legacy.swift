/// The 32-element block types: Q8_0, Q4_0, Q4_1.
extension Dequantization {
  /// Q8_0: f16 scale `d`, 32 × int8 `q`; x = d·q.
  // swift-format-ignore: AlwaysUseLowerCamelCase
  static func q8_0(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ blocks: Int) {
    for b in 0..<blocks {
      let p = src + b * 34
      let d = half(p, 0)
      let q = (p + 2).assumingMemoryBound(to: Int8.self)
      let y = dst + b * 32
      for j in 0..<32 { y[j] = d * Float(q[j]) }
    }
  }

  /// Q4_0: f16 scale `d`, 16 bytes of nibbles; element j is the low nibble of byte j, element
  /// j+16 the high nibble; x = d·(q − 8).
  // swift-format-ignore: AlwaysUseLowerCamelCase
  static func q4_0(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ blocks: Int) {
    for b in 0..<blocks {
      let p = src + b * 18
      let d = half(p, 0)
      let q = (p + 2).assumingMemoryBound(to: UInt8.self)
      let y = dst + b * 32
      for j in 0..<16 {
        y[j] = d * Float(Int(q[j] & 0xF) - 8)
        y[j + 16] = d * Float(Int(q[j] >> 4) - 8)
      }
    }
  }

  /// Q4_1: f16 scale `d`, f16 minimum `m`, 16 bytes of nibbles (as Q4_0); x = d·q + m.
  // swift-format-ignore: AlwaysUseLowerCamelCase
  static func q4_1(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ blocks: Int) {
    for b in 0..<blocks {
      let p = src + b * 20
      let d = half(p, 0)
      let m = half(p, 2)
      let q = (p + 4).assumingMemoryBound(to: UInt8.self)
      let y = dst + b * 32
      for j in 0..<16 {
        y[j] = d * Float(q[j] & 0xF) + m
        y[j + 16] = d * Float(q[j] >> 4) + m
      }
    }
  }
}
