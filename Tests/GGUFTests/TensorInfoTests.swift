import Foundation
import GGUF
import Testing

@Suite struct TensorInfoTests {
  @Test(arguments: [32, 64, 1])
  func readsTensorInfosAndData(alignment: Int) throws {
    let file = try GGUFFile(bytes: SampleFiles.withTensors(alignment: alignment))
    #expect(file.version == 3)
    #expect(file.alignment == alignment)
    #expect(file.dataOffset % alignment == 0)
    #expect(file.tensors.map(\.name) == ["a.weight", "b.weight", "c.weight"])
    let a = try file.tensor(named: "a.weight")
    #expect(a.dimensions == [4, 2])
    #expect(a.type == .f32)
    #expect(a.rowLength == 4 && a.rowCount == 2 && a.byteCount == 32)
    let floats = file.data(for: a).withMemoryRebound(to: Float.self) { Array($0) }
    #expect(floats == [1, 2, 3, 4, 5, 6, 7, 8])
    let c = try #require(file["c.weight"])
    #expect(c.type == .q8_0 && c.byteCount == 34 && c.offset % alignment == 0)
    #expect(Array(file.data(for: c).prefix(2)) == [0x00, 0x38])
    #expect(file["nope"] == nil)
    #expect(throws: GGUFError.self) { try file.tensor(named: "nope") }
  }

  @Test func blockLayoutsMatchGGML() {
    #expect(GGMLType.q4_0.typeSize == 18 && GGMLType.q4_0.blockSize == 32)
    #expect(GGMLType.q4_1.typeSize == 20)
    #expect(GGMLType.q8_0.typeSize == 34)
    #expect(GGMLType.q4_K.typeSize == 144 && GGMLType.q4_K.blockSize == 256)
    #expect(GGMLType.q6_K.typeSize == 210)
    #expect(GGMLType.bf16.typeSize == 2 && GGMLType.bf16.blockSize == 1)
  }
}
