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

/// Q4_1 repacked at load time with its two f16 scales widened to f32 (24 bytes: `d`, `m`,
/// 16 bytes of nibbles), which saves the per-block half conversions; values are identical.
enum BlockQ41Wide: BlockFormat {
  static var blockBytes: Int { 24 }
  @inline(__always)
  static func weights(_ p: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>) {
    let (l, h) = Kernels.nibbles(p + 8)
    let d = SIMD16<Float>(repeating: p.loadUnaligned(as: Float.self))
    let m = SIMD16<Float>(repeating: p.loadUnaligned(fromByteOffset: 4, as: Float.self))
    return (m.addingProduct(d, l), m.addingProduct(d, h))
  }

  /// Repacks `blocks` Q4_1 blocks from `source` into `destination` (24 bytes each).
  static func repack(
    _ source: UnsafeRawPointer, _ destination: UnsafeMutableRawPointer, blocks: Int
  ) {
    for b in 0..<blocks {
      let s = source + b * 20
      let d = destination + b * 24
      d.storeBytes(of: Kernels.half(s, 0), as: Float.self)
      d.storeBytes(of: Kernels.half(s, 2), toByteOffset: 4, as: Float.self)
      (d + 8).copyMemory(from: s + 4, byteCount: 16)
    }
  }
}

/// Q8_0 repacked at load time with its f16 scale widened to f32 (36 bytes: `d`, 32 × int8).
enum BlockQ80Wide: BlockFormat {
  static var blockBytes: Int { 36 }
  @inline(__always)
  static func weights(_ p: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>) {
    let d = p.loadUnaligned(as: Float.self)
    return (d * Kernels.int8s(p + 4), d * Kernels.int8s(p + 20))
  }

  /// Repacks `blocks` Q8_0 blocks from `source` into `destination` (36 bytes each).
  static func repack(
    _ source: UnsafeRawPointer, _ destination: UnsafeMutableRawPointer, blocks: Int
  ) {
    for b in 0..<blocks {
      let s = source + b * 34
      let d = destination + b * 36
      d.storeBytes(of: Kernels.half(s, 0), as: Float.self)
      (d + 4).copyMemory(from: s + 2, byteCount: 32)
    }
  }
}
