/// One GGUF metadata value.
///
/// Scalars map one to one onto the file's type tags; arrays are held as a ``GGUFArray`` whose
/// elements are stored in one typed Swift array (not one enum per element), so a 150k-entry
/// vocabulary costs one `[String]`.
public enum GGUFValue: Sendable, Equatable {
  case uint8(UInt8)
  case int8(Int8)
  case uint16(UInt16)
  case int16(Int16)
  case uint32(UInt32)
  case int32(Int32)
  case uint64(UInt64)
  case int64(Int64)
  case float32(Float)
  case float64(Double)
  case bool(Bool)
  case string(String)
  case array(GGUFArray)

  /// The value's type tag in the file.
  public var type: GGUFValueType {
    switch self {
    case .uint8: .uint8
    case .int8: .int8
    case .uint16: .uint16
    case .int16: .int16
    case .uint32: .uint32
    case .int32: .int32
    case .uint64: .uint64
    case .int64: .int64
    case .float32: .float32
    case .float64: .float64
    case .bool: .bool
    case .string: .string
    case .array: .array
    }
  }

  /// The value as an `Int` when it is an integer of any width that fits, else `nil`.
  public var intValue: Int? {
    switch self {
    case .uint8(let v): Int(v)
    case .int8(let v): Int(v)
    case .uint16(let v): Int(v)
    case .int16(let v): Int(v)
    case .uint32(let v): Int(v)
    case .int32(let v): Int(v)
    case .uint64(let v): Int(exactly: v)
    case .int64(let v): Int(v)
    default: nil
    }
  }

  /// The value as a `Double` when it is a float32 or float64, else `nil`.
  public var doubleValue: Double? {
    switch self {
    case .float32(let v): Double(v)
    case .float64(let v): v
    default: nil
    }
  }

  /// A short description of the value's type, e.g. `string` or `array of int32`.
  public var typeDescription: String {
    if case .array(let a) = self { return "array of \(a.elementType)" }
    return type.description
  }
}
