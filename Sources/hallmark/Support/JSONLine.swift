import Foundation

/// A JSON object written field by field in a fixed order, for `--json` output (one object per
/// line). Doubles print in Swift's shortest round-trip form; non-finite values print as null.
struct JSONLine {
  private var parts: [String] = []

  mutating func add(_ name: String, _ value: String?) {
    parts.append("\(Self.quote(name)):\(value.map(Self.quote) ?? "null")")
  }

  mutating func add(_ name: String, _ value: Int) { parts.append("\(Self.quote(name)):\(value)") }

  mutating func add(_ name: String, _ value: Double?) {
    guard let value, value.isFinite else {
      parts.append("\(Self.quote(name)):null")
      return
    }
    let text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    parts.append("\(Self.quote(name)):\(text)")
  }

  mutating func add(_ name: String, _ value: Bool) { parts.append("\(Self.quote(name)):\(value)") }

  /// Adds a value that is already JSON text.
  mutating func addRaw(_ name: String, _ json: String) {
    parts.append("\(Self.quote(name)):\(json)")
  }

  var text: String { "{" + parts.joined(separator: ",") + "}" }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20:
        out += String(format: "\\u%04x", c.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
