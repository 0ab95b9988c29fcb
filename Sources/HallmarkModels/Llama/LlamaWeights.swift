import GGUF

/// The tensors of a Llama model, as kernel-ready views into the memory-mapped GGUF file.
struct LlamaWeights: @unchecked Sendable {
  struct Block {
    let attentionNorm: FloatStorage
    let query: WeightMatrix
    let key: WeightMatrix
    let value: WeightMatrix
    let attentionOutput: WeightMatrix
    let feedForwardNorm: FloatStorage
    let gate: WeightMatrix
    let up: WeightMatrix
    let down: WeightMatrix
  }

  let tokenEmbedding: WeightMatrix
  let outputNorm: FloatStorage
  /// `output.weight`, or the token embedding when the model ties them.
  let output: WeightMatrix
  let tiedOutput: Bool
  let blocks: [Block]

  init(file: GGUFFile, configuration c: LlamaConfiguration) throws {
    func matrix(_ name: String, rows: Int, columns: Int) throws -> WeightMatrix {
      let t = try file.tensor(named: name)
      let m = try WeightMatrix(file: file, tensor: t)
      guard m.rows == rows, m.columns == columns else {
        throw GGUFError(
          file: file.name, field: "tensor \"\(name)\" dimensions", offset: t.infoOffset,
          reason: "expected [\(columns), \(rows)], found \(t.dimensions)")
      }
      return m
    }
    func vector(_ name: String, count: Int) throws -> FloatStorage {
      let t = try file.tensor(named: name)
      guard t.elementCount == count, t.dimensions.count == 1 else {
        throw GGUFError(
          file: file.name, field: "tensor \"\(name)\" dimensions", offset: t.infoOffset,
          reason: "expected [\(count)], found \(t.dimensions)")
      }
      return FloatStorage(try file.dequantize(t))
    }
    let d = c.embeddingLength
    tokenEmbedding = try matrix("token_embd.weight", rows: c.vocabularySize, columns: d)
    outputNorm = try vector("output_norm.weight", count: d)
    if file["output.weight"] != nil {
      output = try matrix("output.weight", rows: c.vocabularySize, columns: d)
      tiedOutput = false
    } else {
      output = tokenEmbedding
      tiedOutput = true
    }
    blocks = try (0..<c.blockCount).map { i in
      let p = "blk.\(i)."
      return Block(
        attentionNorm: try vector(p + "attn_norm.weight", count: d),
        query: try matrix(p + "attn_q.weight", rows: d, columns: d),
        key: try matrix(p + "attn_k.weight", rows: c.kvDimension, columns: d),
        value: try matrix(p + "attn_v.weight", rows: c.kvDimension, columns: d),
        attentionOutput: try matrix(p + "attn_output.weight", rows: d, columns: d),
        feedForwardNorm: try vector(p + "ffn_norm.weight", count: d),
        gate: try matrix(p + "ffn_gate.weight", rows: c.feedForwardLength, columns: d),
        up: try matrix(p + "ffn_up.weight", rows: c.feedForwardLength, columns: d),
        down: try matrix(p + "ffn_down.weight", rows: d, columns: c.feedForwardLength))
    }
  }
}
