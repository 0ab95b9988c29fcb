import Foundation

/// The JSON key file (format "hallmark-key", version 1; Spec/keys.md): reading checks the
/// format, every parameter, that the stored id matches the secret, and that only the owner
/// can access the file; writing creates it with mode 0600 and never overwrites.
public enum KeyFile {
  /// The current key file format version.
  public static let version = 1

  private struct Contents: Codable {
    var format: String
    var version: Int
    var id: String
    var scheme: SchemeParameters
    var vocabularySize: Int
    var tokenizerFingerprint: String?
    var derivation: WatermarkKey.Derivation?
    var secret: String
  }

  /// The key file's JSON bytes (sorted keys, pretty-printed).
  public static func encode(_ key: WatermarkKey) -> Data {
    let contents = Contents(
      format: "hallmark-key", version: version, id: key.id, scheme: key.scheme,
      vocabularySize: key.vocabularySize, tokenizerFingerprint: key.tokenizerFingerprint,
      derivation: key.derivation, secret: Hex.encode(key.secret))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return (try? encoder.encode(contents)) ?? Data()
  }

  /// A key from key file bytes; `path` only names the input in errors.
  public static func decode(_ data: Data, path: String) throws(KeyError) -> WatermarkKey {
    let contents: Contents
    do {
      contents = try JSONDecoder().decode(Contents.self, from: data)
    } catch let error as DecodingError {
      throw .malformed(path: path, reason: describe(error))
    } catch {
      throw .malformed(path: path, reason: "\(error)")
    }
    guard contents.format == "hallmark-key" else {
      throw .malformed(path: path, reason: "format is \"\(contents.format)\", not \"hallmark-key\"")
    }
    guard contents.version == version else {
      throw .malformed(
        path: path,
        reason: "version \(contents.version) is not supported (this tool reads \(version))")
    }
    guard let secret = Hex.decode(contents.secret), secret.count == 32 else {
      throw .malformed(path: path, reason: "secret must be 64 hex digits")
    }
    let key: WatermarkKey
    do {
      key = try WatermarkKey(
        secret: secret, scheme: contents.scheme, vocabularySize: contents.vocabularySize,
        tokenizerFingerprint: contents.tokenizerFingerprint, derivation: contents.derivation)
    } catch {
      throw .malformed(path: path, reason: error.description)
    }
    guard key.id == contents.id else {
      throw .malformed(
        path: path, reason: "id \(contents.id) does not match the secret (file corrupted or edited)"
      )
    }
    return key
  }

  /// Reads a key file, refusing one that users other than its owner can access.
  public static func read(path: String) throws(KeyError) -> WatermarkKey {
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw .unreadable(
        path: path,
        reason: FileManager.default.fileExists(atPath: path)
          ? "permission denied" : "no such file")
    }
    if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
      throw .readableByOthers(path: path, mode: String(mode, radix: 8))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "permission denied or not a regular file")
    }
    return try decode(data, path: path)
  }

  /// Writes a new key file with mode 0600; refuses to overwrite an existing file.
  public static func write(_ key: WatermarkKey, path: String) throws(KeyError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else {
      if errno == EEXIST { throw .exists(path: path) }
      throw .unwritable(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    fchmod(fd, 0o600)
    var data = encode(key)
    data.append(0x0A)
    let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    guard written == data.count else {
      throw .unwritable(path: path, reason: String(cString: strerror(errno)))
    }
  }

  private static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        .joined(separator: ".")
      return p.isEmpty ? "" : "field \(p): "
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "\(path(context))missing field \"\(key.stringValue)\""
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "\(path(context))\(context.debugDescription)"
    case .dataCorrupted(let context):
      return "\(path(context))\(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}
