import GGUF

/// A weight matrix of `rows × columns` in a layout the kernels multiply directly.
///
/// Q4_1 and Q8_0 matrices are repacked once at load time with their f16 block scales widened
/// to f32 (``BlockQ41Wide``, ``BlockQ80Wide``: same values, fewer instructions per block);
/// F32, F16 and Q4_0 are read in place from the memory-mapped file; the other dequantizable
/// types (BF16, Q4_K, Q6_K) are converted to F32 once.
struct WeightMatrix: @unchecked Sendable {
  enum Layout {
    case q41Wide, q80Wide, q40, f16, f32
  }

  let layout: Layout
  let base: UnsafeRawPointer
  let rows: Int
  let columns: Int
  let rowBytes: Int
  /// Keeps converted storage alive.
  let owner: AnyObject?

  init(file: GGUFFile, tensor: GGUFTensorInfo) throws {
    guard tensor.dimensions.count == 2 else {
      throw GGUFError(
        file: file.name, field: "tensor \"\(tensor.name)\" dimensions", offset: tensor.infoOffset,
        reason: "expected a matrix, found dimensions \(tensor.dimensions)")
    }
    rows = tensor.rowCount
    columns = tensor.rowLength
    guard columns % 32 == 0 else {
      throw GGUFError(
        file: file.name, field: "tensor \"\(tensor.name)\" dimensions", offset: tensor.infoOffset,
        reason: "row length \(columns) is not a multiple of 32")
    }
    let source = file.data(for: tensor).baseAddress!
    let blocks = rows * columns / 32
    switch tensor.type {
    case .q4_1:
      let storage = RawStorage(byteCount: blocks * BlockQ41Wide.blockBytes)
      BlockQ41Wide.repack(source, storage.pointer, blocks: blocks)
      (layout, base, rowBytes, owner) = (
        .q41Wide, UnsafeRawPointer(storage.pointer), columns / 32 * 24, storage
      )
    case .q8_0:
      let storage = RawStorage(byteCount: blocks * BlockQ80Wide.blockBytes)
      BlockQ80Wide.repack(source, storage.pointer, blocks: blocks)
      (layout, base, rowBytes, owner) = (
        .q80Wide, UnsafeRawPointer(storage.pointer), columns / 32 * 36, storage
      )
    case .q4_0: (layout, base, rowBytes, owner) = (.q40, source, tensor.rowByteCount, nil)
    case .f16: (layout, base, rowBytes, owner) = (.f16, source, tensor.rowByteCount, nil)
    case .f32: (layout, base, rowBytes, owner) = (.f32, source, tensor.rowByteCount, nil)
    default:
      let floats = FloatStorage(try file.dequantize(tensor))
      (layout, base, rowBytes, owner) = (
        .f32, UnsafeRawPointer(floats.pointer), columns * 4, floats
      )
    }
  }

  /// Converts row `r` to floats (with the kernels' rounding, see ``Kernels``).
  func dequantizeRow(_ r: Int, into out: UnsafeMutablePointer<Float>) {
    switch layout {
    case .q41Wide: Kernels.convertRow(BlockQ41Wide.self, self, r, out)
    case .q80Wide: Kernels.convertRow(BlockQ80Wide.self, self, r, out)
    case .q40: Kernels.convertRow(BlockQ40.self, self, r, out)
    case .f16: Kernels.convertRow(BlockF16.self, self, r, out)
    case .f32: Kernels.convertRow(BlockF32.self, self, r, out)
    }
  }

  /// `y[r] = row r · x` for `rows`, reading the weights in place.
  func multiply(rows: Range<Int>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
    switch layout {
    case .q41Wide: Kernels.rowsTimesVector(BlockQ41Wide.self, self, rows, x, y)
    case .q80Wide: Kernels.rowsTimesVector(BlockQ80Wide.self, self, rows, x, y)
    case .q40: Kernels.rowsTimesVector(BlockQ40.self, self, rows, x, y)
    case .f16: Kernels.rowsTimesVector(BlockF16.self, self, rows, x, y)
    case .f32: Kernels.rowsTimesVector(BlockF32.self, self, rows, x, y)
    }
  }
}

/// Owned, 64-byte-aligned raw bytes.
final class RawStorage: @unchecked Sendable {
  let pointer: UnsafeMutableRawPointer

  init(byteCount: Int) {
    pointer = .allocate(byteCount: max(byteCount, 1), alignment: 64)
  }

  deinit { pointer.deallocate() }
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
