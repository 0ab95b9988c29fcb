/// The type tags of GGUF metadata values (`gguf_type` in llama.cpp), as stored in the file.
public enum GGUFValueType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
  case uint8 = 0
  case int8 = 1
  case uint16 = 2
  case int16 = 3
  case uint32 = 4
  case int32 = 5
  case float32 = 6
  case bool = 7
  case string = 8
  case array = 9
  case uint64 = 10
  case int64 = 11
  case float64 = 12

  /// Bytes one value of this type takes in the file, or `nil` for strings and arrays.
  public var fixedSize: Int? {
    switch self {
    case .uint8, .int8, .bool: 1
    case .uint16, .int16: 2
    case .uint32, .int32, .float32: 4
    case .uint64, .int64, .float64: 8
    case .string, .array: nil
    }
  }

  /// The fewest bytes one value of this type can take (a string's length prefix is 8 bytes, an
  /// array's type tag and count 12); used to reject absurd counts before allocating.
  var minimumSize: Int {
    switch self {
    case .string: 8
    case .array: 12
    default: fixedSize!
    }
  }

  public var description: String {
    switch self {
    case .uint8: "uint8"
    case .int8: "int8"
    case .uint16: "uint16"
    case .int16: "int16"
    case .uint32: "uint32"
    case .int32: "int32"
    case .float32: "float32"
    case .bool: "bool"
    case .string: "string"
    case .array: "array"
    case .uint64: "uint64"
    case .int64: "int64"
    case .float64: "float64"
    }
  }
}
