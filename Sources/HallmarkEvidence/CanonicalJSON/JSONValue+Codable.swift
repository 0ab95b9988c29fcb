/// `JSONValue` encodes as the JSON it stands for, so report structures can hold free-form
/// parts, and decodes from any decoder that can describe JSON.
extension JSONValue: Codable {
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .null:
      var c = encoder.singleValueContainer()
      try c.encodeNil()
    case .bool(let b):
      var c = encoder.singleValueContainer()
      try c.encode(b)
    case .number(let d):
      var c = encoder.singleValueContainer()
      try c.encode(d)
    case .string(let s):
      var c = encoder.singleValueContainer()
      try c.encode(s)
    case .array(let elements):
      var c = encoder.unkeyedContainer()
      for element in elements { try c.encode(element) }
    case .object(let members):
      var c = encoder.container(keyedBy: JSONCodingKey.self)
      for (key, value) in members { try c.encode(value, forKey: JSONCodingKey(key)) }
    }
  }

  public init(from decoder: any Decoder) throws {
    if let c = try? decoder.container(keyedBy: JSONCodingKey.self) {
      var members: [String: JSONValue] = [:]
      for key in c.allKeys { members[key.stringValue] = try c.decode(JSONValue.self, forKey: key) }
      self = .object(members)
    } else if var c = try? decoder.unkeyedContainer() {
      var elements: [JSONValue] = []
      while !c.isAtEnd { elements.append(try c.decode(JSONValue.self)) }
      self = .array(elements)
    } else {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        self = .null
      } else if let b = try? c.decode(Bool.self) {
        self = .bool(b)
      } else if let d = try? c.decode(Double.self) {
        self = .number(d)
      } else {
        self = .string(try c.decode(String.self))
      }
    }
  }
}

/// A coding key for arbitrary member names.
struct JSONCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(_ string: String) { stringValue = string }
  init(stringValue: String) { self.stringValue = stringValue }
  init(intValue: Int) {
    stringValue = String(intValue)
    self.intValue = intValue
  }
}
