import Foundation
import GGUF
import Testing

/// Little-endian byte building for hand-made (broken) files.
struct Bytes {
  var data: [UInt8] = []
  mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
  mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
  mutating func string(_ s: String) {
    u64(UInt64(s.utf8.count))
    data += s.utf8
  }
  static func header(version: UInt32 = 3, tensors: UInt64 = 0, keys: UInt64) -> Bytes {
    var b = Bytes()
    b.data += Array("GGUF".utf8)
    b.u32(version)
    b.u64(tensors)
    b.u64(keys)
    return b
  }
}

@Suite struct MalformedFileTests {
  func error(_ bytes: [UInt8]) -> GGUFError? {
    #expect(throws: GGUFError.self) { _ = try GGUFFile(bytes: bytes, name: "bad.gguf") }
  }

  @Test func badMagicAndVersion() {
    #expect(error([])?.field == "header.magic")
    #expect(error(Array("GGML\u{3}\0\0\0".utf8))?.reason.contains("not a GGUF file") == true)
    #expect(error(Bytes.header(version: 1, keys: 0).data)?.field == "header.version")
    let bigEndian = error(Bytes.header(version: 3 << 24, keys: 0).data)
    #expect(bigEndian?.reason.contains("big-endian") == true)
  }

  @Test func absurdCountsAreRejectedBeforeAllocating() {
    let keys = error(Bytes.header(keys: 1 << 60).data)
    #expect(keys?.field == "header.metadata_kv_count")
    #expect(keys?.offset == 16)
    #expect(error(Bytes.header(tensors: UInt64.max, keys: 0).data)?.field == "header.tensor_count")
    var b = Bytes.header(keys: 1)
    b.string("big")
    b.u32(9)  // array
    b.u32(8)  // of strings
    b.u64(1 << 62)
    let array = error(b.data)
    #expect(array?.field == "metadata[\"big\"] count")
    #expect(array?.offset == 24 + 8 + 3 + 4 + 4)
  }

  @Test func truncatedStringNamesTheKey() {
    var b = Bytes.header(keys: 1)
    b.string("tokenizer.ggml.model")
    b.u32(8)
    b.u64(100)
    b.data += Array("gpt2".utf8)
    let e = error(b.data)
    #expect(e?.field == "metadata[\"tokenizer.ggml.model\"]")
    #expect(
      e?.description.hasPrefix("bad.gguf: metadata[\"tokenizer.ggml.model\"] at byte") == true)
  }

  @Test func unknownTypesBadBoolsDuplicatesAndNesting() {
    var b = Bytes.header(keys: 1)
    b.string("k")
    b.u32(13)
    b.u32(0)
    #expect(error(b.data)?.reason == "unknown value type 13")

    b = Bytes.header(keys: 1)
    b.string("flag")
    b.u32(7)
    b.data.append(2)
    #expect(error(b.data)?.reason.contains("bool") == true)

    b = Bytes.header(keys: 2)
    for _ in 0..<2 {
      b.string("k")
      b.u32(4)
      b.u32(1)
    }
    #expect(error(b.data)?.reason == "duplicate key")

    b = Bytes.header(keys: 1)
    b.string("deep")
    b.u32(9)
    for _ in 0..<6 {
      b.u32(9)
      b.u64(1)
    }
    b.u32(4)
    b.u64(0)
    #expect(error(b.data)?.reason.contains("nested") == true)
  }

  @Test func badAlignment() {
    var w = GGUFWriter()
    w.add("general.alignment", .uint32(48))
    #expect(error(w.serialized())?.field == "metadata[\"general.alignment\"]")
    w = GGUFWriter()
    w.add("general.alignment", .uint64(64))
    #expect(error(w.serialized())?.reason.contains("expected uint32") == true)
  }

  func tensorFile(dims: [UInt64], type: UInt32, offset: UInt64, data: Int) -> [UInt8] {
    var b = Bytes.header(tensors: 1, keys: 0)
    b.string("blk.0.w")
    b.u32(UInt32(dims.count))
    for d in dims { b.u64(d) }
    b.u32(type)
    b.u64(offset)
    while b.data.count % 32 != 0 { b.data.append(0) }
    b.data += [UInt8](repeating: 0, count: data)
    return b.data
  }

  @Test func badTensorInfos() throws {
    #expect(
      try GGUFFile(bytes: tensorFile(dims: [4, 2], type: 0, offset: 0, data: 32)).tensors.count == 1
    )
    let short = error(tensorFile(dims: [4, 2], type: 0, offset: 0, data: 31))
    #expect(short?.field == "tensor \"blk.0.w\" data")
    #expect(
      error(tensorFile(dims: [4], type: 5, offset: 0, data: 64))?.reason
        == "unsupported tensor type 5")
    #expect(
      error(tensorFile(dims: [4], type: 0, offset: 8, data: 64))?.field
        == "tensor \"blk.0.w\" offset")
    #expect(
      error(tensorFile(dims: [1, 1, 1, 1, 1], type: 0, offset: 0, data: 64))?.field
        == "tensor \"blk.0.w\" n_dims")
    #expect(
      error(tensorFile(dims: [16], type: 8, offset: 0, data: 64))?.field
        == "tensor \"blk.0.w\" dimension 0")
    #expect(
      error(tensorFile(dims: [1 << 30, 1 << 30], type: 0, offset: 0, data: 64))?.reason.contains(
        "overflow") == true)
    #expect(
      error(tensorFile(dims: [4], type: 0, offset: 1 << 40, data: 64))?.field
        == "tensor \"blk.0.w\" data")
  }

  @Test func missingFileNamesThePath() {
    let e = #expect(throws: GGUFError.self) {
      _ = try GGUFFile(contentsOf: URL(fileURLWithPath: "/nonexistent/model.gguf"))
    }
    #expect(e?.file == "/nonexistent/model.gguf")
  }
}
