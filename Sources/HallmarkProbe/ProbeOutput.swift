import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The append-only JSONL output of a probe run (Spec/probe.md#resume).
///
/// Each record goes to the file in one `write(2)` of the whole line, as soon as it arrives,
/// so a killed process loses at most the line it was writing. Only lines that end in a
/// newline count: on resume, a torn last line (no newline) is cut off and its item done
/// again. The file is locked (`flock`) while a run writes it.
public final class ProbeOutput: @unchecked Sendable {
  /// What an existing output held when it was opened.
  public struct Existing: Sendable, Equatable {
    /// Items already written (each once).
    public var done: Set<ProbeItem>
    /// Complete records read.
    public var records: Int
    /// Records repeating an item already seen (kept in the file, counted once).
    public var duplicates: Int
    /// Bytes of a torn last line that were cut off.
    public var truncatedBytes: Int
  }

  /// The file written.
  public let path: String
  private let fd: Int32
  private let lock = NSLock()
  private let sync: Bool
  /// Set when a write failed part-way: nothing more is appended after a possibly torn line.
  private var broken = false

  /// Opens `path` for appending. Without `resume`, the file must be absent or empty; with it,
  /// existing records are read (their prompts checked against `prompts`) and a torn last line
  /// is cut off. `sync` makes every record durable (`fsync`) before the next.
  public init(path: String, prompts: [ProbePrompt], resume: Bool, sync: Bool = false)
    throws(ProbeError)
  {
    self.path = path
    self.sync = sync
    let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .unreadable(file: path, reason: "cannot open for writing: \(Self.errnoText())")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw .outputLocked(file: path)
    }
    self.fd = fd
    do {
      existing = try Self.scan(fd: fd, path: path, prompts: prompts, resume: resume)
    } catch {
      close(fd)
      throw error
    }
  }

  deinit { close(fd) }

  /// What the file held before this run.
  public let existing: Existing

  private static func errnoText() -> String { String(cString: strerror(errno)) }

  /// Reads the file, checks its records and cuts a torn last line.
  private static func scan(fd: Int32, path: String, prompts: [ProbePrompt], resume: Bool)
    throws(ProbeError) -> Existing
  {
    let size = lseek(fd, 0, SEEK_END)
    guard size >= 0 else {
      throw .unreadable(file: path, reason: "cannot seek: \(errnoText())")
    }
    var result = Existing(done: [], records: 0, duplicates: 0, truncatedBytes: 0)
    guard size > 0 else { return result }
    guard resume else { throw .outputExists(file: path) }
    var bytes = [UInt8](repeating: 0, count: Int(size))
    var read = 0
    while read < bytes.count {
      let n = bytes.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress! + read, $0.count - read, off_t(read))
      }
      guard n > 0 else { throw .unreadable(file: path, reason: "cannot read: \(errnoText())") }
      read += n
    }
    let complete = (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
    let decoder = JSONDecoder()
    var lineNumber = 0
    var start = 0
    while start < complete {
      let end = bytes[start..<complete].firstIndex(of: 0x0A)!
      lineNumber += 1
      defer { start = end + 1 }
      let line = bytes[start..<end]
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      guard let record = try? decoder.decode(ResumeKey.self, from: Data(line)) else {
        throw .invalidOutput(file: path, line: lineNumber, reason: "not a probe record")
      }
      guard record.promptIndex >= 0, record.promptIndex < prompts.count, record.sampleIndex >= 0
      else {
        throw .invalidOutput(
          file: path, line: lineNumber,
          reason:
            "prompt_index \(record.promptIndex) / sample_index \(record.sampleIndex) do not fit the \(prompts.count) prompts given"
        )
      }
      guard prompts[record.promptIndex].messages == record.messages else {
        throw .invalidOutput(
          file: path, line: lineNumber,
          reason:
            "its messages differ from prompt \(record.promptIndex) of the prompts given (another prompts file?)"
        )
      }
      result.records += 1
      if !result.done.insert(ProbeItem(prompt: record.promptIndex, sample: record.sampleIndex))
        .inserted
      {
        result.duplicates += 1
      }
    }
    if complete < bytes.count {
      guard ftruncate(fd, off_t(complete)) == 0 else {
        throw .unreadable(file: path, reason: "cannot cut the torn last line: \(errnoText())")
      }
      result.truncatedBytes = bytes.count - complete
    }
    return result
  }

  /// The fields resume needs from a record.
  private struct ResumeKey: Decodable {
    var promptIndex: Int
    var sampleIndex: Int
    var messages: [ChatMessage]

    enum CodingKeys: String, CodingKey {
      case promptIndex = "prompt_index"
      case sampleIndex = "sample_index"
      case messages
    }
  }

  /// Appends one record as a single write (thread-safe).
  public func append(_ record: ProbeRecord) throws(ProbeError) {
    let line = record.line()
    lock.lock()
    defer { lock.unlock() }
    guard !broken else {
      throw .unreadable(file: path, reason: "an earlier append failed; no more records are written")
    }
    var written = 0
    while written < line.count {
      let n = line.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        broken = true
        throw .unreadable(file: path, reason: "cannot append a record: \(Self.errnoText())")
      }
      written += n
    }
    if sync { _ = fsync(fd) }
  }
}
