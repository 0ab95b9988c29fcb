import Foundation
import GGUF
import Hallmark
import HallmarkModels

/// A tiny random Llama model built in memory, with a different tensor type per weight (so the
/// in-place kernels and the load-time conversions are all used) and a separate output matrix,
/// plus a plain double-precision forward pass to check the engine against.
enum TinyModel {
  static let d = 256
  static let heads = 4
  static let kvHeads = 2
  static let ff = 256
  static let blocks = 2
  static let vocabulary = 50
  static let ropeBase: Float = 10_000

  struct Rng {
    private var base: SplitMix64
    init(state: UInt64) { base = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { base.next() }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
    mutating func unit() -> Float { Float(next() >> 40) / Float(1 << 24) * 2 - 1 }
  }

  static func half(_ x: Float) -> [UInt8] {
    let b = Float16(x).bitPattern
    return [UInt8(b & 0xFF), UInt8(b >> 8)]
  }

  /// Random bytes of `rows × columns` elements of `type`, with small finite scale fields.
  static func data(_ type: GGMLType, rows: Int, columns: Int, _ rng: inout Rng) -> [UInt8] {
    let blocks = rows * columns / type.blockSize
    var out: [UInt8] = []
    for _ in 0..<blocks {
      var b = (0..<type.typeSize).map { _ in rng.byte() }
      switch type {
      case .f32: b = withUnsafeBytes(of: (rng.unit() * 0.1).bitPattern.littleEndian) { Array($0) }
      case .f16: b = half(rng.unit() * 0.1)
      case .bf16:
        b = Array(
          withUnsafeBytes(of: (rng.unit() * 0.1).bitPattern.littleEndian) { Array($0) }[2...])
      case .q8_0, .q4_0: b.replaceSubrange(0..<2, with: half(0.01 + 0.01 * rng.unit()))
      case .q4_1:
        b.replaceSubrange(
          0..<4, with: half(0.01 + 0.005 * rng.unit()) + half(-0.07 + 0.01 * rng.unit()))
      case .q4_K: b.replaceSubrange(0..<4, with: half(0.0003) + half(0.0004))
      case .q6_K: b.replaceSubrange(208..<210, with: half(0.0002))
      default: fatalError("no generator for \(type)")
      }
      out += b
    }
    return out
  }

  static func bytes(tiedOutput: Bool = false) -> [UInt8] {
    var w = GGUFWriter()
    let a = "llama"
    w.add("general.architecture", .string(a))
    w.add("\(a).embedding_length", .uint32(UInt32(d)))
    w.add("\(a).block_count", .uint32(UInt32(blocks)))
    w.add("\(a).feed_forward_length", .uint32(UInt32(ff)))
    w.add("\(a).attention.head_count", .uint32(UInt32(heads)))
    w.add("\(a).attention.head_count_kv", .uint32(UInt32(kvHeads)))
    w.add("\(a).attention.layer_norm_rms_epsilon", .float32(1e-5))
    w.add("\(a).rope.freq_base", .float32(ropeBase))
    w.add("\(a).context_length", .uint32(64))
    w.add("tokenizer.ggml.tokens", .array(.strings((0..<vocabulary).map { "t\($0)" })))
    w.add("tokenizer.ggml.bos_token_id", .uint32(1))
    w.add("tokenizer.ggml.eos_token_id", .uint32(2))
    var rng = Rng(state: 12_345)
    func matrix(_ name: String, _ type: GGMLType, rows: Int, columns: Int) {
      w.addTensor(
        name, dimensions: [columns, rows], type: type,
        data: data(type, rows: rows, columns: columns, &rng))
    }
    func norm(_ name: String) {
      w.addTensor(name, dimensions: [d], floats: (0..<d).map { _ in 1 + 0.2 * rng.unit() })
    }
    let kv = d / heads * kvHeads
    matrix("token_embd.weight", .q8_0, rows: vocabulary, columns: d)
    for i in 0..<blocks {
      let p = "blk.\(i)."
      norm(p + "attn_norm.weight")
      matrix(p + "attn_q.weight", .q4_K, rows: d, columns: d)
      matrix(p + "attn_k.weight", .q4_0, rows: kv, columns: d)
      matrix(p + "attn_v.weight", .f16, rows: kv, columns: d)
      matrix(p + "attn_output.weight", .bf16, rows: d, columns: d)
      norm(p + "ffn_norm.weight")
      matrix(p + "ffn_gate.weight", .q4_1, rows: ff, columns: d)
      matrix(p + "ffn_up.weight", .f32, rows: ff, columns: d)
      matrix(p + "ffn_down.weight", .q6_K, rows: d, columns: ff)
    }
    norm("output_norm.weight")
    if !tiedOutput { matrix("output.weight", .q6_K, rows: vocabulary, columns: d) }
    return w.serialized()
  }

  /// Plain double-precision forward pass over `tokens`; the logits after the last one.
  static func referenceLogits(_ file: GGUFFile, tokens: [Int32]) throws -> [Double] {
    func weights(_ name: String) throws -> [Double] {
      try file.dequantize(file.tensor(named: name)).map(Double.init)
    }
    func matvec(_ w: [Double], _ x: [Double]) -> [Double] {
      let columns = x.count
      return (0..<w.count / columns).map { r in
        (0..<columns).reduce(0.0) { $0 + w[r * columns + $1] * x[$1] }
      }
    }
    func rmsNorm(_ x: [Double], _ g: [Double]) -> [Double] {
      let s = 1 / (x.reduce(0) { $0 + $1 * $1 } / Double(x.count) + 1e-5).squareRoot()
      return zip(x, g).map { $0 * s * $1 }
    }
    let hd = d / heads
    func rope(_ v: [Double], position: Int, heads n: Int) -> [Double] {
      var v = v
      for h in 0..<n {
        for i in 0..<hd / 2 {
          let theta = Double(position) * pow(Double(ropeBase), -Double(2 * i) / Double(hd))
          let (a, b) = (v[h * hd + 2 * i], v[h * hd + 2 * i + 1])
          v[h * hd + 2 * i] = a * cos(theta) - b * sin(theta)
          v[h * hd + 2 * i + 1] = a * sin(theta) + b * cos(theta)
        }
      }
      return v
    }
    let embedding = try weights("token_embd.weight")
    var keys = [[[Double]]](repeating: [], count: blocks)
    var values = keys
    var x: [Double] = []
    for (position, token) in tokens.enumerated() {
      x = Array(embedding[Int(token) * d..<(Int(token) + 1) * d])
      for l in 0..<blocks {
        let p = "blk.\(l)."
        let xn = rmsNorm(x, try weights(p + "attn_norm.weight"))
        let q = rope(matvec(try weights(p + "attn_q.weight"), xn), position: position, heads: heads)
        keys[l].append(
          rope(matvec(try weights(p + "attn_k.weight"), xn), position: position, heads: kvHeads))
        values[l].append(matvec(try weights(p + "attn_v.weight"), xn))
        var attention = [Double](repeating: 0, count: d)
        for h in 0..<heads {
          let g = h / (heads / kvHeads)
          let scores = keys[l].map { k in
            (0..<hd).reduce(0.0) { $0 + q[h * hd + $1] * k[g * hd + $1] } / Double(hd).squareRoot()
          }
          let m = scores.max()!
          let e = scores.map { exp($0 - m) }
          let total = e.reduce(0, +)
          for (t, v) in values[l].enumerated() {
            for j in 0..<hd { attention[h * hd + j] += e[t] / total * v[g * hd + j] }
          }
        }
        x = zip(x, matvec(try weights(p + "attn_output.weight"), attention)).map(+)
        let xn2 = rmsNorm(x, try weights(p + "ffn_norm.weight"))
        let gate = matvec(try weights(p + "ffn_gate.weight"), xn2)
        let up = matvec(try weights(p + "ffn_up.weight"), xn2)
        let h = zip(gate, up).map { $0 / (1 + exp(-$0)) * $1 }
        x = zip(x, matvec(try weights(p + "ffn_down.weight"), h)).map(+)
      }
    }
    let output = file["output.weight"] != nil ? try weights("output.weight") : embedding
    return matvec(output, rmsNorm(x, try weights("output_norm.weight")))
  }
}
