/// A minimal JSON reader for `tokenizer.json` (RFC 8259), with error offsets and a nesting
/// limit so that no input can crash it.
enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  struct ParseError: Error {
    var offset: Int
    var reason: String
  }

  static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    try bytes.withUnsafeBufferPointer { b in
      var p = Parser(b: b, i: 0)
      p.skipSpace()
      let v = try p.value(depth: 0)
      p.skipSpace()
      if p.i != b.count { throw ParseError(offset: p.i, reason: "trailing characters") }
      return v
    }
  }

  private struct Parser {
    let b: UnsafeBufferPointer<UInt8>
    var i: Int

    mutating func skipSpace() {
      while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    func err(_ r: String) -> ParseError { ParseError(offset: i, reason: r) }

    mutating func value(depth: Int) throws -> JSONValue {
      guard depth < 256 else { throw err("nesting deeper than 256") }
      guard i < b.count else { throw err("unexpected end of input") }
      switch b[i] {
      case 0x7B: return try object(depth)
      case 0x5B: return try array(depth)
      case 0x22: return .string(try string())
      case 0x74:
        try literal("true")
        return .bool(true)
      case 0x66:
        try literal("false")
        return .bool(false)
      case 0x6E:
        try literal("null")
        return .null
      default: return .number(try number())
      }
    }

    mutating func literal(_ s: String) throws {
      for c in s.utf8 {
        guard i < b.count, b[i] == c else { throw err("invalid literal") }
        i += 1
      }
    }

    mutating func number() throws -> Double {
      let start = i
      while i < b.count,
        (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2D || b[i] == 0x2B
          || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45
      {
        i += 1
      }
      guard i > start, let d = Double(String(decoding: b[start..<i], as: UTF8.self)) else {
        i = start
        throw err("invalid value")
      }
      return d
    }

    mutating func hex4() throws -> UInt32 {
      guard i + 4 <= b.count else { throw err("truncated \\u escape") }
      var v: UInt32 = 0
      for _ in 0..<4 {
        let c = b[i]
        let d: UInt32
        switch c {
        case 0x30...0x39: d = UInt32(c - 0x30)
        case 0x41...0x46: d = UInt32(c - 0x41 + 10)
        case 0x61...0x66: d = UInt32(c - 0x61 + 10)
        default: throw err("invalid \\u escape")
        }
        v = v << 4 | d
        i += 1
      }
      return v
    }

    mutating func string() throws -> String {
      i += 1
      var out: [UInt8] = []
      var start = i
      while true {
        guard i < b.count else { throw err("unterminated string") }
        let c = b[i]
        if c == 0x22 {
          out.append(contentsOf: b[start..<i])
          i += 1
          break
        }
        if c < 0x20 { throw err("control character in string") }
        if c != 0x5C {
          i += 1
          continue
        }
        out.append(contentsOf: b[start..<i])
        i += 1
        guard i < b.count else { throw err("unterminated escape") }
        let e = b[i]
        i += 1
        switch e {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x2F: out.append(0x2F)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x75:
          var u = try hex4()
          if u >= 0xD800 && u < 0xDC00, i + 6 <= b.count, b[i] == 0x5C, b[i + 1] == 0x75 {
            let save = i
            i += 2
            let lo = try hex4()
            if lo >= 0xDC00 && lo < 0xE000 {
              u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
            } else {
              i = save
            }
          }
          let scalar = Unicode.Scalar(u) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(scalar).utf8))
        default:
          i -= 1
          throw err("invalid escape")
        }
        start = i
      }
      return String(decoding: out, as: UTF8.self)
    }

    mutating func array(_ depth: Int) throws -> JSONValue {
      i += 1
      var a: [JSONValue] = []
      skipSpace()
      if i < b.count, b[i] == 0x5D {
        i += 1
        return .array(a)
      }
      while true {
        skipSpace()
        a.append(try value(depth: depth + 1))
        skipSpace()
        guard i < b.count else { throw err("unterminated array") }
        if b[i] == 0x2C {
          i += 1
          continue
        }
        if b[i] == 0x5D {
          i += 1
          return .array(a)
        }
        throw err("expected , or ]")
      }
    }

    mutating func object(_ depth: Int) throws -> JSONValue {
      i += 1
      var o: [String: JSONValue] = [:]
      skipSpace()
      if i < b.count, b[i] == 0x7D {
        i += 1
        return .object(o)
      }
      while true {
        skipSpace()
        guard i < b.count, b[i] == 0x22 else { throw err("expected a key string") }
        let k = try string()
        skipSpace()
        guard i < b.count, b[i] == 0x3A else { throw err("expected :") }
        i += 1
        skipSpace()
        o[k] = try value(depth: depth + 1)
        skipSpace()
        guard i < b.count else { throw err("unterminated object") }
        if b[i] == 0x2C {
          i += 1
          continue
        }
        if b[i] == 0x7D {
          i += 1
          return .object(o)
        }
        throw err("expected , or }")
      }
    }
  }

  subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  var bool: Bool? {
    if case .bool(let v) = self { return v }
    return nil
  }

  var int: Int? {
    if case .number(let d) = self, d.rounded() == d, abs(d) < 1e15 { return Int(d) }
    return nil
  }

  var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  var object: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }

  var isNull: Bool {
    if case .null = self { return true }
    return false
  }
}
