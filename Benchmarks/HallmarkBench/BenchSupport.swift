import Foundation

/// Wall-clock timing and table printing for benchmarks.
enum Bench {
  /// CPU seconds per call of `body` on the calling thread, the best of `repeats` runs of
  /// `iterations` calls each. Thread CPU time, not wall time: these machines are shared, and
  /// time spent descheduled is not the code's cost.
  static func seconds(iterations: Int, repeats: Int = 3, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
      let start = threadCPUTime()
      for _ in 0..<iterations { body() }
      let elapsed = threadCPUTime() - start
      best = min(best, elapsed / Double(iterations))
    }
    return best
  }

  /// This thread's CPU time in seconds.
  static func threadCPUTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// Prints a Markdown table.
  static func table(_ title: String, headers: [String], rows: [[String]]) {
    print("\n### \(title)\n")
    print("| " + headers.joined(separator: " | ") + " |")
    print("|" + headers.map { _ in " ---: " }.joined(separator: "|") + "|")
    for row in rows { print("| " + row.joined(separator: " | ") + " |") }
  }
}
