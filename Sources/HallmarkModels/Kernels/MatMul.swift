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
    _ jobs: [MatMulJob], input x: UnsafePointer<Float>, rows n: Int, team: ThreadTeam
  ) {
    guard n > 0, let columns = jobs.first?.weights.columns else { return }
    precondition(jobs.allSatisfy { $0.weights.columns == columns })
    let total = jobs.reduce(0) { $0 + $1.weights.rows }
    let xs = SendablePointer(x)
    team.chunks(total, minimumChunk: 16) { range in
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
    // Convert a group of rows to floats (at most 16 KiB, so it stays in L1 with two activation
    // rows), then run every activation row over the group in 2 × 2 tiles.
    let group = max(2, min(16, 4096 / columns))
    withUnsafeTemporaryAllocation(of: Float.self, capacity: group * columns) { scratch in
      let base = scratch.baseAddress!
      var r0 = rows.lowerBound
      while r0 < rows.upperBound {
        let count = min(group, rows.upperBound - r0)
        var wr: [UnsafePointer<Float>] = []
        wr.reserveCapacity(count)
        for i in 0..<count {
          if w.layout == .f32 {
            wr.append((w.base + (r0 + i) * w.rowBytes).assumingMemoryBound(to: Float.self))
          } else {
            w.dequantizeRow(r0 + i, into: base + i * columns)
            wr.append(UnsafePointer(base + i * columns))
          }
        }
        var t = 0
        while t + 2 <= n {
          let x0 = x + t * columns
          let x1 = x0 + columns
          var i = 0
          while i + 2 <= count {
            let d = Kernels.dot2x2(wr[i], wr[i + 1], x0, x1, columns)
            y[t * stride + r0 + i] = d[0]
            y[(t + 1) * stride + r0 + i] = d[1]
            y[t * stride + r0 + i + 1] = d[2]
            y[(t + 1) * stride + r0 + i + 1] = d[3]
            i += 2
          }
          if i < count {
            let (a, b) = Kernels.dot2(wr[i], x0, x1, columns)
            y[t * stride + r0 + i] = a
            y[(t + 1) * stride + r0 + i] = b
          }
          t += 2
        }
        if t < n {
          for i in 0..<count {
            y[t * stride + r0 + i] = Kernels.dot1(wr[i], x + t * columns, columns)
          }
        }
        r0 += count
      }
    }
  }
}
