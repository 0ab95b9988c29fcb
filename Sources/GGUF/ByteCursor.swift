/// A bounds-checked little-endian reader over a byte buffer, throwing ``GGUFError`` on overrun.
///
/// Field names are autoclosures so that building them costs nothing unless an error is thrown.
struct ByteCursor {
  let bytes: UnsafeRawBufferPointer
  let file: String
  var offset: Int = 0

  var remaining: Int { bytes.count - offset }

  func error(_ field: String, at position: Int? = nil, _ reason: String) -> GGUFError {
    GGUFError(file: file, field: field, offset: position ?? offset, reason: reason)
  }

  mutating func need(_ n: Int, _ field: @autoclosure () -> String) throws {
    guard n <= remaining else {
      throw error(
        field(), "truncated: needs \(n) bytes, \(remaining) left of \(bytes.count)")
    }
  }

  mutating func load<T: FixedWidthInteger>(
    _: T.Type, _ field: @autoclosure () -> String
  ) throws -> T {
    try need(MemoryLayout<T>.size, field())
    let v = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    offset += MemoryLayout<T>.size
    return T(littleEndian: v)
  }

  mutating func u32(_ field: @autoclosure () -> String) throws -> UInt32 {
    try load(UInt32.self, field())
  }

  mutating func u64(_ field: @autoclosure () -> String) throws -> UInt64 {
    try load(UInt64.self, field())
  }

  /// Reads a u64 count or length and checks that `count * minimumSize` bytes remain.
  mutating func count(
    _ field: @autoclosure () -> String, minimumSize: Int
  ) throws -> Int {
    let start = offset
    let raw = try u64(field())
    let limit = minimumSize == 0 ? Int.max : remaining / minimumSize
    guard raw <= UInt64(limit) else {
      throw error(
        field(), at: start,
        "count \(raw) impossible: only \(remaining) bytes left (at least \(minimumSize) each)")
    }
    return Int(raw)
  }

  /// Reads a GGUF string: a u64 byte length, then UTF-8 bytes (ill-formed sequences are
  /// replaced by U+FFFD).
  mutating func string(_ field: @autoclosure () -> String) throws -> String {
    let n = try count(field(), minimumSize: 1)
    let s = String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
    offset += n
    return s
  }

  /// Reads `n` fixed-width little-endian values in one copy.
  mutating func array<T: FixedWidthInteger>(_: T.Type, _ n: Int) -> [T] {
    let size = MemoryLayout<T>.size
    let result = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      UnsafeMutableRawBufferPointer(buffer).copyMemory(
        from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n * size]))
      initialized = n
    }
    offset += n * size
    #if _endian(big)
      return result.map { T(littleEndian: $0) }
    #else
      return result
    #endif
  }
}
