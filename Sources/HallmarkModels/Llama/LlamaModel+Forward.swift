/// The forward pass: every appended token of every sequence is one row of the same products.
extension LlamaModel {
  struct Row {
    let sequence: Int
    let position: Int
    let token: Int32
  }

  func forward(_ tokens: [[Int32]], _ caches: [LlamaCache]) -> [[Float]] {
    let c = configuration
    var rows: [Row] = []
    var lastRow: [Int] = []
    for (s, list) in tokens.enumerated() {
      let start = caches[s].count
      caches[s].reserve(list.count)
      for (j, t) in list.enumerated() {
        rows.append(Row(sequence: s, position: start + j, token: t))
      }
      lastRow.append(rows.count - 1)
    }
    let n = rows.count
    let d = c.embeddingLength
    let kv = c.kvDimension
    let ff = c.feedForwardLength
    let x = FloatStorage(count: n * d)
    let xn = FloatStorage(count: n * d)
    let q = FloatStorage(count: n * d)
    let k = FloatStorage(count: n * kv)
    let v = FloatStorage(count: n * kv)
    let attention = FloatStorage(count: n * d)
    let projected = FloatStorage(count: n * d)
    let gate = FloatStorage(count: n * ff)
    let up = FloatStorage(count: n * ff)
    let tables = rows.map { rope.table(position: $0.position) }

    for (i, row) in rows.enumerated() {
      weights.tokenEmbedding.dequantizeRow(Int(row.token), into: x.pointer + i * d)
    }
    for (l, block) in weights.blocks.enumerated() {
      for i in 0..<n {
        VectorOps.rmsNorm(
          x.pointer + i * d, block.attentionNorm.pointer, xn.pointer + i * d, d,
          eps: c.rmsNormEpsilon)
      }
      MatMul.run(
        [
          MatMulJob(weights: block.query, output: q.pointer, stride: d),
          MatMulJob(weights: block.key, output: k.pointer, stride: kv),
          MatMulJob(weights: block.value, output: v.pointer, stride: kv),
        ], input: xn.pointer, rows: n, team: team)
      for (i, row) in rows.enumerated() {
        let (cos, sin) = tables[i]
        rope.apply(
          q.pointer + i * d, heads: c.headCount, headDimension: c.headDimension, cos: cos, sin: sin)
        rope.apply(
          k.pointer + i * kv, heads: c.headCountKV, headDimension: c.headDimension, cos: cos,
          sin: sin)
        let cache = caches[row.sequence]
        (cache.keys[l] + row.position * kv).update(from: k.pointer + i * kv, count: kv)
        (cache.values[l] + row.position * kv).update(from: v.pointer + i * kv, count: kv)
      }
      attend(layer: l, rows: rows, caches: caches, q: q.pointer, out: attention.pointer)
      MatMul.run(
        [MatMulJob(weights: block.attentionOutput, output: projected.pointer, stride: d)],
        input: attention.pointer, rows: n, team: team)
      VectorOps.add(x.pointer, projected.pointer, n * d)
      for i in 0..<n {
        VectorOps.rmsNorm(
          x.pointer + i * d, block.feedForwardNorm.pointer, xn.pointer + i * d, d,
          eps: c.rmsNormEpsilon)
      }
      MatMul.run(
        [
          MatMulJob(weights: block.gate, output: gate.pointer, stride: ff),
          MatMulJob(weights: block.up, output: up.pointer, stride: ff),
        ], input: xn.pointer, rows: n, team: team)
      VectorOps.swiGLU(gate.pointer, up.pointer, n * ff)
      MatMul.run(
        [MatMulJob(weights: block.down, output: projected.pointer, stride: d)],
        input: gate.pointer, rows: n, team: team)
      VectorOps.add(x.pointer, projected.pointer, n * d)
    }
    for (s, list) in tokens.enumerated() { caches[s].append(list) }

    let b = lastRow.count
    let final = FloatStorage(count: b * d)
    for (j, i) in lastRow.enumerated() {
      VectorOps.rmsNorm(
        x.pointer + i * d, weights.outputNorm.pointer, final.pointer + j * d, d,
        eps: c.rmsNormEpsilon)
    }
    let vocabulary = c.vocabularySize
    let logits = FloatStorage(count: b * vocabulary)
    MatMul.run(
      [MatMulJob(weights: weights.output, output: logits.pointer, stride: vocabulary)],
      input: final.pointer, rows: b, team: team)
    return (0..<b).map { j in
      Array(UnsafeBufferPointer(start: logits.pointer + j * vocabulary, count: vocabulary))
    }
  }

  /// Causal grouped-query attention of every row and head over its sequence's cache.
  func attend(
    layer l: Int, rows: [Row], caches: [LlamaCache], q: UnsafeMutablePointer<Float>,
    out: UnsafeMutablePointer<Float>
  ) {
    let c = configuration
    let hd = c.headDimension
    let d = c.embeddingLength
    let kv = c.kvDimension
    let group = c.headCount / c.headCountKV
    let scale = 1 / Float(hd).squareRoot()
    let longest = rows.map(\.position).max()! + 1
    let keys = caches.map { SendablePointer($0.keys[l]) }
    let values = caches.map { SendablePointer($0.values[l]) }
    let qs = SendablePointer(q)
    let outs = SendablePointer(out)
    let heads = c.headCount
    team.chunks(rows.count * heads, minimumChunk: 4) { tasks in
      withUnsafeTemporaryAllocation(of: Float.self, capacity: longest) { scores in
        for task in tasks {
          let i = task / heads
          let h = task % heads
          let row = rows[i]
          let kvOffset = (h / group) * hd
          let query = qs.pointer + i * d + h * hd
          let k = keys[row.sequence].pointer + kvOffset
          let v = values[row.sequence].pointer + kvOffset
          var maximum = -Float.infinity
          for t in 0...row.position {
            let s = Kernels.dot1(query, k + t * kv, hd) * scale
            scores[t] = s
            maximum = max(maximum, s)
          }
          var total: Float = 0
          for t in 0...row.position {
            let e = VectorOps.exp(scores[t] - maximum)
            scores[t] = e
            total += e
          }
          let o = outs.pointer + i * d + h * hd
          o.update(repeating: 0, count: hd)
          let inverse = 1 / total
          for t in 0...row.position {
            let p = scores[t] * inverse
            let vt = v + t * kv
            var j = 0
            while j < hd {
              Kernels.store16(Kernels.load16(o + j).addingProduct(p, Kernels.load16(vt + j)), o + j)
              j += 16
            }
          }
        }
      }
    }
  }
}
