/// Element-wise and normalisation kernels of the transformer block, written so that results
/// depend only on IEEE float arithmetic (no platform `libm` calls in the hot loop), hence are
/// bit-identical on every machine.
enum VectorOps {
  /// `exp(x)` in single precision (Cephes `expf`: range reduction by ln 2 and a degree-6
  /// polynomial, about 1 ulp). Returns 0 below −87.3 (no subnormals) and +∞ above 88.7.
  @inline(__always)
  static func exp(_ x: Float) -> Float {
    if x > 88.72283 { return .infinity }
    if x < -87.33654 { return 0 }
    let fx = (x * 1.442_695_04 + 0.5).rounded(.down)
    var r = x - fx * 0.693_359_375
    r -= fx * -2.121_944_4e-4
    let z = r * r
    var y: Float = 1.987_569_15e-4
    y = y * r + 1.398_199_950_7e-3
    y = y * r + 8.333_451_907_3e-3
    y = y * r + 4.166_579_589_4e-2
    y = y * r + 1.666_666_545_9e-1
    y = y * r + 5.000_000_120_1e-1
    y = y * z + r + 1
    return y * Float(bitPattern: UInt32(Int32(fx) + 127) << 23)
  }

  /// `out = x / sqrt(mean(x²) + eps) · weight` over `n` elements.
  @inline(__always)
  static func rmsNorm(
    _ x: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
    _ n: Int, eps: Float
  ) {
    var acc = SIMD16<Float>()
    var i = 0
    while i < n {
      let v = Kernels.load16(x + i)
      acc = acc.addingProduct(v, v)
      i += 16
    }
    let scale = 1 / (acc.sum() / Float(n) + eps).squareRoot()
    i = 0
    while i < n {
      Kernels.store16(Kernels.load16(weight + i) * (Kernels.load16(x + i) * scale), out + i)
      i += 16
    }
  }

  /// `gate = silu(gate) · up` (SwiGLU), in place over `n` elements.
  @inline(__always)
  static func swiGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, _ n: Int) {
    for i in 0..<n {
      let g = gate[i]
      gate[i] = g / (1 + exp(-g)) * up[i]
    }
  }

  /// `x += y` over `n` elements.
  @inline(__always)
  static func add(_ x: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) {
    for i in 0..<n { x[i] += y[i] }
  }
}
