/// SIMD kernels between weight rows (quantized or float) and float activations.
///
/// Activations stay in `Float` (no activation quantization, unlike llama.cpp), so results
/// differ from a float32 reference only by rounding order. Every kernel computes a weight as
/// the same expression (e.g. `fma(d, q, m)` for Q4_1) and accumulates `w·x` into one 16-lane
/// accumulator in column order, whether it works on the quantized row in place (one activation
/// row) or on a row converted to floats first (a batch): so a sequence's logits are
/// bit-identical whatever else is in the batch. Nibbles and int8 values are widened lane by
/// lane (which LLVM vectorises), not through the stdlib's generic SIMD conversions.
enum Kernels {
  @inline(__always)
  static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
    Float(Float16(bitPattern: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
  }

  @inline(__always)
  static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
  }

  @inline(__always)
  static func store16(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
  }

  /// The 32 nibbles of a Q4 block as floats: low nibbles (elements 0..<16), high (16..<32).
  @inline(__always)
  static func nibbles(_ q: UnsafeRawPointer) -> (SIMD16<Float>, SIMD16<Float>) {
    let v = q.loadUnaligned(as: SIMD16<UInt8>.self)
    let lo = v & 0xF
    let hi = v &>> 4
    var l = SIMD16<Float>()
    var h = SIMD16<Float>()
    for i in 0..<16 {
      l[i] = Float(Int32(lo[i]))
      h[i] = Float(Int32(hi[i]))
    }
    return (l, h)
  }

  @inline(__always)
  static func int8s(_ q: UnsafeRawPointer) -> SIMD16<Float> {
    let v = q.loadUnaligned(as: SIMD16<Int8>.self)
    var f = SIMD16<Float>()
    for i in 0..<16 { f[i] = Float(Int32(v[i])) }
    return f
  }

  /// The weights of 32-element block `b` as two 16-lane vectors.
  @inline(__always)
  static func block(
    _ type: Int, _ row: UnsafeRawPointer, _ b: Int
  ) -> (SIMD16<Float>, SIMD16<Float>) {
    switch type {
    case 3:  // Q4_1: fma(d, q, m)
      let p = row + b &* 20
      let (l, h) = nibbles(p + 4)
      let d = SIMD16<Float>(repeating: half(p, 0))
      let m = SIMD16<Float>(repeating: half(p, 2))
      return (m.addingProduct(d, l), m.addingProduct(d, h))
    case 8:  // Q8_0: d·q
      let p = row + b &* 34
      let d = half(p, 0)
      return (d * int8s(p + 2), d * int8s(p + 18))
    case 2:  // Q4_0: d·(q − 8)
      let p = row + b &* 18
      let (l, h) = nibbles(p + 2)
      let d = half(p, 0)
      return (d * (l - 8), d * (h - 8))
    case 1:  // F16
      let p = (row + b &* 64).assumingMemoryBound(to: UInt16.self)
      var l = SIMD16<Float>()
      var h = SIMD16<Float>()
      for i in 0..<16 {
        l[i] = Float(Float16(bitPattern: p[i]))
        h[i] = Float(Float16(bitPattern: p[i + 16]))
      }
      return (l, h)
    default:  // F32
      let p = (row + b &* 128).assumingMemoryBound(to: Float.self)
      return (load16(p), load16(p + 16))
    }
  }

  /// Converts a weight row (`columns` elements) to floats.
  @inline(__always)
  static func dequantize(
    _ type: Int, _ row: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>, _ columns: Int
  ) {
    for b in 0..<columns / 32 {
      let (l, h) = block(type, row, b)
      store16(l, out + b &* 32)
      store16(h, out + b &* 32 + 16)
    }
  }

  /// Weight row · x, in place.
  @inline(__always)
  static func dot(
    _ type: Int, _ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ columns: Int
  ) -> Float {
    var acc = SIMD16<Float>()
    for b in 0..<columns / 32 {
      let (l, h) = block(type, row, b)
      acc = acc.addingProduct(l, load16(x + b &* 32))
      acc = acc.addingProduct(h, load16(x + b &* 32 + 16))
    }
    return acc.sum()
  }

  /// Float row · x (n a multiple of 16), in the same order as ``dot(_:_:_:_:)``.
  @inline(__always)
  static func dot1(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD16<Float>()
    var i = 0
    while i < n {
      acc = acc.addingProduct(load16(w + i), load16(x + i))
      i &+= 16
    }
    return acc.sum()
  }

  /// Four dot products of one float row `w` with rows `x0…x3` at once (w read once), each in
  /// the same order as ``dot1(_:_:_:)``.
  @inline(__always)
  static func dot4(
    _ w: UnsafePointer<Float>, _ x0: UnsafePointer<Float>, _ x1: UnsafePointer<Float>,
    _ x2: UnsafePointer<Float>, _ x3: UnsafePointer<Float>, _ n: Int
  ) -> SIMD4<Float> {
    var a0 = SIMD16<Float>()
    var a1 = SIMD16<Float>()
    var a2 = SIMD16<Float>()
    var a3 = SIMD16<Float>()
    var i = 0
    while i < n {
      let wv = load16(w + i)
      a0 = a0.addingProduct(wv, load16(x0 + i))
      a1 = a1.addingProduct(wv, load16(x1 + i))
      a2 = a2.addingProduct(wv, load16(x2 + i))
      a3 = a3.addingProduct(wv, load16(x3 + i))
      i &+= 16
    }
    return SIMD4(a0.sum(), a1.sum(), a2.sum(), a3.sum())
  }
}
