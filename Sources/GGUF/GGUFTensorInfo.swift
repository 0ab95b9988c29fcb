/// Where one tensor lives in a GGUF file and what it holds.
public struct GGUFTensorInfo: Sendable, Equatable {
  /// The tensor's name, e.g. `blk.0.attn_q.weight`.
  public var name: String
  /// The dimensions in ggml order: `dimensions[0]` is the innermost (contiguous) one, so a
  /// weight matrix of `rows × columns` is `[columns, rows]`.
  public var dimensions: [Int]
  /// The element type.
  public var type: GGMLType
  /// Offset of the data from the start of the file's data section (a multiple of the alignment).
  public var offset: Int
  /// Offset of the data from the start of the file.
  public var fileOffset: Int
  /// Offset of the tensor info itself in the file (for error messages).
  public var infoOffset: Int

  /// Number of elements (the product of the dimensions).
  public var elementCount: Int {
    dimensions.reduce(1, *)
  }

  /// Number of elements in a row (`dimensions[0]`, or 1 for a scalar).
  public var rowLength: Int {
    dimensions.first ?? 1
  }

  /// Number of rows (the product of all dimensions but the first).
  public var rowCount: Int {
    dimensions.dropFirst().reduce(1, *)
  }

  /// Bytes of one row.
  public var rowByteCount: Int {
    rowLength / type.blockSize * type.typeSize
  }

  /// Bytes of data.
  public var byteCount: Int {
    elementCount / type.blockSize * type.typeSize
  }
}
