import COpenSSL

/// A failure reported by OpenSSL, with the operation that failed and OpenSSL's own reason.
public struct OpenSSLError: Error, CustomStringConvertible, Sendable {
  /// What Hallmark was doing, e.g. "HKDF-SHA256 derive".
  public let operation: String
  /// OpenSSL's error queue, rendered as text (may be empty).
  public let reason: String

  init(_ operation: String) {
    self.operation = operation
    var lines: [String] = []
    while true {
      let code = ERR_get_error()
      if code == 0 { break }
      var buffer = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(code, &buffer, buffer.count)
      lines.append(
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    self.reason = lines.joined(separator: "; ")
  }

  public var description: String {
    reason.isEmpty ? "OpenSSL: \(operation) failed" : "OpenSSL: \(operation) failed: \(reason)"
  }
}

/// Stops on an OpenSSL failure that leaves no way to continue correctly (a broken library).
///
/// Unlike `precondition`, this is checked in every build mode: the core is compiled with
/// `-Ounchecked`, where `precondition` conditions are not even evaluated.
@inline(__always) func requireOpenSSL(_ ok: Bool, _ operation: @autoclosure () -> String) {
  if !ok { fatalError("\(OpenSSLError(operation()))") }
}
