import Foundation

/// A dotted path into a JSON record (`text`, `completion.text`, `choices.0.text`): each
/// segment is an object key, or an array index when the value there is an array.
public struct JSONFieldPath: Sendable, Hashable, CustomStringConvertible {
  /// The segments in order.
  public let segments: [String]

  /// A path from its dotted spelling; nil when it is empty or has an empty segment.
  public init?(_ spelling: String) {
    let parts = spelling.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
    segments = parts
  }

  public var description: String { segments.joined(separator: ".") }

  /// Why a path does not reach a usable value.
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The record has nothing at `path` (the prefix that exists is `found`).
    case missing(path: String)
    /// The value is there but of the wrong type.
    case wrongType(path: String, found: String)

    public var description: String {
      switch self {
      case .missing(let path): "no field \"\(path)\""
      case .wrongType(let path, let found): "field \"\(path)\" is \(found), not a string"
      }
    }
  }

  /// The value at this path in a parsed JSON value (from `JSONSerialization`).
  public func value(in root: Any) -> Any? {
    var current: Any = root
    for segment in segments {
      if let object = current as? [String: Any] {
        guard let next = object[segment] else { return nil }
        current = next
      } else if let array = current as? [Any], let index = Int(segment), index >= 0,
        index < array.count
      {
        current = array[index]
      } else {
        return nil
      }
    }
    return current
  }

  /// The string at this path; numbers are accepted when `allowNumbers` (ids).
  public func string(in root: Any, allowNumbers: Bool = false) throws(Failure) -> String {
    guard let value = value(in: root), !(value is NSNull) else {
      throw .missing(path: description)
    }
    if let s = value as? String { return s }
    if allowNumbers, let n = value as? NSNumber, !Self.isBool(n) {
      let d = n.doubleValue
      if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
      return "\(d)"
    }
    throw .wrongType(path: description, found: Self.typeName(value))
  }

  /// Whether a parsed number is a JSON boolean (Foundation boxes both as `NSNumber`).
  static func isBool(_ n: NSNumber) -> Bool {
    String(describing: type(of: n)).contains("Boolean")
  }

  static func typeName(_ value: Any) -> String {
    switch value {
    case is [String: Any]: "an object"
    case is [Any]: "an array"
    case let n as NSNumber: isBool(n) ? "a boolean" : "a number"
    case is NSNull: "null"
    default: "\(type(of: value))"
    }
  }
}
