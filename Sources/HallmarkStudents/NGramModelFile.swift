import Foundation
import Hallmark

/// The binary file of a student model (Spec/students.md#file), little-endian:
///
///     magic "HMNGRAM\n" · version u32 (1) · order u32 · vocabularySize u32 · 0 u32
///     · trainedTokens u64 · for k = 1…n: D1 D2 D3+ (f64 bit patterns)
///     · for L = 1…n: count u64 · tokens u32[count] · counts u32[count]
///     · for L = 0…n−1: childStart u32[count(L) + 1]
///     · SHA-256 of all preceding bytes
///
/// Reading checks every field, the trie's order and the checksum, and names the byte offset
/// of the first problem; a file that passes gives the same model that was written.
public enum NGramModelFile {
  /// The first eight bytes of every model file.
  public static let magic = Array("HMNGRAM\n".utf8)
  /// The format version written and read.
  public static let version: UInt32 = 1

  /// The file's bytes for `model`.
  public static func encode(_ model: NGramModel) -> [UInt8] {
    var out = magic
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    func array(_ values: [UInt32]) {
      out.reserveCapacity(out.count + values.count * 4)
      for v in values { u32(v) }
    }
    u32(version)
    u32(UInt32(model.order))
    u32(UInt32(model.vocabularySize))
    u32(0)
    u64(UInt64(model.trainedTokens))
    for d in model.discounts {
      u64(d.d1.bitPattern)
      u64(d.d2.bitPattern)
      u64(d.d3.bitPattern)
    }
    for level in model.levels.dropFirst() {
      u64(UInt64(level.count))
      array(level.tokens)
      array(level.counts)
    }
    for level in model.levels.dropLast() { array(level.childStart) }
    out.append(contentsOf: SHA256.hash(out))
    return out
  }

  /// Writes `model` to `path` (replacing the file as a whole, never partly).
  public static func write(_ model: NGramModel, to path: String) throws(StudentError) {
    do {
      try Data(encode(model)).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw .unreadable(file: path, reason: "cannot write the model: \(error.localizedDescription)")
    }
  }

  /// Reads the model in `path`.
  public static func read(path: String) throws(StudentError) -> NGramModel {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(
        file: path,
        reason: FileManager.default.fileExists(atPath: path)
          ? "cannot read the model (permission denied or a folder)" : "no such file")
    }
    return try decode([UInt8](data), file: path)
  }

  /// The model in `bytes`; `file` names them in errors.
  public static func decode(_ bytes: [UInt8], file: String = "model") throws(StudentError)
    -> NGramModel
  {
    var reader = Reader(bytes: bytes, file: file)
    guard bytes.count >= magic.count + 32, Array(bytes.prefix(magic.count)) == magic else {
      throw .invalidModelFile(file: file, offset: 0, reason: "no student-model header")
    }
    reader.offset = magic.count
    let body = bytes.count - 32
    guard SHA256.hash(bytes[..<body]) == Array(bytes[body...]) else {
      throw .invalidModelFile(
        file: file, offset: body, reason: "checksum mismatch (the file is damaged or truncated)")
    }
    reader.end = body
    let versionOffset = reader.offset
    let fileVersion = try reader.u32()
    guard fileVersion == version else {
      throw .invalidModelFile(
        file: file, offset: versionOffset,
        reason: "format version \(fileVersion); this build reads version \(version)")
    }
    let order = Int(try reader.u32())
    guard NGramModel.orders.contains(order) else {
      throw reader.failure(at: reader.offset - 4, "order \(order) is not in 2...5")
    }
    let vocabularySize = Int(try reader.u32())
    guard vocabularySize > 0 && vocabularySize <= NGramModel.maximumVocabularySize else {
      throw reader.failure(at: reader.offset - 4, "vocabulary size \(vocabularySize) is invalid")
    }
    _ = try reader.u32()
    let trainedTokens = try reader.u64()
    guard trainedTokens < UInt64(UInt32.max) else {
      throw reader.failure(at: reader.offset - 8, "trained-token count \(trainedTokens) is invalid")
    }
    var discounts: [KneserNeyDiscounts] = []
    for _ in 0..<order {
      let at = reader.offset
      let d1 = Double(bitPattern: try reader.u64())
      let d2 = Double(bitPattern: try reader.u64())
      let d3 = Double(bitPattern: try reader.u64())
      do {
        discounts.append(try KneserNeyDiscounts(d1: d1, d2: d2, d3: d3))
      } catch {
        throw reader.failure(at: at, "\(error)")
      }
    }
    var levels = [NGramLevel(tokens: [0], counts: [0], childStart: [])]
    for _ in 1...order {
      let count = try reader.u64()
      guard count <= UInt64(reader.end - reader.offset) / 8 else {
        throw reader.failure(at: reader.offset - 8, "n-gram count \(count) exceeds the file")
      }
      let tokens = try reader.u32s(Int(count))
      let counts = try reader.u32s(Int(count))
      levels.append(NGramLevel(tokens: tokens, counts: counts, childStart: []))
    }
    for level in 0..<order {
      let at = reader.offset
      let starts = try reader.u32s(levels[level].count + 1)
      let children = levels[level + 1]
      guard starts.first == 0, starts.last.map(Int.init) == children.count else {
        throw reader.failure(
          at: at, "child offsets of order \(level) do not span order \(level + 1)")
      }
      for node in 0..<levels[level].count {
        let lo = Int(starts[node])
        let hi = Int(starts[node + 1])
        guard lo <= hi, hi <= children.count else {
          throw reader.failure(at: at + 4 * node, "child offsets of order \(level) decrease")
        }
        for child in lo..<hi {
          let token = children.tokens[child]
          guard token <= UInt32(vocabularySize), child == lo || children.tokens[child - 1] < token
          else {
            throw reader.failure(
              at: at, "order \(level + 1) n-gram \(child) has token \(token) out of order or range")
          }
          guard token < UInt32(vocabularySize) || children.counts[child] == 0 else {
            throw reader.failure(at: at, "order \(level + 1) n-gram \(child) predicts the padding")
          }
        }
      }
      levels[level].childStart = starts
    }
    guard reader.offset == reader.end else {
      throw reader.failure(at: reader.offset, "\(reader.end - reader.offset) unexpected bytes")
    }
    return NGramModel(
      order: order, vocabularySize: vocabularySize, discounts: discounts,
      trainedTokens: Int(trainedTokens), levels: levels)
  }

  /// Sequential little-endian reads with the offset in every error.
  private struct Reader {
    let bytes: [UInt8]
    let file: String
    var offset = 0
    var end: Int

    init(bytes: [UInt8], file: String) {
      self.bytes = bytes
      self.file = file
      end = bytes.count
    }

    func failure(at offset: Int, _ reason: String) -> StudentError {
      .invalidModelFile(file: file, offset: offset, reason: reason)
    }

    mutating func u32() throws(StudentError) -> UInt32 {
      guard end - offset >= 4 else { throw failure(at: offset, "unexpected end of file") }
      let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
      offset += 4
      return UInt32(littleEndian: v)
    }

    mutating func u64() throws(StudentError) -> UInt64 {
      guard end - offset >= 8 else { throw failure(at: offset, "unexpected end of file") }
      let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
      offset += 8
      return UInt64(littleEndian: v)
    }

    mutating func u32s(_ count: Int) throws(StudentError) -> [UInt32] {
      guard count <= (end - offset) / 4 else {
        throw failure(at: offset, "unexpected end of file")
      }
      let start = offset
      offset += 4 * count
      return bytes.withUnsafeBytes { raw in
        (0..<count).map {
          UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * $0, as: UInt32.self))
        }
      }
    }
  }
}
