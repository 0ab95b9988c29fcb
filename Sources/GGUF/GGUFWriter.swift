/// Builds GGUF v3 files in memory: metadata of every type and tensors with raw data.
///
/// Used by tests (tiny synthetic models and vocabularies) and by tools that write fixtures.
/// Keys and tensors are written in the order they are added.
public struct GGUFWriter: Sendable {
  /// A tensor to write: its name, ggml-order dimensions, type and raw bytes.
  public struct Tensor: Sendable {
    public var name: String
    public var dimensions: [Int]
    public var type: GGMLType
    public var data: [UInt8]
  }

  /// The metadata pairs to write, in order.
  public var metadata: [(key: String, value: GGUFValue)] = []
  /// The tensors to write, in order.
  public var tensors: [Tensor] = []
  /// The data alignment; written as `general.alignment` when it is not 32.
  public var alignment: Int
  /// The version written in the header.
  public var version: UInt32 = 3

  /// Creates an empty writer.
  public init(alignment: Int = 32) {
    self.alignment = alignment
  }

  /// Appends a metadata pair.
  public mutating func add(_ key: String, _ value: GGUFValue) {
    metadata.append((key, value))
  }

  /// Appends a tensor with raw bytes in the given type's layout.
  public mutating func addTensor(
    _ name: String, dimensions: [Int], type: GGMLType, data: [UInt8]
  ) {
    tensors.append(Tensor(name: name, dimensions: dimensions, type: type, data: data))
  }

  /// Appends an F32 tensor.
  public mutating func addTensor(_ name: String, dimensions: [Int], floats: [Float]) {
    var data = [UInt8]()
    data.reserveCapacity(floats.count * 4)
    for f in floats { withUnsafeBytes(of: f.bitPattern.littleEndian) { data += $0 } }
    addTensor(name, dimensions: dimensions, type: .f32, data: data)
  }

  /// The serialized file.
  public func serialized() -> [UInt8] {
    var out = [UInt8]()
    func put<T: FixedWidthInteger>(_ v: T) {
      withUnsafeBytes(of: v.littleEndian) { out += $0 }
    }
    func putString(_ s: String) {
      put(UInt64(s.utf8.count))
      out += s.utf8
    }
    func putArray(_ a: GGUFArray) {
      put(a.elementType.rawValue)
      put(UInt64(a.count))
      switch a {
      case .uint8s(let v): for x in v { put(x) }
      case .int8s(let v): for x in v { put(x) }
      case .uint16s(let v): for x in v { put(x) }
      case .int16s(let v): for x in v { put(x) }
      case .uint32s(let v): for x in v { put(x) }
      case .int32s(let v): for x in v { put(x) }
      case .uint64s(let v): for x in v { put(x) }
      case .int64s(let v): for x in v { put(x) }
      case .float32s(let v): for x in v { put(x.bitPattern) }
      case .float64s(let v): for x in v { put(x.bitPattern) }
      case .bools(let v): for x in v { put(UInt8(x ? 1 : 0)) }
      case .strings(let v): for x in v { putString(x) }
      case .arrays(let v): for x in v { putArray(x) }
      }
    }
    func putValue(_ v: GGUFValue) {
      put(v.type.rawValue)
      switch v {
      case .uint8(let x): put(x)
      case .int8(let x): put(x)
      case .uint16(let x): put(x)
      case .int16(let x): put(x)
      case .uint32(let x): put(x)
      case .int32(let x): put(x)
      case .uint64(let x): put(x)
      case .int64(let x): put(x)
      case .float32(let x): put(x.bitPattern)
      case .float64(let x): put(x.bitPattern)
      case .bool(let x): put(UInt8(x ? 1 : 0))
      case .string(let x): putString(x)
      case .array(let a): putArray(a)
      }
    }
    var pairs = metadata
    if alignment != 32, !pairs.contains(where: { $0.key == "general.alignment" }) {
      pairs.insert(("general.alignment", .uint32(UInt32(alignment))), at: 0)
    }
    put(GGUFParser.magic)
    put(version)
    put(UInt64(tensors.count))
    put(UInt64(pairs.count))
    for (key, value) in pairs {
      putString(key)
      putValue(value)
    }
    var offset = 0
    var offsets: [Int] = []
    for t in tensors {
      offsets.append(offset)
      offset = (offset + t.data.count + alignment - 1) / alignment * alignment
    }
    for (t, o) in zip(tensors, offsets) {
      putString(t.name)
      put(UInt32(t.dimensions.count))
      for d in t.dimensions { put(UInt64(d)) }
      put(t.type.rawValue)
      put(UInt64(o))
    }
    func pad() {
      while out.count % alignment != 0 { out.append(0) }
    }
    pad()
    for t in tensors {
      out += t.data
      pad()
    }
    return out
  }
}
