import Foundation
import Hallmark
import HallmarkModels

/// Each scheme's share of a decode step of the real model (issue 4 target: ≤ 1 %): the extra
/// time the watermark adds to picking a token, next to the model's forward pass, on SmolLM2's
/// own logits, all in CPU time. `hallmark-bench share [--threads N]`.
enum WatermarkShareBenchmark {
  static func run(_ arguments: [String]) throws {
    let threads = arguments.firstIndex(of: "--threads").map { Int(arguments[$0 + 1])! } ?? 2
    let model = try LlamaModel(contentsOf: DefaultModel.locate(), threads: threads)
    let cache = model.makeCache()
    var logits = try model.logits(appending: [[1, 504, 3458, 282, 4649, 314]], to: [cache])[0]
    let steps = 32
    var token: Int32 = 28
    // The model's CPU time per step over all its threads: on this shared machine wall time
    // mostly measures the other jobs.
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func cpu(_ u: rusage) -> Double {
      Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec)
        + Double(u.ru_stime.tv_usec) / 1e6
    }
    let before = cpu(usage)
    for _ in 0..<steps {
      logits = try model.logits(appending: [[token]], to: [cache])[0]
      token = Int32(logits.indices.max { logits[$0] < logits[$1] }!)
    }
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let stepCPU = (cpu(usage) - before) / Double(steps)
    let vocabulary = model.vocabularySize
    let context: [Int32] = [1, 504, 3458, 282, 4649, 314, 28, 11, 29]
    var rows: [[String]] = []
    // No truncation; top-k 50 (Hugging Face's default, after which its SynthID processor
    // runs); top-k 1,024 (SGLang's SynthID candidate cap).
    for settings in [SamplingSettings(), SamplingSettings(topK: 50), SamplingSettings(topK: 1024)] {
      var scratch = logits
      let sampler = Sampler()
      let plain = Bench.seconds(iterations: 50) {
        scratch.withUnsafeMutableBufferPointer { l in
          _ = logits.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
          _ = sampler.nextToken(logits: l, settings: settings, uniform: 0.5)
        }
      }
      let schemes: [(String, SchemeParameters)] = [
        ("kgw γ=0.25 δ=2 h=1", .kgw(KGWParameters())),
        ("unigram", .unigram(greenFraction: 0.25, bias: 2)),
        ("gumbel h=4", .gumbel(GumbelParameters())),
        ("synthid h=4 m=30", .synthid(SynthIDParameters())),
      ]
      for (name, scheme) in schemes {
        let key = try WatermarkKey.generate(scheme: scheme, vocabularySize: vocabulary)
        let embedder = SchemeRegistry.embedder(for: key)
        let marked = Bench.seconds(iterations: 50) {
          scratch.withUnsafeMutableBufferPointer { l in
            _ = logits.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
            context.withUnsafeBufferPointer { c in
              _ = embedder.nextToken(logits: l, context: c, settings: settings, uniform: 0.5)
            }
          }
        }
        let extra = max(0, marked - plain)
        rows.append([
          name, settings.topK == 0 ? "none" : "top-k \(settings.topK)",
          String(format: "%.3f", stepCPU * 1000), String(format: "%.1f", plain * 1e6),
          String(format: "%.1f", marked * 1e6), String(format: "%.2f %%", extra / stepCPU * 100),
        ])
      }
    }
    Bench.table(
      "Watermark share of a SmolLM2-135M decode step (batch 1, \(threads) threads; target ≤ 1 %)",
      headers: [
        "scheme", "truncation", "model step (CPU ms)", "plain pick (µs)", "watermarked pick (µs)",
        "share of step",
      ], rows: rows)
  }
}
