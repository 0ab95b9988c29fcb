import Foundation
import Hallmark
import HallmarkModels

/// Each scheme's share of a decode step of the real model (issue 4 target: ≤ 1 %): the extra
/// time the watermark adds to picking a token, next to the model's forward pass, on SmolLM2's
/// own logits, all in CPU time. The logits are those of 32 steps of a sampled continuation
/// (temperature 1), each picked with its own uniform and context: the mean over the steps is
/// the share of a generation, the worst step shows how much one step can vary.
/// `hallmark-bench share [--threads N]`.
enum WatermarkShareBenchmark {
  static let steps = 32

  static func run(_ arguments: [String]) throws {
    let threads = arguments.firstIndex(of: "--threads").map { Int(arguments[$0 + 1])! } ?? 2
    let model = try LlamaModel(contentsOf: DefaultModel.locate(), threads: threads)
    let cache = model.makeCache()
    var tokens: [Int32] = [1, 504, 3458, 282, 4649, 314]
    var logits = try model.logits(appending: [tokens], to: [cache])[0]
    var rng = SplitMix64(seed: 5)
    let sampler = Sampler()
    var recorded: [(logits: [Float], context: [Int32], uniform: Double)] = []
    // The model's CPU time per step over all its threads: on this shared machine wall time
    // mostly measures the other jobs.
    var modelCPU = 0.0
    for _ in 0..<steps {
      let uniform = Double(rng.next() >> 11) * 0x1p-53
      recorded.append((logits, Array(tokens.suffix(9)), uniform))
      var scratch = logits
      let token = scratch.withUnsafeMutableBufferPointer {
        sampler.nextToken(logits: $0, settings: SamplingSettings(), uniform: uniform)
      }
      tokens.append(token)
      let before = processCPUTime()
      logits = try model.logits(appending: [[token]], to: [cache])[0]
      modelCPU += processCPUTime() - before
    }
    let stepCPU = modelCPU / Double(steps)
    let vocabulary = model.vocabularySize
    var rows: [[String]] = []
    // No truncation; top-k 50 (Hugging Face's default, after which its SynthID processor
    // runs); top-k 1,024 (SGLang's SynthID candidate cap); top-p 0.95 (a common API setting).
    for settings in [
      SamplingSettings(), SamplingSettings(topK: 50), SamplingSettings(topK: 1024),
      SamplingSettings(topP: 0.95),
    ] {
      let plain = pickTimes(recorded) { l, _, u in
        _ = sampler.nextToken(logits: l, settings: settings, uniform: u)
      }
      let schemes: [(String, SchemeParameters)] = [
        ("kgw γ=0.25 δ=2 h=1", .kgw(KGWParameters())),
        ("unigram", .unigram(greenFraction: 0.25, bias: 2)),
        ("gumbel h=4", .gumbel(GumbelParameters())),
        ("synthid h=4 m=30 φ=20", .synthid(SynthIDParameters())),
        // Every token plays (key files without a contender floor).
        ("synthid h=4 m=30 φ=none", .synthid(SynthIDParameters(contenderFloor: nil))),
      ]
      for (name, scheme) in schemes {
        let key = try WatermarkKey.generate(scheme: scheme, vocabularySize: vocabulary)
        let embedder = SchemeRegistry.embedder(for: key)
        let marked = pickTimes(recorded) { l, c, u in
          _ = embedder.nextToken(logits: l, context: c, settings: settings, uniform: u)
        }
        let extras = zip(marked, plain).map { max(0, $0 - $1) }
        rows.append([
          name, truncation(settings),
          String(format: "%.3f", stepCPU * 1000), String(format: "%.1f", mean(plain) * 1e6),
          String(format: "%.1f", mean(marked) * 1e6),
          String(format: "%.2f %%", mean(extras) / stepCPU * 100),
          String(format: "%.2f %%", extras.max()! / stepCPU * 100),
        ])
      }
    }
    Bench.table(
      "Watermark share of a SmolLM2-135M decode step (batch 1, \(threads) threads; \(steps) "
        + "sampled steps; target ≤ 1 %)",
      headers: [
        "scheme", "truncation", "model step (CPU ms)", "plain pick (µs)", "watermarked pick (µs)",
        "share of step", "worst step",
      ], rows: rows)
    contenderTable(recorded.map(\.logits))
  }

  /// What SynthID's contender floor φ leaves out on these steps: the share of the vocabulary
  /// below 2^-φ of the top weight (the tournament's saving) and the probability it holds (the
  /// tokens drawn without a watermark), mean and largest over the steps.
  static func contenderTable(_ steps: [[Float]]) {
    var rows: [[String]] = []
    for floor in [13, 16, 20, 24, 27] {
      var shares: [Double] = []
      var masses: [Double] = []
      let threshold = Float(sign: .plus, exponent: -floor, significand: 1)
      for logits in steps {
        let top = logits.max()!
        var total = 0.0
        var below = 0.0
        var count = 0
        for l in logits {
          let w = Float(exp(Double(l - top)))
          total += Double(w)
          if w < threshold {
            below += Double(w)
            count += 1
          }
        }
        shares.append(Double(count) / Double(logits.count))
        masses.append(below / total)
      }
      rows.append([
        "2^-\(floor)", String(format: "%.1f %%", mean(shares) * 100),
        String(format: "%.1f–%.1f %%", shares.min()! * 100, shares.max()! * 100),
        String(format: "%.3f %%", mean(masses) * 100),
        String(format: "%.3f %%", masses.max()! * 100),
      ])
    }
    Bench.table(
      "SynthID contender floor on these \(steps.count) steps: tokens left out of the tournament",
      headers: [
        "floor φ", "vocabulary left out (mean)", "(range)", "probability left out (mean)",
        "(largest)",
      ], rows: rows)
  }

  /// CPU seconds of one pick on each recorded step (`Bench.seconds` per step), the logits
  /// copied fresh each time.
  static func pickTimes(
    _ recorded: [(logits: [Float], context: [Int32], uniform: Double)],
    _ pick: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Int32>, Double) -> Void
  ) -> [Double] {
    var scratch = recorded[0].logits
    let copyOnly = Bench.seconds(iterations: 20) {
      scratch.withUnsafeMutableBufferPointer { l in
        _ = recorded[0].logits.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
      }
    }
    return recorded.map { step in
      Bench.seconds(iterations: 20, repeats: 7) {
        scratch.withUnsafeMutableBufferPointer { l in
          _ = step.logits.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
          step.context.withUnsafeBufferPointer { pick(l, $0, step.uniform) }
        }
      } - copyOnly
    }
  }

  /// The truncation column: "none", "top-k K" or "top-p P".
  static func truncation(_ settings: SamplingSettings) -> String {
    if settings.topK > 0 { return "top-k \(settings.topK)" }
    if settings.topP < 1 { return "top-p \(settings.topP)" }
    return "none"
  }

  static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

  /// This process's CPU time (user and system, all threads) in seconds.
  static func processCPUTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
      + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
  }
}
