import Foundation
import HallmarkModels

/// Decode throughput of the Llama engine: tokens/s for batches of sequences decoding together,
/// with peak resident memory. `hallmark-bench engine [--threads N] [--steps N] [--batches 1,8,32]`.
enum EngineBenchmark {
  static func run(_ arguments: [String]) throws {
    var threads = 2
    var steps = 64
    var batches = [1, 8, 32]
    var json = false
    var i = 0
    while i < arguments.count {
      switch arguments[i] {
      case "--threads":
        threads = Int(arguments[i + 1])!
        i += 1
      case "--steps":
        steps = Int(arguments[i + 1])!
        i += 1
      case "--batches":
        batches = arguments[i + 1].split(separator: ",").map { Int($0)! }
        i += 1
      case "--json": json = true
      default: break
      }
      i += 1
    }
    let url = try DefaultModel.locate()
    let model = try LlamaModel(contentsOf: url, threads: threads)
    // A fixed 16-token prompt ("The quick brown fox" … as ids), varied per sequence.
    let base: [Int32] = [
      504, 2365, 6354, 16438, 690, 260, 23790, 2767, 30, 378, 1233, 314, 253, 3358, 282, 260,
    ]
    var rows: [[String: Any]] = []
    if !json {
      print(
        "engine: \(url.lastPathComponent), threads \(threads), \(steps) decode steps after a 16-token prompt"
      )
      print("batch | decode tok/s | ms/step | CPU ms/step | prefill tok/s | logits checksum")
      print("----: | -----------: | ------: | ----------: | ------------: | ---------------")
    }
    for batch in batches {
      let prompts = (0..<batch).map { s in base.map { ($0 + Int32(s)) % 49_152 } }
      let caches = prompts.map { _ in model.makeCache() }
      let t0 = DispatchTime.now().uptimeNanoseconds
      var logits = try model.logits(appending: prompts, to: caches)
      let t1 = DispatchTime.now().uptimeNanoseconds
      let c1 = processCPUSeconds()
      for _ in 0..<steps {
        let next = logits.map { l in [l.withUnsafeBufferPointer { Int32(GreedyPicker.argmax($0)) }]
        }
        logits = try model.logits(appending: next, to: caches)
      }
      let t2 = DispatchTime.now().uptimeNanoseconds
      let cpuPerStep = (processCPUSeconds() - c1) * 1000 / Double(steps)
      // FNV-1a over the bits of the last step's logits: equal on every machine and build.
      var hash: UInt64 = 0xCBF2_9CE4_8422_2325
      for l in logits {
        for v in l { hash = (hash ^ UInt64(v.bitPattern)) &* 0x100_0000_01B3 }
      }
      let decode = Double(t2 - t1) / 1e9
      let prefill = Double(t1 - t0) / 1e9
      let tps = Double(batch * steps) / decode
      let row: [String: Any] = [
        "batch": batch, "decodeTokensPerSecond": tps, "msPerStep": decode * 1000 / Double(steps),
        "prefillTokensPerSecond": Double(batch * base.count) / prefill,
        "logitsChecksum": String(hash, radix: 16), "cpuMsPerStep": cpuPerStep,
      ]
      rows.append(row)
      if !json {
        print(
          String(
            format: "%5d | %12.1f | %7.2f | %11.2f | %13.1f | %@", batch, tps,
            decode * 1000 / Double(steps), cpuPerStep, Double(batch * base.count) / prefill,
            String(hash, radix: 16)))
      }
    }
    let peak = peakResidentBytes()
    if json {
      let data = try JSONSerialization.data(
        withJSONObject: [
          "engine": "hallmark", "threads": threads, "steps": steps, "rows": rows,
          "peakRSSBytes": peak,
        ],
        options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(String(format: "peak RSS: %.1f MiB", Double(peak) / 1_048_576))
    }
  }

  /// CPU time of the whole process (all threads), seconds.
  static func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// Peak resident set size (`VmHWM` of /proc/self/status), 0 where unavailable.
  static func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return 0
    }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
      return kb * 1024
    }
    return 0
  }
}
