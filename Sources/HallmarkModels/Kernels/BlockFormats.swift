/// The weight layouts the kernels read in place. Each turns one 32-element block into 32
/// floats with a fixed expression (e.g. `fma(d, q, m)` for Q4_1), so that the in-place and the
/// convert-then-multiply paths compute bit-identical weights.
protocol BlockFormat {
  /// Bytes per 32 elements.
  static var blockBytes: Int { get }
  /// The 32 weights of the block at `p`: elements 0..<16 and 16..<32.
  static func weights(_ p: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>)
}

enum BlockQ41: BlockFormat {
  static var blockBytes: Int { 20 }
  @inline(__always)
  static func weights(_ p: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>) {
    let (l, h) = Kernels.nibbles(p + 4)
    let d = SIMD16<Float>(repeating: Kernels.half(p, 0))
    let m = SIMD16<Float>(repeating: Kernels.half(p, 2))
    return (m.addingProduct(d, l), m.addingProduct(d, h))
  }
}

enum BlockQ40: BlockFormat {
  static var blockBytes: Int { 18 }
  @inline(__always)
  static func weights(_ p: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>) {
    let (l, h) = Kernels.nibbles(p + 2)
    let d = Kernels.half(p, 0)
    return (d * (l - 8), d * (h - 8))
  }
}

enum BlockQ80: BlockFormat {
  static var blockBytes: Int { 34 }
  @inline(__always)
  static func weights(_ p: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>) {
    let d = Kernels.half(p, 0)
    return (d * Kernels.int8s(p + 2), d * Kernels.int8s(p + 18))
  }
}

enum BlockF16: BlockFormat {
  static var blockBytes: Int { 64 }
  @inline(__always)
  static func weights(_ p: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>) {
    let v = p.assumingMemoryBound(to: UInt16.self)
    var l = SIMD16<Float>()
    var h = SIMD16<Float>()
    for i in 0..<16 {
      l[i] = Float(Float16(bitPattern: v[i]))
      h[i] = Float(Float16(bitPattern: v[i + 16]))
    }
    return (l, h)
  }
}

enum BlockF32: BlockFormat {
  static var blockBytes: Int { 128 }
  @inline(__always)
  static func weights(_ p: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>) {
    let f = p.assumingMemoryBound(to: Float.self)
    return (Kernels.load16(f), Kernels.load16(f + 16))
  }
}
