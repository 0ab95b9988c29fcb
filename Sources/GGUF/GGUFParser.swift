/// Parses the GGUF header, metadata and tensor infos from a byte buffer.
///
/// Layout (GGUF v2/v3, little-endian): magic `GGUF`, u32 version, u64 tensor count, u64
/// metadata count, the metadata key/value pairs, the tensor infos, padding to the alignment,
/// then the tensor data. Every count and length is checked against the bytes that remain before
/// anything is allocated. See `Spec/gguf.md`.
struct GGUFParser {
  static let magic: UInt32 = 0x4655_4747  // "GGUF" read little-endian
  static let maxDimensions = 4
  static let maxArrayNesting = 4
  static let defaultAlignment = 32

  var cursor: ByteCursor
  var version: UInt32 = 0
  var tensorCount = 0
  var metadata: GGUFMetadata

  init(bytes: UnsafeRawBufferPointer, file: String) {
    cursor = ByteCursor(bytes: bytes, file: file)
    metadata = GGUFMetadata(file: file)
  }

  /// Reads the header and all metadata; leaves the cursor at the first tensor info.
  mutating func parseHeaderAndMetadata() throws {
    let magic = try cursor.u32("header.magic")
    guard magic == Self.magic else {
      throw cursor.error(
        "header.magic", at: 0,
        "not a GGUF file (magic 0x\(String(magic, radix: 16)), expected \"GGUF\")")
    }
    version = try cursor.u32("header.version")
    guard version == 2 || version == 3 else {
      let note =
        version.byteSwapped == 2 || version.byteSwapped == 3
        ? " (big-endian GGUF is not supported)" : " (supported: 2, 3)"
      throw cursor.error("header.version", at: 4, "unsupported version \(version)\(note)")
    }
    // A tensor info is at least 24 bytes (name length, dims count, type, offset).
    let tensorCountOffset = cursor.offset
    let tensors = try cursor.u64("header.tensor_count")
    guard tensors <= UInt64(cursor.remaining / 24) else {
      throw cursor.error(
        "header.tensor_count", at: tensorCountOffset,
        "count \(tensors) impossible for a file of \(cursor.bytes.count) bytes")
    }
    tensorCount = Int(tensors)
    // A key/value pair is at least 13 bytes (key length, type tag, one byte of value).
    let kvCount = try cursor.count("header.metadata_kv_count", minimumSize: 13)
    for index in 0..<kvCount {
      let keyOffset = cursor.offset
      let key = try cursor.string("metadata key #\(index)")
      let field = "metadata[\"\(key)\"]"
      let valueOffset = cursor.offset
      let value = try readValue(field, depth: 0)
      guard metadata.insert(key, value, offset: valueOffset) else {
        throw cursor.error(field, at: keyOffset, "duplicate key")
      }
    }
  }

  mutating func readType(_ field: @autoclosure () -> String) throws -> GGUFValueType {
    let start = cursor.offset
    let raw = try cursor.u32(field() + " type")
    guard let type = GGUFValueType(rawValue: raw) else {
      throw cursor.error(field() + " type", at: start, "unknown value type \(raw)")
    }
    return type
  }

  mutating func readValue(_ field: String, depth: Int) throws -> GGUFValue {
    let type = try readType(field)
    switch type {
    case .array:
      return .array(try readArray(field, depth: depth + 1))
    default:
      return try readScalar(type, field)
    }
  }

  mutating func readScalar(
    _ type: GGUFValueType, _ field: @autoclosure () -> String
  ) throws -> GGUFValue {
    switch type {
    case .uint8: return .uint8(try cursor.load(UInt8.self, field()))
    case .int8: return .int8(try cursor.load(Int8.self, field()))
    case .uint16: return .uint16(try cursor.load(UInt16.self, field()))
    case .int16: return .int16(try cursor.load(Int16.self, field()))
    case .uint32: return .uint32(try cursor.load(UInt32.self, field()))
    case .int32: return .int32(try cursor.load(Int32.self, field()))
    case .uint64: return .uint64(try cursor.load(UInt64.self, field()))
    case .int64: return .int64(try cursor.load(Int64.self, field()))
    case .float32: return .float32(Float(bitPattern: try cursor.load(UInt32.self, field())))
    case .float64: return .float64(Double(bitPattern: try cursor.load(UInt64.self, field())))
    case .bool: return .bool(try readBool(field()))
    case .string: return .string(try cursor.string(field()))
    case .array: preconditionFailure("arrays are read by readArray")
    }
  }

  mutating func readBool(_ field: @autoclosure () -> String) throws -> Bool {
    let start = cursor.offset
    let b = try cursor.load(UInt8.self, field())
    guard b <= 1 else { throw cursor.error(field(), at: start, "bool must be 0 or 1, found \(b)") }
    return b == 1
  }

  mutating func readArray(_ field: String, depth: Int) throws -> GGUFArray {
    guard depth <= Self.maxArrayNesting else {
      throw cursor.error(field, "arrays nested deeper than \(Self.maxArrayNesting)")
    }
    let elementType = try readType(field + " element")
    let n = try cursor.count(field + " count", minimumSize: elementType.minimumSize)
    switch elementType {
    case .uint8: return .uint8s(cursor.array(UInt8.self, n))
    case .int8: return .int8s(cursor.array(Int8.self, n))
    case .uint16: return .uint16s(cursor.array(UInt16.self, n))
    case .int16: return .int16s(cursor.array(Int16.self, n))
    case .uint32: return .uint32s(cursor.array(UInt32.self, n))
    case .int32: return .int32s(cursor.array(Int32.self, n))
    case .uint64: return .uint64s(cursor.array(UInt64.self, n))
    case .int64: return .int64s(cursor.array(Int64.self, n))
    case .float32: return .float32s(cursor.array(UInt32.self, n).map { Float(bitPattern: $0) })
    case .float64: return .float64s(cursor.array(UInt64.self, n).map { Double(bitPattern: $0) })
    case .bool:
      var out = [Bool]()
      out.reserveCapacity(n)
      for i in 0..<n { out.append(try readBool("\(field)[\(i)]")) }
      return .bools(out)
    case .string:
      var out = [String]()
      out.reserveCapacity(n)
      for i in 0..<n { out.append(try cursor.string("\(field)[\(i)]")) }
      return .strings(out)
    case .array:
      var out = [GGUFArray]()
      for i in 0..<n { out.append(try readArray("\(field)[\(i)]", depth: depth + 1)) }
      return .arrays(out)
    }
  }

  /// The alignment from `general.alignment` (default 32); must be a power of two.
  func alignment() throws -> Int {
    guard let value = metadata["general.alignment"] else { return Self.defaultAlignment }
    let field = "metadata[\"general.alignment\"]"
    let offset = metadata.offset(of: "general.alignment")
    guard case .uint32(let a) = value else {
      throw cursor.error(field, at: offset, "expected uint32, found \(value.typeDescription)")
    }
    guard a > 0, a & (a - 1) == 0, a <= 1 << 20 else {
      throw cursor.error(field, at: offset, "alignment \(a) is not a power of two up to 2^20")
    }
    return Int(a)
  }

  /// Reads the tensor infos (after the metadata) and checks each tensor against the data section.
  mutating func parseTensorInfos() throws -> (tensors: [GGUFTensorInfo], dataOffset: Int) {
    let alignment = try alignment()
    struct Raw {
      var name: String
      var dims: [Int]
      var type: GGMLType
      var offset: Int
      var infoOffset: Int
    }
    var raws: [Raw] = []
    raws.reserveCapacity(tensorCount)
    var seen = Set<String>()
    for index in 0..<tensorCount {
      let infoOffset = cursor.offset
      let name = try cursor.string("tensor #\(index) name")
      let field = "tensor \"\(name)\""
      guard seen.insert(name).inserted else {
        throw cursor.error(field, at: infoOffset, "duplicate tensor name")
      }
      let dimsOffset = cursor.offset
      let nDims = try cursor.u32(field + " n_dims")
      guard nDims <= UInt32(Self.maxDimensions) else {
        throw cursor.error(
          field + " n_dims", at: dimsOffset, "\(nDims) dimensions (at most \(Self.maxDimensions))")
      }
      var dims: [Int] = []
      var elements = 1
      for d in 0..<Int(nDims) {
        let dimOffset = cursor.offset
        let raw = try cursor.u64(field + " dimension \(d)")
        guard raw <= UInt64(Int32.max) else {
          throw cursor.error(field + " dimension \(d)", at: dimOffset, "dimension \(raw) too large")
        }
        let (product, overflow) = elements.multipliedReportingOverflow(by: Int(raw))
        guard !overflow, product <= 1 << 48 else {
          throw cursor.error(field + " dimensions", at: dimsOffset, "element count overflows")
        }
        elements = product
        dims.append(Int(raw))
      }
      let typeOffset = cursor.offset
      let rawType = try cursor.u32(field + " type")
      guard let type = GGMLType(rawValue: rawType) else {
        throw cursor.error(field + " type", at: typeOffset, "unsupported tensor type \(rawType)")
      }
      guard (dims.first ?? 1) % type.blockSize == 0 else {
        throw cursor.error(
          field + " dimension 0", at: dimsOffset,
          "row length \(dims.first ?? 1) is not a multiple of the \(type) block size \(type.blockSize)"
        )
      }
      let offsetAt = cursor.offset
      let rawOffset = try cursor.u64(field + " offset")
      guard rawOffset <= UInt64(Int.max / 2), Int(rawOffset) % alignment == 0 else {
        throw cursor.error(
          field + " offset", at: offsetAt,
          "data offset \(rawOffset) is not a multiple of the alignment \(alignment)")
      }
      raws.append(
        Raw(name: name, dims: dims, type: type, offset: Int(rawOffset), infoOffset: infoOffset))
    }
    let end = cursor.offset
    let dataOffset = (end + alignment - 1) / alignment * alignment
    let dataBytes = cursor.bytes.count - dataOffset
    var tensors: [GGUFTensorInfo] = []
    tensors.reserveCapacity(raws.count)
    for raw in raws {
      let info = GGUFTensorInfo(
        name: raw.name, dimensions: raw.dims, type: raw.type, offset: raw.offset,
        fileOffset: dataOffset + raw.offset, infoOffset: raw.infoOffset)
      guard dataBytes >= 0, raw.offset <= dataBytes, info.byteCount <= dataBytes - raw.offset else {
        throw cursor.error(
          "tensor \"\(raw.name)\" data", at: info.fileOffset,
          "needs \(info.byteCount) bytes at data offset \(raw.offset), data section holds \(max(dataBytes, 0))"
        )
      }
      tensors.append(info)
    }
    return (tensors, dataOffset)
  }
}
