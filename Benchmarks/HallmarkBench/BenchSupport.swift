import Foundation

/// Wall-clock timing and table printing for benchmarks.
enum Bench {
  /// Seconds per call of `body`, the best of `repeats` runs of `iterations` calls each.
  static func seconds(iterations: Int, repeats: Int = 3, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
      let start = DispatchTime.now().uptimeNanoseconds
      for _ in 0..<iterations { body() }
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      best = min(best, elapsed / Double(iterations))
    }
    return best
  }

  /// Prints a Markdown table.
  static func table(_ title: String, headers: [String], rows: [[String]]) {
    print("\n### \(title)\n")
    print("| " + headers.joined(separator: " | ") + " |")
    print("|" + headers.map { _ in " ---: " }.joined(separator: "|") + "|")
    for row in rows { print("| " + row.joined(separator: " | ") + " |") }
  }
}

/// A small deterministic generator (SplitMix64) for benchmark inputs.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
