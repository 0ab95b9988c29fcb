import Foundation
import GGUF
import Testing

/// Hand-built blocks with known values, plus the Python `gguf` package's dequantization of
/// random blocks and of real SmolLM2 tensors (fixture made by
/// `scripts/make-dequantization-fixtures.py`).
@Suite struct DequantizationTests {
  struct Fixture: Decodable {
    struct Block: Decodable {
      var type: String
      var hex: String
      var values: [Float]
    }
    struct Tensor: Decodable {
      var name: String
      var type: String
      var rows: Int
      var values: [Float]
    }
    var blocks: [Block]
    var tensors: [Tensor]
  }

  static let fixture: Fixture = {
    let url = Bundle.module.url(forResource: "Fixtures/dequantization", withExtension: "json")!
    return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }()

  func convert(_ type: GGMLType, _ bytes: [UInt8], count: Int) throws -> [Float] {
    var out = [Float](repeating: .nan, count: count)
    try bytes.withUnsafeBytes { src in
      try out.withUnsafeMutableBufferPointer { dst in
        try Dequantization.convert(type, from: src.baseAddress!, to: dst.baseAddress!, count: count)
      }
    }
    return out
  }

  static func bytes(hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = hex.makeIterator()
    while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
    return out
  }

  @Test func handBuiltBlocks() throws {
    // Q8_0: d = 0.5, q = -16 ... 15.
    var q8: [UInt8] = [0x00, 0x38]
    q8 += (0..<32).map { UInt8(bitPattern: Int8($0 - 16)) }
    #expect(try convert(.q8_0, q8, count: 32) == (0..<32).map { Float($0 - 16) * 0.5 })
    // Q4_0: d = 2, byte j = (j, 15 - j) nibbles: x[j] = 2(j-8), x[j+16] = 2(7-j).
    var q40: [UInt8] = [0x00, 0x40]
    q40 += (0..<16).map { UInt8($0) | UInt8(15 - $0) << 4 }
    let low40: [Float] = (0..<16).map { (j: Int) -> Float in Float(2 * (j - 8)) }
    let high40: [Float] = (0..<16).map { (j: Int) -> Float in Float(2 * (7 - j)) }
    let expected40 = low40 + high40
    #expect(try convert(.q4_0, q40, count: 32) == expected40)
    // Q4_1: d = 1, m = -1: x = q - 1.
    var q41: [UInt8] = [0x00, 0x3C, 0x00, 0xBC]
    q41 += (0..<16).map { UInt8($0) | UInt8(15 - $0) << 4 }
    let low41: [Float] = (0..<16).map { (j: Int) -> Float in Float(j - 1) }
    let high41: [Float] = (0..<16).map { (j: Int) -> Float in Float(14 - j) }
    let expected41 = low41 + high41
    #expect(try convert(.q4_1, q41, count: 32) == expected41)
    // F16 and BF16.
    #expect(
      try convert(.f16, [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x7C], count: 3) == [1, -2, .infinity])
    #expect(try convert(.bf16, [0x80, 0x3F, 0x40, 0xC0], count: 2) == [1, -3])
  }

  @Test func q4KAndQ6KBuiltBlocks() throws {
    // Q4_K with d = 1, dmin = 1; sub-block scales 1..8, minimums 0..7; all nibbles 3.
    var q4k: [UInt8] = [0x00, 0x3C, 0x00, 0x3C]
    var scales = [UInt8](repeating: 0, count: 12)
    for j in 0..<4 {
      scales[j] = UInt8(j + 1)
      scales[j + 4] = UInt8(j)
    }
    for j in 4..<8 { scales[j + 4] = UInt8(j + 1) | UInt8(j) << 4 }
    q4k += scales + [UInt8](repeating: 0x33, count: 128)
    let expected4k: [Float] = (0..<256).map { (i: Int) -> Float in
      let sub = i / 32
      return Float(3 * (sub + 1) - sub)
    }
    #expect(try convert(.q4_K, q4k, count: 256) == expected4k)
    // Q6_K with d = 1, scales 1..16, every 6-bit value 33 (ql nibble 1, qh bits 2).
    var q6k = [UInt8](repeating: 0x11, count: 128) + [UInt8](repeating: 0xAA, count: 64)
    q6k += (1...16).map { UInt8($0) } + [0x00, 0x3C]
    let expected6k: [Float] = (0..<256).map { (i: Int) -> Float in Float(i / 16 + 1) }
    #expect(try convert(.q6_K, q6k, count: 256) == expected6k)
  }

  @Test func matchesPythonGGUFOnRandomBlocks() throws {
    #expect(Self.fixture.blocks.count == 8)
    for block in Self.fixture.blocks {
      let type = try #require(GGMLType.allCases.first { $0.description == block.type })
      let got = try convert(type, Self.bytes(hex: block.hex), count: block.values.count)
      #expect(got == block.values, "\(block.type)")
    }
  }

  @Test func matchesPythonGGUFOnSmolLM2Tensors() throws {
    let file = try GGUFFile(contentsOf: modelURL())
    for t in Self.fixture.tensors {
      let info = try file.tensor(named: t.name)
      #expect(info.type.description == t.type)
      #expect(try file.dequantize(info, rows: 0..<t.rows) == t.values, "\(t.name)")
    }
  }

  @Test func unsupportedTypeNamesTheTensor() throws {
    var w = GGUFWriter()
    w.addTensor("q5.weight", dimensions: [32], type: .q5_0, data: [UInt8](repeating: 0, count: 22))
    let file = try GGUFFile(bytes: w.serialized(), name: "q5.gguf")
    let e = #expect(throws: GGUFError.self) { try file.dequantize(file.tensors[0]) }
    #expect(e?.field == "tensor \"q5.weight\" type")
    #expect(e?.reason.contains("Q5_0") == true)
  }
}
