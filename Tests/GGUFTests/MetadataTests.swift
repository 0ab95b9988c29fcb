import Foundation
import GGUF
import Testing

@Suite struct MetadataTests {
  @Test func roundTripsEveryValueType() throws {
    let bytes = SampleFiles.withTensors()
    let metadata = try GGUFFile.readMetadata(bytes: bytes, name: "sample.gguf")
    #expect(metadata.keys == SampleFiles.allValues.map(\.0))
    for (key, value) in SampleFiles.allValues {
      #expect(metadata[key] == value, "\(key)")
    }
    #expect(metadata["missing"] == nil)
  }

  @Test func typedAccessors() throws {
    let m = try GGUFFile.readMetadata(bytes: SampleFiles.withTensors())
    #expect(try m.string("general.architecture") == "llama")
    #expect(try m.int("t.u32") == 4_000_000_000)
    #expect(try m.int("t.i8") == -100)
    #expect(try m.int("t.u64") == 1 << 40)
    #expect(try m.float("t.f32") == 1.5e-5)
    #expect(try m.double("t.f64") == 10_000.25)
    #expect(try m.bool("t.bool"))
    #expect(try m.stringArray("a.str") == ["<s>", "</s>", "Ġthe", ""])
    #expect(try m.int32Array("a.i32") == [1, -2, 3, -4])
    #expect(try m.int32Array("a.u8") == [1, 2, 255])
    #expect(try m.floatArray("a.f32") == [0.5, -1.25, 3e10])
    #expect(try m.floatArray("a.f64") == [Float(0.1), Float(-0.2)])
    #expect(try m.array("a.nested").count == 3)
  }

  @Test func accessorErrorsNameTheKey() throws {
    let m = try GGUFFile.readMetadata(bytes: SampleFiles.withTensors(), name: "x.gguf")
    let missing = #expect(throws: GGUFError.self) { try m.string("nope.key") }
    #expect(missing?.description == "x.gguf: metadata[\"nope.key\"]: missing")
    let wrong = #expect(throws: GGUFError.self) { try m.int("t.utf8") }
    #expect(wrong?.field == "metadata[\"t.utf8\"]")
    #expect(wrong?.offset == m.offset(of: "t.utf8"))
    #expect(wrong?.reason.contains("found string") == true)
    #expect(throws: GGUFError.self) { try m.stringArray("a.i32") }
    #expect(throws: GGUFError.self) { try m.int32Array("a.u64") }  // 1 << 63 does not fit
    #expect(throws: GGUFError.self) { try m.floatArray("a.str") }
    #expect(throws: GGUFError.self) { try m.bool("t.u8") }
    #expect(throws: GGUFError.self) { try m.float("t.i32") }
  }
}
