import COpenSSL

/// Reads and clears OpenSSL's per-thread error queue, so that failures carry OpenSSL's own
/// words (for example "certificate verify error: certificate has expired").
enum OpenSSLErrorQueue {
  /// All queued errors as one line, oldest first; "no detail" when the queue is empty.
  static func drain() -> String {
    var messages: [String] = []
    while true {
      var data: UnsafePointer<CChar>? = nil
      var flags: Int32 = 0
      let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
      if code == 0 { break }
      var buffer = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(code, &buffer, buffer.count)
      let text = String(
        decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      // "error:0A000086:SSL routines::certificate verify failed" -> keep the reason part.
      var reason =
        text.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? text
      if let data, (flags & ERR_TXT_STRING) != 0, data.pointee != 0 {
        reason += " (\(String(cString: data)))"
      }
      messages.append(reason)
    }
    return messages.isEmpty ? "no detail" : messages.joined(separator: "; ")
  }

  /// Empties the queue, so a later `drain()` reports only the next failure.
  static func clear() { ERR_clear_error() }

  /// An `EvidenceError.openssl` for `operation` with the queued detail.
  static func error(_ operation: String) -> EvidenceError {
    .openssl(operation: operation, detail: drain())
  }
}
