import Foundation

/// Rotary position embedding as llama.cpp applies it to Llama GGUF weights ("normal" mode:
/// consecutive pairs `(x[2i], x[2i+1])` of each head rotate by `position · θ_i`,
/// `θ_i = base^(−2i/d)`, for the first `d` (`rope.dimension_count`) elements of each head).
/// The GGUF converter permutes the Q and K weights so that this equals Hugging Face's
/// `rotate_half` form on the original weights.
struct RoPE: Sendable {
  let dimensions: Int
  let inverseFrequencies: [Float]
  /// Linear position scaling (`rope.scaling.factor` with type `linear`), 1 for none.
  let positionScale: Float

  init(dimensions: Int, base: Float, positionScale: Float = 1) {
    self.dimensions = dimensions
    self.positionScale = positionScale
    inverseFrequencies = (0..<dimensions / 2).map { i in
      Float(1 / Foundation.pow(Double(base), Double(2 * i) / Double(dimensions)))
    }
  }

  /// The cosines and sines for `position` (`dimensions / 2` of each), computed in double
  /// precision from the single-precision angle and rounded.
  func table(position: Int) -> (cos: [Float], sin: [Float]) {
    let p = Float(position) / positionScale
    var c = [Float](repeating: 0, count: inverseFrequencies.count)
    var s = c
    for (i, f) in inverseFrequencies.enumerated() {
      let angle = Double(p * f)
      c[i] = Float(Foundation.cos(angle))
      s[i] = Float(Foundation.sin(angle))
    }
    return (c, s)
  }

  /// Rotates `heads` heads of `headDimension` elements at `x` using a table from ``table(position:)``.
  @inline(__always)
  func apply(
    _ x: UnsafeMutablePointer<Float>, heads: Int, headDimension: Int, cos: [Float], sin: [Float]
  ) {
    for h in 0..<heads {
      let v = x + h * headDimension
      for i in 0..<dimensions / 2 {
        let a = v[2 * i]
        let b = v[2 * i + 1]
        v[2 * i] = a * cos[i] - b * sin[i]
        v[2 * i + 1] = a * sin[i] + b * cos[i]
      }
    }
  }
}
