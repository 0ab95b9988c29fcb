/// SIMD kernels between weight rows (quantized or float) and float activations.
///
/// Activations stay in `Float` (no activation quantization, unlike llama.cpp), so results
/// differ from a float32 reference only by rounding order. Every path computes a weight with
/// its ``BlockFormat`` expression and accumulates `w·x` block by block into two 16-lane
/// accumulators (first and second half of each 32-element block: four independent 8-lane
/// chains), reduced by ``reduce(_:_:)`` at the end, whether it
/// reads the quantized row in place (one activation row) or a row converted to floats first
/// (a batch): so a sequence's logits are bit-identical whatever else is in the batch. Nibbles
/// and int8 values are widened lane by lane (which LLVM vectorises), not through the stdlib's
/// generic SIMD conversions.
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

  /// The canonical reduction of the two accumulators: `lo + hi`, then halves added pairwise
  /// (16 → 8 → 4 → 2 → 1 lanes), a fixed tree that every kernel uses.
  @inline(__always)
  static func reduce(_ lo: SIMD16<Float>, _ hi: SIMD16<Float>) -> Float {
    let v16 = lo + hi
    let v8 = v16.lowHalf + v16.highHalf
    let v4 = v8.lowHalf + v8.highHalf
    let v2 = v4.lowHalf + v4.highHalf
    return v2[0] + v2[1]
  }

  /// Rows `rows` of `w` times one activation row `x`, in place: `y[r] = w[r]·x`.
  @inline(__always)
  static func rowsTimesVector<F: BlockFormat>(
    _: F.Type, _ w: WeightMatrix, _ rows: Range<Int>, _ x: UnsafePointer<Float>,
    _ y: UnsafeMutablePointer<Float>
  ) {
    let blocks = w.columns / 32
    var r = rows.lowerBound
    while r < rows.upperBound {
      let row = w.base + r &* w.rowBytes
      var lo = SIMD16<Float>()
      var hi = SIMD16<Float>()
      for b in 0..<blocks {
        let (wl, wh) = F.weights(row + b &* F.blockBytes)
        lo = lo.addingProduct(wl, load16(x + b &* 32))
        hi = hi.addingProduct(wh, load16(x + b &* 32 + 16))
      }
      y[r] = reduce(lo, hi)
      r += 1
    }
  }

  /// Converts row `r` of `w` to floats.
  @inline(__always)
  static func convertRow<F: BlockFormat>(
    _: F.Type, _ w: WeightMatrix, _ r: Int, _ out: UnsafeMutablePointer<Float>
  ) {
    let row = w.base + r &* w.rowBytes
    for b in 0..<w.columns / 32 {
      let (l, h) = F.weights(row + b &* F.blockBytes)
      store16(l, out + b &* 32)
      store16(h, out + b &* 32 + 16)
    }
  }

  /// Float row · x (n a multiple of 32), in the same order as ``rowsTimesVector``.
  @inline(__always)
  static func dot1(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int) -> Float {
    var lo = SIMD16<Float>()
    var hi = SIMD16<Float>()
    var i = 0
    while i < n {
      lo = lo.addingProduct(load16(w + i), load16(x + i))
      hi = hi.addingProduct(load16(w + i + 16), load16(x + i + 16))
      i &+= 32
    }
    return reduce(lo, hi)
  }

  /// Two dot products of one float row `w` with rows `x0`, `x1` (w loaded once), each in the
  /// same order as ``dot1(_:_:_:)``.
  @inline(__always)
  static func dot2(
    _ w: UnsafePointer<Float>, _ x0: UnsafePointer<Float>, _ x1: UnsafePointer<Float>, _ n: Int
  ) -> (Float, Float) {
    var l0 = SIMD16<Float>()
    var h0 = SIMD16<Float>()
    var l1 = SIMD16<Float>()
    var h1 = SIMD16<Float>()
    var i = 0
    while i < n {
      let wl = load16(w + i)
      let wh = load16(w + i + 16)
      l0 = l0.addingProduct(wl, load16(x0 + i))
      h0 = h0.addingProduct(wh, load16(x0 + i + 16))
      l1 = l1.addingProduct(wl, load16(x1 + i))
      h1 = h1.addingProduct(wh, load16(x1 + i + 16))
      i &+= 32
    }
    return (reduce(l0, h0), reduce(l1, h1))
  }

  /// Dot products of two float rows `w0`, `w1` with two activation rows `x0`, `x1` (a 2 × 2
  /// tile: each load feeds two FMAs), each in the same order as ``dot1(_:_:_:)``. Returns
  /// (w0·x0, w0·x1, w1·x0, w1·x1).
  @inline(__always)
  static func dot2x2(
    _ w0: UnsafePointer<Float>, _ w1: UnsafePointer<Float>, _ x0: UnsafePointer<Float>,
    _ x1: UnsafePointer<Float>, _ n: Int
  ) -> SIMD4<Float> {
    var l00 = SIMD16<Float>()
    var h00 = SIMD16<Float>()
    var l01 = SIMD16<Float>()
    var h01 = SIMD16<Float>()
    var l10 = SIMD16<Float>()
    var h10 = SIMD16<Float>()
    var l11 = SIMD16<Float>()
    var h11 = SIMD16<Float>()
    var i = 0
    while i < n {
      let a0 = load16(x0 + i)
      let b0 = load16(x0 + i + 16)
      let a1 = load16(x1 + i)
      let b1 = load16(x1 + i + 16)
      let wl0 = load16(w0 + i)
      let wh0 = load16(w0 + i + 16)
      l00 = l00.addingProduct(wl0, a0)
      h00 = h00.addingProduct(wh0, b0)
      l01 = l01.addingProduct(wl0, a1)
      h01 = h01.addingProduct(wh0, b1)
      let wl1 = load16(w1 + i)
      let wh1 = load16(w1 + i + 16)
      l10 = l10.addingProduct(wl1, a0)
      h10 = h10.addingProduct(wh1, b0)
      l11 = l11.addingProduct(wl1, a1)
      h11 = h11.addingProduct(wh1, b1)
      i &+= 32
    }
    return SIMD4(reduce(l00, h00), reduce(l01, h01), reduce(l10, h10), reduce(l11, h11))
  }
}
