import GGUF

/// Small GGUF files built in memory for the tests.
enum SampleFiles {
  /// One value of every scalar type and arrays of every element type (including nested).
  static let allValues: [(String, GGUFValue)] = [
    ("general.architecture", .string("llama")),
    ("t.u8", .uint8(200)),
    ("t.i8", .int8(-100)),
    ("t.u16", .uint16(60_000)),
    ("t.i16", .int16(-30_000)),
    ("t.u32", .uint32(4_000_000_000)),
    ("t.i32", .int32(-2_000_000_000)),
    ("t.u64", .uint64(1 << 40)),
    ("t.i64", .int64(-(1 << 40))),
    ("t.f32", .float32(1.5e-5)),
    ("t.f64", .float64(10_000.25)),
    ("t.bool", .bool(true)),
    ("t.empty", .string("")),
    ("t.utf8", .string("héllo ▁ 🙂")),
    ("a.u8", .array(.uint8s([1, 2, 255]))),
    ("a.i8", .array(.int8s([-1, 0, 127]))),
    ("a.u16", .array(.uint16s([1, 65_535]))),
    ("a.i16", .array(.int16s([-32_768, 5]))),
    ("a.u32", .array(.uint32s([7, 8, 9]))),
    ("a.i32", .array(.int32s([1, -2, 3, -4]))),
    ("a.u64", .array(.uint64s([1, 1 << 63]))),
    ("a.i64", .array(.int64s([-5, 6]))),
    ("a.f32", .array(.float32s([0.5, -1.25, 3e10]))),
    ("a.f64", .array(.float64s([0.1, -0.2]))),
    ("a.bool", .array(.bools([true, false, true]))),
    ("a.str", .array(.strings(["<s>", "</s>", "Ġthe", ""]))),
    ("a.nested", .array(.arrays([.int32s([1, 2]), .strings(["x"]), .arrays([.bools([false])])]))),
    ("a.empty", .array(.float32s([]))),
  ]

  /// A file with all value types and three tensors (F32, F16, Q8_0).
  static func withTensors(alignment: Int = 32) -> [UInt8] {
    var w = GGUFWriter(alignment: alignment)
    for (k, v) in allValues { w.add(k, v) }
    w.addTensor("a.weight", dimensions: [4, 2], floats: [1, 2, 3, 4, 5, 6, 7, 8])
    w.addTensor(
      "b.weight", dimensions: [3], type: .f16, data: [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x00])
    var q8: [UInt8] = [0x00, 0x38]  // d = 0.5 as f16
    q8 += (0..<32).map { UInt8(bitPattern: Int8($0 - 16)) }
    w.addTensor("c.weight", dimensions: [32, 1], type: .q8_0, data: q8)
    return w.serialized()
  }
}
