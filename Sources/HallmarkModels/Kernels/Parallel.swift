import Dispatch

/// The threads a model computes with: a ``WorkerPool`` where the platform has the
/// `Synchronization` module's atomics, else `DispatchQueue.concurrentPerform`.
final class ThreadTeam: @unchecked Sendable {
  let threads: Int
  private let pool: AnyObject?

  init(threads: Int) {
    self.threads = max(1, threads)
    if #available(macOS 15.0, *), self.threads > 1 {
      pool = WorkerPool(threads: self.threads)
    } else {
      pool = nil
    }
  }

  deinit {
    if #available(macOS 15.0, *), let pool = pool as? WorkerPool { pool.stop() }
  }

  /// Splits `0..<count` into at most `threads` contiguous chunks (fewer when a chunk would be
  /// smaller than `minimumChunk`) and runs `body` on each in parallel.
  func chunks(_ count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
    let parts = max(1, min(threads, count / max(minimumChunk, 1)))
    if parts == 1 {
      body(0..<count)
      return
    }
    if #available(macOS 15.0, *), let pool = pool as? WorkerPool {
      pool.run { part in
        if part < parts { body(count * part / parts..<count * (part + 1) / parts) }
      }
    } else {
      withoutActuallyEscaping(body) { body in
        let box = UncheckedBox(body)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
          box.value(count * part / parts..<count * (part + 1) / parts)
        }
      }
    }
  }
}

/// Moves a non-Sendable value into a `@Sendable` closure; the caller guarantees safe use.
struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// A raw pointer that may cross into `@Sendable` closures; the caller guarantees disjoint use.
struct SendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
  init(_ pointer: UnsafePointer<T>) { self.pointer = UnsafeMutablePointer(mutating: pointer) }
}
