/// Conversion of tensor data to `Float`, for the types with ``GGMLType/isDequantizable``.
///
/// Block layouts follow ggml (`ggml-common.h`); each function converts whole blocks. See
/// `Spec/gguf.md` for the formulas.
public enum Dequantization {
  /// Converts `count` elements of `type` starting at `source` (a whole number of blocks) into
  /// `destination`. Throws for types that cannot be dequantized.
  public static func convert(
    _ type: GGMLType, from source: UnsafeRawPointer, to destination: UnsafeMutablePointer<Float>,
    count: Int
  ) throws(UnsupportedType) {
    precondition(count % type.blockSize == 0, "\(count) elements is not whole \(type) blocks")
    let blocks = count / type.blockSize
    switch type {
    case .f32: destination.update(from: source.assumingMemoryBound(to: Float.self), count: count)
    case .f16: f16(source, destination, count)
    case .bf16: bf16(source, destination, count)
    case .q8_0: q8_0(source, destination, blocks)
    case .q4_0: q4_0(source, destination, blocks)
    case .q4_1: q4_1(source, destination, blocks)
    case .q4_K: q4_K(source, destination, blocks)
    case .q6_K: q6_K(source, destination, blocks)
    default: throw UnsupportedType(type: type)
    }
  }

  /// A tensor type without a dequantizer.
  public struct UnsupportedType: Error, Sendable {
    /// The type.
    public var type: GGMLType
  }

  @inline(__always)
  static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
    Float(Float16(bitPattern: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
  }

  static func f16(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
    let s = src.assumingMemoryBound(to: UInt16.self)
    for i in 0..<n { dst[i] = Float(Float16(bitPattern: s[i])) }
  }

  static func bf16(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
    let s = src.assumingMemoryBound(to: UInt16.self)
    for i in 0..<n { dst[i] = Float(bitPattern: UInt32(s[i]) << 16) }
  }
}

extension GGUFFile {
  /// The tensor's elements as `Float`s, in ggml order (row after row). Throws naming the tensor
  /// when its type cannot be dequantized.
  public func dequantize(_ tensor: GGUFTensorInfo) throws -> [Float] {
    try dequantize(tensor, rows: 0..<tensor.rowCount)
  }

  /// Rows `rows` of the tensor (a row is `dimensions[0]` elements) as `Float`s.
  public func dequantize(_ tensor: GGUFTensorInfo, rows: Range<Int>) throws -> [Float] {
    guard tensor.type.isDequantizable else {
      throw GGUFError(
        file: name, field: "tensor \"\(tensor.name)\" type", offset: tensor.infoOffset,
        reason:
          "cannot dequantize \(tensor.type) (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q4_K, Q6_K)"
      )
    }
    precondition(rows.lowerBound >= 0 && rows.upperBound <= tensor.rowCount, "rows out of range")
    let n = rows.count * tensor.rowLength
    let source = data(for: tensor).baseAddress! + rows.lowerBound * tensor.rowByteCount
    return [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
      try! Dequantization.convert(tensor.type, from: source, to: buffer.baseAddress!, count: n)
      initialized = n
    }
  }
}
