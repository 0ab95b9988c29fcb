/// Multiplies activations by one or more weight matrices that share the same input:
/// `y[t][r] = Σ_c W[r][c]·x[t][c]` for each of `n` activation rows `t`.
///
/// The output rows of all matrices are split into contiguous chunks, one per thread, so one
/// parallel region covers e.g. the Q, K and V projections together. With one activation row each
/// weight row is dotted in place (quantized × float); with several, each weight row is converted
/// once to floats and dotted with four activation rows at a time, so the weights are read from
/// memory once per step whatever the batch size.
struct MatMulJob: @unchecked Sendable {
  let weights: WeightMatrix
  /// Output: `n` rows of `stride` floats; this matrix writes columns `0..<weights.rows`.
  let output: UnsafeMutablePointer<Float>
  let stride: Int
}

enum MatMul {
  static func run(
    _ jobs: [MatMulJob], input x: UnsafePointer<Float>, rows n: Int, threads: Int
  ) {
    guard n > 0, let columns = jobs.first?.weights.columns else { return }
    precondition(jobs.allSatisfy { $0.weights.columns == columns })
    let total = jobs.reduce(0) { $0 + $1.weights.rows }
    let xs = SendablePointer(x)
    parallelChunks(total, threads: threads, minimumChunk: 16) { range in
      var start = 0
      for job in jobs {
        let lo = max(range.lowerBound, start) - start
        let hi = min(range.upperBound, start + job.weights.rows) - start
        if lo < hi {
          multiply(job, rows: lo..<hi, x: xs.pointer, n: n)
        }
        start += job.weights.rows
      }
    }
  }

  @inline(__always)
  static func multiply(
    _ job: MatMulJob, rows: Range<Int>, x: UnsafePointer<Float>, n: Int
  ) {
    let w = job.weights
    let y = job.output
    let stride = job.stride
    let columns = w.columns
    if n == 1 {
      w.multiply(rows: rows, x, y)
      return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { scratch in
      let row = scratch.baseAddress!
      for r in rows {
        let wr: UnsafePointer<Float>
        if w.layout == .f32 {
          wr = (w.base + r * w.rowBytes).assumingMemoryBound(to: Float.self)
        } else {
          w.dequantizeRow(r, into: row)
          wr = UnsafePointer(row)
        }
        var t = 0
        while t + 2 <= n {
          let (a, b) = Kernels.dot2(wr, x + t * columns, x + (t + 1) * columns, columns)
          y[t * stride + r] = a
          y[(t + 1) * stride + r] = b
          t += 2
        }
        if t < n {
          y[t * stride + r] = Kernels.dot1(wr, x + t * columns, columns)
        }
      }
    }
  }
}
