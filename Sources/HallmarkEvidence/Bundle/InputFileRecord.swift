/// One input file as `report.json` lists it under `inputs`: the path as given on the command
/// line, its size and its SHA-256. A verifier handed the same file recomputes the digest.
public struct InputFileRecord: Codable, Sendable, Equatable {
  /// The path as the user gave it.
  public var path: String
  /// What the file is for (e.g. "text", "tokenizer", "model", "key-commitment").
  public var role: String
  /// Size in bytes.
  public var bytes: Int
  /// SHA-256, 64 lower-case hex digits.
  public var sha256: String

  public init(path: String, role: String, bytes: Int, sha256: String) {
    self.path = path
    self.role = role
    self.bytes = bytes
    self.sha256 = sha256
  }

  /// Reads and hashes the file at `path` (streamed; any size).
  /// - Throws: `EvidenceError.file` naming the path when it is missing or unreadable.
  public static func describe(path: String, role: String) throws -> InputFileRecord {
    let hasher = SHA256Hasher()
    var size = 0
    try FileIO.readChunks(path: path) { chunk in
      size += chunk.count
      hasher.update(chunk)
    }
    return InputFileRecord(
      path: path, role: role, bytes: size, sha256: Hex.string(hasher.finalize()))
  }
}
