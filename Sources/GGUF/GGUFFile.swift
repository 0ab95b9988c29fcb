import Foundation

/// A GGUF file opened for reading: its metadata, its tensor infos and memory-mapped tensor data.
///
/// Opening maps the file read-only (`mmap`) and parses the header, metadata and tensor infos,
/// checking that every tensor lies inside the file; tensor bytes are touched only when used.
/// Any malformed, truncated or unsupported input throws a ``GGUFError`` naming the field or
/// tensor and its byte offset. The object is immutable and safe to share between threads.
public final class GGUFFile: Sendable {
  /// The file's path, or the name given to an in-memory buffer.
  public let name: String
  /// The format version (2 or 3).
  public let version: Int
  /// The key/value metadata.
  public let metadata: GGUFMetadata
  /// The tensor infos, in file order.
  public let tensors: [GGUFTensorInfo]
  /// The data alignment (`general.alignment`, default 32).
  public let alignment: Int
  /// Offset of the data section from the start of the file.
  public let dataOffset: Int
  private let storage: MappedBytes
  private let index: [String: Int]

  /// Opens and parses the GGUF file at `url` (memory-mapped).
  public convenience init(contentsOf url: URL) throws {
    let path = url.path
    try self.init(storage: MappedBytes(path: path), name: path)
  }

  /// Parses a GGUF file held in memory (copied into an aligned buffer); `name` appears in errors.
  public convenience init(bytes: some Collection<UInt8>, name: String = "<memory>") throws {
    let storage = Array(bytes).withUnsafeBytes { MappedBytes(copying: $0) }
    try self.init(storage: storage, name: name)
  }

  private init(storage: MappedBytes, name: String) throws {
    var parser = GGUFParser(bytes: storage.bytes, file: name)
    try parser.parseHeaderAndMetadata()
    let (tensors, dataOffset) = try parser.parseTensorInfos()
    self.storage = storage
    self.name = name
    self.version = Int(parser.version)
    self.metadata = parser.metadata
    self.tensors = tensors
    self.alignment = try parser.alignment()
    self.dataOffset = dataOffset
    var index: [String: Int] = [:]
    for (i, t) in tensors.enumerated() { index[t.name] = i }
    self.index = index
  }

  /// Reads only the header and metadata of the GGUF file at `url` (no tensor infos are parsed).
  public static func readMetadata(contentsOf url: URL) throws -> GGUFMetadata {
    let path = url.path
    let storage = try MappedBytes(path: path)
    var parser = GGUFParser(bytes: storage.bytes, file: path)
    try parser.parseHeaderAndMetadata()
    return parser.metadata
  }

  /// Reads only the header and metadata of a GGUF file held in memory.
  public static func readMetadata(
    bytes: some Collection<UInt8>, name: String = "<memory>"
  ) throws -> GGUFMetadata {
    try Array(bytes).withUnsafeBytes { buffer in
      var parser = GGUFParser(bytes: buffer, file: name)
      try parser.parseHeaderAndMetadata()
      return parser.metadata
    }
  }

  /// The size of the file in bytes.
  public var byteCount: Int { storage.bytes.count }

  /// The info of the tensor called `name`, or `nil`.
  public subscript(name: String) -> GGUFTensorInfo? {
    index[name].map { tensors[$0] }
  }

  /// The info of the tensor called `name`; throws naming the tensor when the file has none.
  public func tensor(named name: String) throws -> GGUFTensorInfo {
    guard let i = index[name] else {
      throw GGUFError(file: self.name, field: "tensor \"\(name)\"", offset: nil, reason: "missing")
    }
    return tensors[i]
  }

  /// The raw bytes of `tensor`'s data. Valid while this `GGUFFile` is alive.
  public func data(for tensor: GGUFTensorInfo) -> UnsafeRawBufferPointer {
    precondition(
      tensor.fileOffset >= dataOffset
        && tensor.byteCount <= storage.bytes.count - tensor.fileOffset,
      "tensor \(tensor.name) does not belong to \(name)")
    return UnsafeRawBufferPointer(
      rebasing: storage.bytes[tensor.fileOffset..<tensor.fileOffset + tensor.byteCount])
  }

  /// The raw bytes of the whole file. Valid while this `GGUFFile` is alive.
  public var fileBytes: UnsafeRawBufferPointer { storage.bytes }
}
