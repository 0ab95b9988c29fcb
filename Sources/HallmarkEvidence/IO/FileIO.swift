import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
  private let systemWrite = Darwin.write
#endif

/// File reading and writing with errors that name the file and say why (errno text).
public enum FileIO {
  static func errnoText() -> String { String(cString: strerror(errno)) }

  /// The whole content of the file at `path`.
  public static func read(path: String) throws -> [UInt8] {
    var out: [UInt8] = []
    try readChunks(path: path) { out.append(contentsOf: $0) }
    return out
  }

  /// Calls `body` with successive pieces (up to 1 MiB) of the file at `path`.
  public static func readChunks(path: String, _ body: (UnsafeRawBufferPointer) throws -> Void)
    throws
  {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw EvidenceError.file(path: path, reason: errnoText()) }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      throw EvidenceError.file(path: path, reason: "is a directory, not a file")
    }
    let size = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = systemRead(fd, buffer.baseAddress, size)
      if n < 0 {
        if errno == EINTR { continue }
        throw EvidenceError.file(path: path, reason: errnoText())
      }
      if n == 0 { return }
      try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
    }
  }

  /// Writes `bytes` to a new file at `path` with permission bits `mode` (e.g. 0o600 for a
  /// private key), flushing it to disk. Refuses to replace an existing file unless
  /// `overwrite` is true.
  public static func write(
    _ bytes: [UInt8], to path: String, mode: mode_t = 0o644, overwrite: Bool = false
  ) throws {
    var flags = O_WRONLY | O_CREAT | O_CLOEXEC
    flags |= overwrite ? O_TRUNC : O_EXCL
    let fd = open(path, flags, mode)
    guard fd >= 0 else {
      let reason = errno == EEXIST ? "already exists (not replaced)" : errnoText()
      throw EvidenceError.file(path: path, reason: reason)
    }
    defer { close(fd) }
    // The mode given to open() is filtered by the umask; set it exactly.
    guard fchmod(fd, mode) == 0 else { throw EvidenceError.file(path: path, reason: errnoText()) }
    try bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw EvidenceError.file(path: path, reason: errnoText())
        }
        offset += n
      }
    }
    guard fsync(fd) == 0 else { throw EvidenceError.file(path: path, reason: errnoText()) }
  }

  /// Removes the file at `path`.
  public static func remove(path: String) throws {
    guard unlink(path) == 0 else { throw EvidenceError.file(path: path, reason: errnoText()) }
  }

  /// Flushes a folder's entries (after a rename) to disk; failures are ignored, as some file
  /// systems refuse fsync on folders.
  static func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }
}
