import Dispatch

/// Scores one tuple batch under many keys in parallel: the work of attribution (candidate
/// accounts' keys) and of negative controls (random keys). Results are in key order and do
/// not depend on the thread count.
public enum MultiKeyScoring {
  private final class Results: @unchecked Sendable {
    var values: [DocumentScore]
    init(count: Int) { values = Array(repeating: .empty, count: count) }
  }

  /// The test of `batch` under each of `keys`, on up to `threads` threads.
  public static func score(
    batch: TupleBatch, keys: [WatermarkKey], threads: Int = System.processorCount
  ) -> [DocumentScore] {
    let results = Results(count: keys.count)
    let workers = max(1, min(threads, keys.count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for k in stride(from: worker, to: keys.count, by: workers) {
        let score = Detector(key: keys[k]).score(batch: batch)
        results.values.withUnsafeMutableBufferPointer { $0[k] = score }
      }
    }
    return results.values
  }
}

/// Facts about the machine.
public enum System {
  /// Processors available to this process.
  public static var processorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
