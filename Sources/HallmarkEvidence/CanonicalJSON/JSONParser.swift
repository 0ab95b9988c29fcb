import Foundation

extension JSONValue {
  /// Reads JSON text (RFC 8259) strictly, under the I-JSON rules (RFC 7493) that canonical
  /// JSON relies on: valid UTF-8, no lone surrogate escapes, no duplicate member names, and
  /// numbers that fit a double. Whitespace around tokens is allowed; anything after the value
  /// is an error.
  /// - Parameter maxDepth: nesting limit, so hostile input cannot exhaust the stack.
  /// - Throws: `JSONParseError` naming the byte offset.
  public init(parsing bytes: some Collection<UInt8>, maxDepth: Int = 512) throws {
    var parser = JSONParser(bytes: Array(bytes), maxDepth: maxDepth)
    self = try parser.parseDocument()
  }

  /// Reads JSON text from a string; see `init(parsing:maxDepth:)` for the rules.
  public init(parsing text: String, maxDepth: Int = 512) throws {
    try self.init(parsing: Array(text.utf8), maxDepth: maxDepth)
  }
}

/// A recursive-descent JSON reader over a byte array.
struct JSONParser {
  let bytes: [UInt8]
  let maxDepth: Int
  var position = 0

  init(bytes: [UInt8], maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  mutating func parseDocument() throws -> JSONValue {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      throw JSONParseError(offset: 0, reason: "a byte-order mark is not allowed")
    }
    skipWhitespace()
    let value = try parseValue(depth: 0)
    skipWhitespace()
    if position != bytes.count {
      throw JSONParseError(offset: position, reason: "unexpected content after the JSON value")
    }
    return value
  }

  func fail(_ reason: String, at offset: Int? = nil) -> JSONParseError {
    JSONParseError(offset: offset ?? position, reason: reason)
  }

  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  mutating func parseValue(depth: Int) throws -> JSONValue {
    guard position < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw fail("unexpected character")
    }
  }

  mutating func expectLiteral(_ literal: String) throws {
    let expected = Array(literal.utf8)
    guard bytes[position...].starts(with: expected) else { throw fail("invalid literal") }
    position += expected.count
  }

  mutating func parseObject(depth: Int) throws -> JSONValue {
    guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
    position += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
        throw fail("expected a member name in quotes")
      }
      let keyOffset = position
      let key = try parseString()
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
        throw fail("expected ':' after a member name")
      }
      position += 1
      skipWhitespace()
      let value = try parseValue(depth: depth)
      if members.updateValue(value, forKey: key) != nil {
        throw fail("duplicate member name \"\(key)\"", at: keyOffset)
      }
      skipWhitespace()
      guard position < bytes.count else { throw fail("unexpected end of input in an object") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
      } else if bytes[position] == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      } else {
        throw fail("expected ',' or '}' in an object")
      }
    }
  }

  mutating func parseArray(depth: Int) throws -> JSONValue {
    guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth))
      skipWhitespace()
      guard position < bytes.count else { throw fail("unexpected end of input in an array") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
      } else if bytes[position] == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      } else {
        throw fail("expected ',' or ']' in an array")
      }
    }
  }

  mutating func parseNumber() throws -> Double {
    let start = position
    func digit(_ i: Int) -> Bool {
      i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")
    }
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard digit(position) else { throw fail("expected a digit") }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
      if digit(position) { throw fail("leading zeros are not allowed") }
    } else {
      while digit(position) { position += 1 }
    }
    if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digit(position) else { throw fail("expected a digit after '.'") }
      while digit(position) { position += 1 }
    }
    if position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
      position += 1
      if position < bytes.count
        && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"))
      {
        position += 1
      }
      guard digit(position) else { throw fail("expected a digit in the exponent") }
      while digit(position) { position += 1 }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw fail("number \(text) does not fit a double", at: start)
    }
    return value
  }

  mutating func parseHex4() throws -> UInt16 {
    guard position + 4 <= bytes.count else { throw fail("truncated \\u escape") }
    var value: UInt16 = 0
    for _ in 0..<4 {
      let c = bytes[position]
      let nibble: UInt8
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = c - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = c - UInt8(ascii: "A") + 10
      default: throw fail("invalid hex digit in a \\u escape")
      }
      value = value << 4 | UInt16(nibble)
      position += 1
    }
    return value
  }

  mutating func parseString() throws -> String {
    position += 1  // opening quote
    var out: [UInt8] = []
    while true {
      guard position < bytes.count else { throw fail("unterminated string") }
      let c = bytes[position]
      switch c {
      case UInt8(ascii: "\""):
        position += 1
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        let escapeStart = position
        position += 1
        guard position < bytes.count else { throw fail("unterminated escape") }
        let e = bytes[position]
        position += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          let unit = try parseHex4()
          var scalarValue = UInt32(unit)
          if (0xD800...0xDBFF).contains(unit) {
            guard position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
              bytes[position + 1] == UInt8(ascii: "u")
            else { throw fail("lone high surrogate escape", at: escapeStart) }
            position += 2
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
              throw fail("high surrogate not followed by a low surrogate", at: escapeStart)
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
          } else if (0xDC00...0xDFFF).contains(unit) {
            throw fail("lone low surrogate escape", at: escapeStart)
          }
          out += Array(String(Unicode.Scalar(scalarValue)!).utf8)
        default:
          throw fail("invalid escape", at: escapeStart)
        }
      case 0x00..<0x20:
        throw fail("unescaped control character in a string")
      case 0x00..<0x80:
        out.append(c)
        position += 1
      default:
        let length = try validUTF8Length(at: position)
        out += bytes[position..<(position + length)]
        position += length
      }
    }
  }

  /// Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629 table), or an error.
  func validUTF8Length(at i: Int) throws -> Int {
    let b0 = bytes[i]
    func cont(_ j: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      j < bytes.count && range.contains(bytes[j])
    }
    switch b0 {
    case 0xC2...0xDF where cont(i + 1): return 2
    case 0xE0 where cont(i + 1, 0xA0...0xBF) && cont(i + 2): return 3
    case 0xE1...0xEC where cont(i + 1) && cont(i + 2): return 3
    case 0xED where cont(i + 1, 0x80...0x9F) && cont(i + 2): return 3
    case 0xEE...0xEF where cont(i + 1) && cont(i + 2): return 3
    case 0xF0 where cont(i + 1, 0x90...0xBF) && cont(i + 2) && cont(i + 3): return 4
    case 0xF1...0xF3 where cont(i + 1) && cont(i + 2) && cont(i + 3): return 4
    case 0xF4 where cont(i + 1, 0x80...0x8F) && cont(i + 2) && cont(i + 3): return 4
    default: throw fail("invalid UTF-8", at: i)
    }
  }
}
