/// Turns any `Encodable` value into a `JSONValue`, so report structures written as Swift
/// types get the canonical serialization of RFC 8785.
///
/// Integers must lie within ±2^53 (the doubles that hold integers exactly, as I-JSON asks),
/// floating-point values must be finite; anything else throws `EncodingError.invalidValue`
/// naming the coding path. `Float` values are widened to `Double` exactly.
public struct JSONValueEncoder {
  /// Passed to the values being encoded, as `Encoder.userInfo`.
  public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

  public init() {}

  /// The JSON value of `value`.
  public func encode(_ value: some Encodable) throws -> JSONValue {
    if let json = value as? JSONValue { return json }
    let root = JSONNode()
    let encoder = JSONNodeEncoder(node: root, codingPath: [], userInfo: userInfo)
    try value.encode(to: encoder)
    return try root.materialize(path: [])
  }
}

/// A JSON value under construction; containers hand out child nodes by reference. Members
/// and elements live in stored properties so that appending never copies the collection.
final class JSONNode {
  enum Kind { case empty, value, object, array }
  var kind: Kind = .empty
  var value: JSONValue = .null
  var members: [String: JSONNode] = [:]
  var elements: [JSONNode] = []

  func set(_ value: JSONValue) {
    kind = .value
    self.value = value
  }

  func materialize(path: [any CodingKey]) throws -> JSONValue {
    switch kind {
    case .empty:
      // A value that encoded nothing at all: JSONEncoder writes an empty object.
      return .object([:])
    case .value:
      return value
    case .object:
      var out: [String: JSONValue] = [:]
      out.reserveCapacity(members.count)
      for (k, node) in members { out[k] = try node.materialize(path: path + [JSONCodingKey(k)]) }
      return .object(out)
    case .array:
      return .array(
        try elements.enumerated().map { i, node in
          try node.materialize(path: path + [JSONCodingKey(intValue: i)])
        })
    }
  }

  func becomeObject() {
    if kind != .object {
      kind = .object
      members = [:]
    }
  }

  func becomeArray() {
    if kind != .array {
      kind = .array
      elements = []
    }
  }

  func child(forKey key: String) -> JSONNode {
    becomeObject()
    if let existing = members[key] { return existing }
    let node = JSONNode()
    members[key] = node
    return node
  }

  func appendChild() -> JSONNode {
    becomeArray()
    let node = JSONNode()
    elements.append(node)
    return node
  }

  var arrayCount: Int { kind == .array ? elements.count : 0 }
}

struct JSONNodeEncoder: Encoder {
  let node: JSONNode
  let codingPath: [any CodingKey]
  let userInfoStorage: [CodingUserInfoKey: any Sendable]
  var userInfo: [CodingUserInfoKey: Any] { userInfoStorage }

  init(node: JSONNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
    self.node = node
    self.codingPath = codingPath
    self.userInfoStorage = userInfo
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.becomeObject()
    return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    node.becomeArray()
    return JSONUnkeyedContainer(encoder: self)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    JSONSingleValueContainer(encoder: self)
  }

  func nested(_ child: JSONNode, key: any CodingKey) -> JSONNodeEncoder {
    JSONNodeEncoder(node: child, codingPath: codingPath + [key], userInfo: userInfoStorage)
  }

  /// Encodes one value into `target`, taking the fast path for scalars and `JSONValue`.
  func encodeValue(_ value: some Encodable, into target: JSONNode, key: any CodingKey) throws {
    let path = codingPath + [key]
    if let json = value as? JSONValue {
      target.set(json)
    } else if let scalar = try JSONScalar.value(of: value, codingPath: path) {
      target.set(scalar)
    } else {
      try value.encode(to: nested(target, key: key))
    }
  }
}

/// Checks and converts the scalar types the `Encoder` protocol names.
enum JSONScalar {
  static let exactIntegerLimit: Double = 9_007_199_254_740_992  // 2^53

  static func number(_ d: Double, codingPath: [any CodingKey]) throws -> JSONValue {
    guard d.isFinite else {
      throw EncodingError.invalidValue(
        d, .init(codingPath: codingPath, debugDescription: "JSON cannot hold NaN or infinity"))
    }
    return .number(d)
  }

  static func integer<T: BinaryInteger>(_ i: T, codingPath: [any CodingKey]) throws -> JSONValue {
    let d = Double(i)
    guard d.magnitude <= exactIntegerLimit, T(exactly: d) == i else {
      throw EncodingError.invalidValue(
        i,
        .init(
          codingPath: codingPath,
          debugDescription: "integer \(i) is outside ±2^53 and would lose precision in JSON"))
    }
    return .number(d)
  }

  /// The JSON value of a scalar, or nil when `value` is not one of the scalar types.
  static func value(of value: some Encodable, codingPath: [any CodingKey]) throws -> JSONValue? {
    switch value {
    case let v as Bool: return .bool(v)
    case let v as String: return .string(v)
    case let v as Double: return try number(v, codingPath: codingPath)
    case let v as Float: return try number(Double(v), codingPath: codingPath)
    case let v as Int: return try integer(v, codingPath: codingPath)
    case let v as Int8: return try integer(v, codingPath: codingPath)
    case let v as Int16: return try integer(v, codingPath: codingPath)
    case let v as Int32: return try integer(v, codingPath: codingPath)
    case let v as Int64: return try integer(v, codingPath: codingPath)
    case let v as UInt: return try integer(v, codingPath: codingPath)
    case let v as UInt8: return try integer(v, codingPath: codingPath)
    case let v as UInt16: return try integer(v, codingPath: codingPath)
    case let v as UInt32: return try integer(v, codingPath: codingPath)
    case let v as UInt64: return try integer(v, codingPath: codingPath)
    default: return nil
    }
  }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: JSONNodeEncoder
  var codingPath: [any CodingKey] { encoder.codingPath }

  func encodeNil(forKey key: Key) throws {
    encoder.node.child(forKey: key.stringValue).set(.null)
  }

  func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try encoder.encodeValue(value, into: encoder.node.child(forKey: key.stringValue), key: key)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    encoder.nested(encoder.node.child(forKey: key.stringValue), key: key)
      .container(keyedBy: keyType)
  }

  func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    encoder.nested(encoder.node.child(forKey: key.stringValue), key: key).unkeyedContainer()
  }

  func superEncoder() -> any Encoder {
    let key = JSONCodingKey("super")
    return encoder.nested(encoder.node.child(forKey: key.stringValue), key: key)
  }

  func superEncoder(forKey key: Key) -> any Encoder {
    encoder.nested(encoder.node.child(forKey: key.stringValue), key: key)
  }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
  let encoder: JSONNodeEncoder
  var codingPath: [any CodingKey] { encoder.codingPath }
  var count: Int { encoder.node.arrayCount }

  func nextKey() -> JSONCodingKey { JSONCodingKey(intValue: count) }

  func encodeNil() throws { encoder.node.appendChild().set(.null) }

  func encode<T: Encodable>(_ value: T) throws {
    let key = nextKey()
    try encoder.encodeValue(value, into: encoder.node.appendChild(), key: key)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  ) -> KeyedEncodingContainer<NestedKey> {
    let key = nextKey()
    return encoder.nested(encoder.node.appendChild(), key: key).container(keyedBy: keyType)
  }

  func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let key = nextKey()
    return encoder.nested(encoder.node.appendChild(), key: key).unkeyedContainer()
  }

  func superEncoder() -> any Encoder {
    let key = nextKey()
    return encoder.nested(encoder.node.appendChild(), key: key)
  }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
  let encoder: JSONNodeEncoder
  var codingPath: [any CodingKey] { encoder.codingPath }

  func encodeNil() throws { encoder.node.set(.null) }

  func encode<T: Encodable>(_ value: T) throws {
    if let json = value as? JSONValue {
      encoder.node.set(json)
    } else if let scalar = try JSONScalar.value(of: value, codingPath: codingPath) {
      encoder.node.set(scalar)
    } else {
      try value.encode(to: encoder)
    }
  }
}
