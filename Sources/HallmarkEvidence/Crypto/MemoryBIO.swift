import COpenSSL

/// Small helpers for OpenSSL's in-memory BIOs.
enum MemoryBIO {
  /// Runs `body` with a read-only BIO over `bytes`; the BIO is freed afterwards and must not
  /// escape the closure (it points into `bytes`).
  static func withReadBIO<R>(_ bytes: [UInt8], _ body: (OpaquePointer) throws -> R) throws -> R {
    try bytes.withUnsafeBytes { raw -> R in
      // BIO_new_mem_buf wants a non-null pointer even for empty input.
      let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
      guard let bio = BIO_new_mem_buf(base, Int32(raw.count)) else {
        throw OpenSSLErrorQueue.error("BIO_new_mem_buf")
      }
      defer { BIO_free(bio) }
      return try body(bio)
    }
  }

  /// Runs `body` with an empty writable BIO and returns what it wrote.
  static func collect(_ body: (OpaquePointer) throws -> Void) throws -> [UInt8] {
    guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLErrorQueue.error("BIO_new") }
    defer { BIO_free(bio) }
    try body(bio)
    var pointer: UnsafeMutablePointer<CChar>? = nil
    let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer)
    guard length > 0, let pointer else { return [] }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
      Array(UnsafeBufferPointer(start: $0, count: length))
    }
  }
}
