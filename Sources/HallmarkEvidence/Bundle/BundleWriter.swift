import Foundation

/// Writes a bundle folder so that it appears complete or not at all: files go into a hidden
/// staging folder next to the destination (`.NAME.incomplete-RANDOM`, same file system), are
/// flushed to disk, and the folder is renamed into place by `commit()`. A writer dropped or
/// abandoned before `commit()` removes its staging folder, so a failed run leaves nothing
/// that looks like a bundle.
public final class BundleWriter {
  /// Where the bundle will appear.
  public let destination: URL
  /// The staging folder being filled.
  public let staging: URL
  /// Whether an existing destination may be replaced.
  public let replaceExisting: Bool
  private(set) var names: [String] = []
  private var finished = false

  /// Prepares a staging folder for a bundle at `destination`.
  /// - Throws: `EvidenceError.bundle` when the destination exists (and `replaceExisting` is
  ///   false), its parent folder is missing, or the staging folder cannot be made.
  public init(destination: String, replaceExisting: Bool = false) throws {
    let fm = FileManager.default
    self.destination = URL(fileURLWithPath: destination).standardizedFileURL
    self.replaceExisting = replaceExisting
    let parent = self.destination.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw EvidenceError.bundle(
        path: destination, reason: "parent folder \(parent.path) does not exist")
    }
    if fm.fileExists(atPath: self.destination.path) && !replaceExisting {
      throw EvidenceError.bundle(path: destination, reason: "already exists (not replaced)")
    }
    let token = UInt64.random(in: 0...UInt64.max)
    staging = parent.appendingPathComponent(
      ".\(self.destination.lastPathComponent).incomplete-\(String(token, radix: 16))")
    do {
      try fm.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw EvidenceError.bundle(
        path: destination, reason: "cannot create \(staging.path): \(error.localizedDescription)")
    }
  }

  deinit {
    if !finished { try? FileManager.default.removeItem(at: staging) }
  }

  /// True for names a bundle file may have: letters, digits, `.`, `_`, `-`, not starting with
  /// a dot, no folders.
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.utf8.first, first != UInt8(ascii: "."), name.utf8.count <= 128 else {
      return false
    }
    return name.utf8.allSatisfy { c in
      (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
        || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }
  }

  /// Writes one file of the bundle (flushed to disk).
  public func write(_ bytes: [UInt8], as name: String) throws {
    guard !finished else {
      throw EvidenceError.bundle(path: destination.path, reason: "already committed or abandoned")
    }
    guard Self.isValidName(name) else {
      throw EvidenceError.bundle(path: destination.path, reason: "invalid file name \"\(name)\"")
    }
    guard !names.contains(name) else {
      throw EvidenceError.bundle(path: destination.path, reason: "\(name) written twice")
    }
    try FileIO.write(bytes, to: staging.appendingPathComponent(name).path, mode: 0o644)
    names.append(name)
  }

  /// Writes a UTF-8 text file of the bundle.
  public func write(text: String, as name: String) throws {
    try write(Array(text.utf8), as: name)
  }

  /// Moves the finished bundle into place. With `replaceExisting`, an old bundle at the
  /// destination is moved aside first and removed only after the new one is in place.
  public func commit() throws {
    guard !finished else {
      throw EvidenceError.bundle(path: destination.path, reason: "already committed or abandoned")
    }
    let fm = FileManager.default
    var aside: URL? = nil
    if fm.fileExists(atPath: destination.path) {
      guard replaceExisting else {
        throw EvidenceError.bundle(path: destination.path, reason: "already exists (not replaced)")
      }
      let old = staging.deletingLastPathComponent().appendingPathComponent(
        ".\(destination.lastPathComponent).replaced-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
      )
      guard rename(destination.path, old.path) == 0 else {
        throw EvidenceError.bundle(
          path: destination.path, reason: "cannot move the old bundle aside: \(FileIO.errnoText())")
      }
      aside = old
    }
    guard rename(staging.path, destination.path) == 0 else {
      let reason = FileIO.errnoText()
      if let aside { _ = rename(aside.path, destination.path) }
      throw EvidenceError.bundle(
        path: destination.path, reason: "cannot move into place: \(reason)")
    }
    finished = true
    FileIO.syncDirectory(destination.deletingLastPathComponent().path)
    if let aside { try? fm.removeItem(at: aside) }
  }

  /// Removes the staging folder; nothing appears at the destination.
  public func abandon() {
    guard !finished else { return }
    finished = true
    try? FileManager.default.removeItem(at: staging)
  }
}
