/// The key/value metadata of a GGUF file, in file order, with typed throwing accessors.
///
/// The accessors (`string(_:)`, `int(_:)`, …) throw a ``GGUFError`` that names the file, the key
/// and the byte offset of its value when the key is missing or holds another type; use the
/// subscript for optional keys.
public struct GGUFMetadata: Sendable {
  struct Entry: Sendable {
    var value: GGUFValue
    var offset: Int
  }

  /// The file the metadata came from (for error messages).
  public let file: String
  /// The keys in the order they appear in the file.
  public private(set) var keys: [String] = []
  private var entries: [String: Entry] = [:]

  /// Creates empty metadata; ``GGUFFile`` fills it while parsing.
  public init(file: String) {
    self.file = file
  }

  mutating func insert(_ key: String, _ value: GGUFValue, offset: Int) -> Bool {
    guard entries[key] == nil else { return false }
    entries[key] = Entry(value: value, offset: offset)
    keys.append(key)
    return true
  }

  /// The value for `key`, or `nil` when the file has no such key.
  public subscript(key: String) -> GGUFValue? {
    entries[key]?.value
  }

  /// The byte offset in the file of the value (its type tag) for `key`.
  public func offset(of key: String) -> Int? {
    entries[key]?.offset
  }

  /// Number of key/value pairs.
  public var count: Int { keys.count }

  private func lookup(_ key: String) throws -> Entry {
    guard let entry = entries[key] else {
      throw GGUFError(file: file, field: "metadata[\"\(key)\"]", offset: nil, reason: "missing")
    }
    return entry
  }

  private func mismatch(_ key: String, _ entry: Entry, expected: String) -> GGUFError {
    GGUFError(
      file: file, field: "metadata[\"\(key)\"]", offset: entry.offset,
      reason: "expected \(expected), found \(entry.value.typeDescription)")
  }

  /// The string value of `key`.
  public func string(_ key: String) throws -> String {
    let entry = try lookup(key)
    guard case .string(let s) = entry.value else {
      throw mismatch(key, entry, expected: "string")
    }
    return s
  }

  /// The integer value of `key`, whatever its integer width, as an `Int`.
  public func int(_ key: String) throws -> Int {
    let entry = try lookup(key)
    guard let v = entry.value.intValue else {
      throw mismatch(key, entry, expected: "an integer that fits Int")
    }
    return v
  }

  /// The floating-point value of `key` (float32, or float64 rounded to `Float`).
  public func float(_ key: String) throws -> Float {
    Float(try double(key))
  }

  /// The floating-point value of `key` (float32 or float64) as a `Double`.
  public func double(_ key: String) throws -> Double {
    let entry = try lookup(key)
    guard let v = entry.value.doubleValue else {
      throw mismatch(key, entry, expected: "float32 or float64")
    }
    return v
  }

  /// The boolean value of `key`.
  public func bool(_ key: String) throws -> Bool {
    let entry = try lookup(key)
    guard case .bool(let b) = entry.value else {
      throw mismatch(key, entry, expected: "bool")
    }
    return b
  }

  /// The array value of `key`, whatever its element type.
  public func array(_ key: String) throws -> GGUFArray {
    let entry = try lookup(key)
    guard case .array(let a) = entry.value else {
      throw mismatch(key, entry, expected: "array")
    }
    return a
  }

  /// The array of strings under `key` (e.g. `tokenizer.ggml.tokens`).
  public func stringArray(_ key: String) throws -> [String] {
    let entry = try lookup(key)
    guard case .array(.strings(let a)) = entry.value else {
      throw mismatch(key, entry, expected: "array of string")
    }
    return a
  }

  /// The array of integers under `key` as `Int32` (e.g. `tokenizer.ggml.token_type`). Accepts any
  /// integer element type whose elements all fit in `Int32`.
  public func int32Array(_ key: String) throws -> [Int32] {
    let entry = try lookup(key)
    if case .array(.int32s(let a)) = entry.value { return a }
    if case .array(let a) = entry.value, let ints = a.intValues,
      ints.allSatisfy({ Int32(exactly: $0) != nil })
    {
      return ints.map { Int32($0) }
    }
    throw mismatch(key, entry, expected: "array of integers that fit int32")
  }

  /// The array of floats under `key` (e.g. `tokenizer.ggml.scores`); float64 elements are
  /// rounded to `Float`.
  public func floatArray(_ key: String) throws -> [Float] {
    let entry = try lookup(key)
    switch entry.value {
    case .array(.float32s(let a)): return a
    case .array(.float64s(let a)): return a.map { Float($0) }
    default: throw mismatch(key, entry, expected: "array of float32")
    }
  }
}
