#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Read-only bytes backing a ``GGUFFile``: a private memory map of a file, or an aligned copy
/// of an in-memory buffer. Unmapped or freed when released.
final class MappedBytes: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
  private let isMapped: Bool

  /// Maps the whole file read-only.
  init(path: String) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw GGUFError(
        file: path, field: "file", offset: nil,
        reason: "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      throw GGUFError(
        file: path, field: "file", offset: nil,
        reason: "cannot stat: \(String(cString: strerror(errno)))")
    }
    let size = Int(st.st_size)
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      isMapped = false
      return
    }
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
      throw GGUFError(
        file: path, field: "file", offset: nil,
        reason: "cannot map \(size) bytes: \(String(cString: strerror(errno)))")
    }
    bytes = UnsafeRawBufferPointer(start: base, count: size)
    isMapped = true
  }

  /// Copies `source` into a 64-byte-aligned allocation.
  init(copying source: UnsafeRawBufferPointer) {
    let p = UnsafeMutableRawPointer.allocate(byteCount: max(source.count, 1), alignment: 64)
    if source.count > 0 { p.copyMemory(from: source.baseAddress!, byteCount: source.count) }
    bytes = UnsafeRawBufferPointer(start: p, count: source.count)
    isMapped = false
  }

  deinit {
    guard let base = bytes.baseAddress else { return }
    if isMapped {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    } else {
      UnsafeMutableRawPointer(mutating: base).deallocate()
    }
  }
}
