/// Why JSON text could not be read; `offset` is the byte offset into the input.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
  /// Byte offset of the problem in the input.
  public var offset: Int
  /// What is wrong there, in words.
  public var reason: String

  public init(offset: Int, reason: String) {
    self.offset = offset
    self.reason = reason
  }

  public var description: String { "JSON: \(reason) at byte offset \(offset)" }
}
