import GGUF

/// A weight matrix of `rows × columns` in one of the layouts the kernels multiply directly
/// (F32, F16, Q8_0, Q4_0, Q4_1), read in place from the memory-mapped GGUF file. Tensors of
/// other dequantizable types (BF16, Q4_K, Q6_K) are converted to F32 once at load time.
struct WeightMatrix: @unchecked Sendable {
  let type: GGMLType
  let base: UnsafeRawPointer
  let rows: Int
  let columns: Int
  let rowBytes: Int
  /// Keeps converted storage alive.
  let owner: AnyObject?

  static let directTypes: Set<GGMLType> = [.f32, .f16, .q8_0, .q4_0, .q4_1]

  init(file: GGUFFile, tensor: GGUFTensorInfo) throws {
    guard tensor.dimensions.count == 2 else {
      throw GGUFError(
        file: file.name, field: "tensor \"\(tensor.name)\" dimensions", offset: tensor.infoOffset,
        reason: "expected a matrix, found dimensions \(tensor.dimensions)")
    }
    rows = tensor.rowCount
    columns = tensor.rowLength
    if Self.directTypes.contains(tensor.type) {
      type = tensor.type
      base = file.data(for: tensor).baseAddress!
      rowBytes = tensor.rowByteCount
      owner = nil
    } else {
      let floats = FloatStorage(try file.dequantize(tensor))
      type = .f32
      base = UnsafeRawPointer(floats.pointer)
      rowBytes = columns * 4
      owner = floats
    }
    guard columns % 32 == 0 else {
      throw GGUFError(
        file: file.name, field: "tensor \"\(tensor.name)\" dimensions", offset: tensor.infoOffset,
        reason: "row length \(columns) is not a multiple of 32")
    }
  }

  /// Converts row `r` to floats (with the kernels' rounding, see ``Kernels``).
  func dequantizeRow(_ r: Int, into out: UnsafeMutablePointer<Float>) {
    switch type {
    case .q4_1: Kernels.convertRow(BlockQ41.self, self, r, out)
    case .q4_0: Kernels.convertRow(BlockQ40.self, self, r, out)
    case .q8_0: Kernels.convertRow(BlockQ80.self, self, r, out)
    case .f16: Kernels.convertRow(BlockF16.self, self, r, out)
    default: Kernels.convertRow(BlockF32.self, self, r, out)
    }
  }

  /// `y[r] = row r · x` for `rows`, reading the weights in place.
  func multiply(rows: Range<Int>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
    switch type {
    case .q4_1: Kernels.rowsTimesVector(BlockQ41.self, self, rows, x, y)
    case .q4_0: Kernels.rowsTimesVector(BlockQ40.self, self, rows, x, y)
    case .q8_0: Kernels.rowsTimesVector(BlockQ80.self, self, rows, x, y)
    case .f16: Kernels.rowsTimesVector(BlockF16.self, self, rows, x, y)
    default: Kernels.rowsTimesVector(BlockF32.self, self, rows, x, y)
    }
  }
}

/// An owned, 64-byte-aligned float buffer.
final class FloatStorage: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Float>
  let count: Int

  init(count: Int) {
    self.count = count
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
    pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    pointer.initialize(repeating: 0, count: count)
  }

  convenience init(_ values: [Float]) {
    self.init(count: values.count)
    values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: values.count) }
  }

  deinit { pointer.deallocate() }
}
