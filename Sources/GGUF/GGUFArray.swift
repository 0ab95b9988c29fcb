/// A GGUF metadata array, stored as one typed Swift array per element type.
///
/// GGUF arrays are homogeneous (one element type tag for the whole array), so each case holds
/// a plain Swift array of that element type: a vocabulary of 150k token strings is one
/// `[String]`, its scores one `[Float]`, its token types one `[Int32]`. Arrays of arrays (allowed
/// by the format, rare in practice) are ``arrays(_:)``, whose elements may each have their own
/// element type.
public enum GGUFArray: Sendable, Equatable {
  case uint8s([UInt8])
  case int8s([Int8])
  case uint16s([UInt16])
  case int16s([Int16])
  case uint32s([UInt32])
  case int32s([Int32])
  case uint64s([UInt64])
  case int64s([Int64])
  case float32s([Float])
  case float64s([Double])
  case bools([Bool])
  case strings([String])
  case arrays([GGUFArray])

  /// The element type tag stored in the file.
  public var elementType: GGUFValueType {
    switch self {
    case .uint8s: .uint8
    case .int8s: .int8
    case .uint16s: .uint16
    case .int16s: .int16
    case .uint32s: .uint32
    case .int32s: .int32
    case .uint64s: .uint64
    case .int64s: .int64
    case .float32s: .float32
    case .float64s: .float64
    case .bools: .bool
    case .strings: .string
    case .arrays: .array
    }
  }

  /// Number of elements.
  public var count: Int {
    switch self {
    case .uint8s(let a): a.count
    case .int8s(let a): a.count
    case .uint16s(let a): a.count
    case .int16s(let a): a.count
    case .uint32s(let a): a.count
    case .int32s(let a): a.count
    case .uint64s(let a): a.count
    case .int64s(let a): a.count
    case .float32s(let a): a.count
    case .float64s(let a): a.count
    case .bools(let a): a.count
    case .strings(let a): a.count
    case .arrays(let a): a.count
    }
  }

  /// The elements as `Int`s when the element type is an integer type and every element fits.
  public var intValues: [Int]? {
    switch self {
    case .uint8s(let a): a.map { Int($0) }
    case .int8s(let a): a.map { Int($0) }
    case .uint16s(let a): a.map { Int($0) }
    case .int16s(let a): a.map { Int($0) }
    case .uint32s(let a): a.map { Int($0) }
    case .int32s(let a): a.map { Int($0) }
    case .int64s(let a): a.map { Int($0) }
    case .uint64s(let a):
      a.allSatisfy { $0 <= UInt64(Int.max) } ? a.map { Int($0) } : nil
    default: nil
    }
  }
}
