import Dispatch

/// Splits `0..<count` into at most `threads` contiguous chunks and runs `body` on each chunk in
/// parallel (`DispatchQueue.concurrentPerform`). Runs inline when one chunk suffices.
@inline(__always)
func parallelChunks(
  _ count: Int, threads: Int, minimumChunk: Int = 1, _ body: @Sendable (Range<Int>) -> Void
) {
  let chunks = max(1, min(threads, count / max(minimumChunk, 1)))
  if chunks == 1 {
    body(0..<count)
    return
  }
  DispatchQueue.concurrentPerform(iterations: chunks) { c in
    body(count * c / chunks..<count * (c + 1) / chunks)
  }
}

/// A raw pointer that may cross into `@Sendable` closures; the caller guarantees disjoint use.
struct SendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
  init(_ pointer: UnsafePointer<T>) { self.pointer = UnsafeMutablePointer(mutating: pointer) }
}
