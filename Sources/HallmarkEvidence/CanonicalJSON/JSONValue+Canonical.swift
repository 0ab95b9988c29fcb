import Foundation

extension JSONValue {
  /// The RFC 8785 (JSON Canonicalization Scheme) bytes of this value: no whitespace, object
  /// members sorted by the UTF-16 code units of their names, numbers in ECMAScript form,
  /// strings with the minimal escapes, UTF-8. Equal values give identical bytes on every
  /// machine, which is what makes a signature over them reproducible.
  /// - Throws: `JSONCanonicalError.nonFiniteNumber` for NaN or an infinity.
  public func canonicalBytes() throws -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    do {
      try JSONCanonicalWriter.write(self, into: &out)
    } catch let JSONCanonicalError.nonFiniteNumber(path) {
      throw JSONCanonicalError.nonFiniteNumber(path: "$" + path)
    }
    return out
  }

  /// `canonicalBytes()` as `Data`.
  public func canonicalData() throws -> Data {
    Data(try canonicalBytes())
  }

  /// `canonicalBytes()` as a string (the bytes are always valid UTF-8).
  public func canonicalString() throws -> String {
    String(decoding: try canonicalBytes(), as: UTF8.self)
  }
}

/// The RFC 8785 serializer behind `JSONValue.canonicalBytes()`.
enum JSONCanonicalWriter {
  /// Appends the canonical bytes of `value`; a non-finite number throws with the path below
  /// `value` (callers prefix their own part while unwinding, so paths cost nothing otherwise).
  static func write(_ value: JSONValue, into out: inout [UInt8]) throws {
    switch value {
    case .null:
      out.append(contentsOf: "null".utf8)
    case .bool(let b):
      out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let d):
      guard let text = ECMAScriptNumber.string(d) else {
        throw JSONCanonicalError.nonFiniteNumber(path: "")
      }
      out.append(contentsOf: text.utf8)
    case .string(let s):
      writeString(s, into: &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (i, element) in elements.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        do {
          try write(element, into: &out)
        } catch let JSONCanonicalError.nonFiniteNumber(path) {
          throw JSONCanonicalError.nonFiniteNumber(path: "[\(i)]" + path)
        }
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      let keys = members.keys.sorted(by: utf16Precedes)
      for (i, key) in keys.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        do {
          try write(members[key]!, into: &out)
        } catch let JSONCanonicalError.nonFiniteNumber(path) {
          throw JSONCanonicalError.nonFiniteNumber(path: ".\(key)" + path)
        }
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }

  /// RFC 8785 section 3.2.3: member names compare as arrays of UTF-16 code units.
  static func utf16Precedes(_ a: String, _ b: String) -> Bool {
    a.utf16.lexicographicallyPrecedes(b.utf16)
  }

  /// RFC 8785 section 3.2.2.2: `"` and `\` escaped, U+0000–U+001F as `\b \t \n \f \r` or
  /// `\u00xx` (lower-case hex), everything else written as its UTF-8 bytes.
  static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
      case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
      case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case 0x00..<0x20:
        out += [
          UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
          UInt8(ascii: "0") + (byte >> 4), hexDigit(byte & 0xF),
        ]
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
