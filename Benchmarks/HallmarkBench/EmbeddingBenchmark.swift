import Foundation
import Hallmark

/// Embedder cost per decode step at real vocabulary sizes, one core (issue target: ≤ 100 µs
/// per step for KGW and Gumbel), next to plain sampling of the same logits.
enum EmbeddingBenchmark {
  static func run() {
    var rows: [[String]] = []
    for vocabulary in [49152, 152_064] {
      var rng = SplitMix64(seed: 7)
      // LLM-like logits: Zipf-shaped (logit = −ln rank) over a random permutation.
      var logits = (0..<vocabulary).map { 12 - Float(log(Double($0 + 1))) }
      logits.shuffle(using: &rng)
      let flat = (0..<vocabulary).map { _ in Float.random(in: -8..<12, using: &rng) }
      let context: [Int32] = (0..<16).map { _ in
        Int32.random(in: 0..<Int32(vocabulary), using: &rng)
      }
      let settings = SamplingSettings()
      var scratch = logits
      let sampler = Sampler()
      let plain = Bench.seconds(iterations: 50) {
        scratch.withUnsafeMutableBufferPointer { l in
          _ = logits.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
          _ = sampler.nextToken(logits: l, settings: settings, uniform: 0.5)
        }
      }
      let copyOnly = Bench.seconds(iterations: 50) {
        scratch.withUnsafeMutableBufferPointer { l in
          _ = logits.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
        }
      }
      rows.append(["\(vocabulary)", "plain sampling", us(plain - copyOnly), "-"])
      let topK = SamplingSettings(topK: 50)
      let plainTopK = Bench.seconds(iterations: 50) {
        scratch.withUnsafeMutableBufferPointer { l in
          _ = logits.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
          _ = sampler.nextToken(logits: l, settings: topK, uniform: 0.5)
        }
      }
      rows.append(["\(vocabulary)", "plain sampling, top-k 50", us(plainTopK - copyOnly), "-"])
      for (label, st) in [
        ("top-k 384 (heap)", SamplingSettings(topK: 384)),
        ("top-k 1024 (radix selection)", SamplingSettings(topK: 1024)),
        ("top-p 0.9", SamplingSettings(topP: 0.9)),
        ("top-k 40, top-p 0.95", SamplingSettings(topK: 40, topP: 0.95)),
      ] {
        let t = Bench.seconds(iterations: 50) {
          scratch.withUnsafeMutableBufferPointer { l in
            _ = logits.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
            _ = sampler.nextToken(logits: l, settings: st, uniform: 0.5)
          }
        }
        rows.append(["\(vocabulary)", "plain sampling, \(label)", us(t - copyOnly), "-"])
      }
      // The floor under Gumbel and SynthID: the PRF keystream of the whole vocabulary.
      let streamKey = try! WatermarkKey.generate(
        scheme: .gumbel(GumbelParameters()), vocabularySize: vocabulary)
      let prf = KeyedPRF(keys: streamKey.prfKeys)
      var words = [UInt32](repeating: 0, count: (vocabulary + 3) / 4 * 4)
      var seed: UInt64 = 1
      let keystream = Bench.seconds(iterations: 50) {
        seed &+= 1
        words.withUnsafeMutableBufferPointer {
          prf.words(seed: seed, count: vocabulary, into: $0.baseAddress!)
        }
      }
      rows.append(["\(vocabulary)", "PRF keystream of the vocabulary alone", us(keystream), "-"])
      // What a tournament pass is made of: random accesses to a 1,024-entry table in L1, one
      // per vocabulary entry, indexed by the keystream words (the floor of docs/engine.md).
      let (read, update) = randomAccessCosts(words: words, count: vocabulary)
      rows.append(["\(vocabulary)", "one random table read per entry", us(read), "-"])
      rows.append([
        "\(vocabulary)", "one random table read-modify-write per entry", us(update), "-",
      ])
      let schemes: [(String, SchemeParameters)] = [
        ("kgw h=1", .kgw(KGWParameters())),
        ("kgw h=4 selfHash", .kgw(KGWParameters(contextWidth: 4, seeding: .selfHash))),
        ("gumbel h=4", .gumbel(GumbelParameters())),
        ("gumbel h=4, top-k 50", .gumbel(GumbelParameters())),
        ("gumbel h=4, flat logits (worst case)", .gumbel(GumbelParameters())),
        ("synthid h=4 m=30 φ=20", .synthid(SynthIDParameters())),
        ("synthid h=4 m=30 φ=none", .synthid(SynthIDParameters(contenderFloor: nil))),
        // One and two tournament blocks over every token: the cost of each further pass over
        // the vocabulary.
        ("synthid h=4 m=10 φ=none", .synthid(SynthIDParameters(layers: 10, contenderFloor: nil))),
        ("synthid h=4 m=20 φ=none", .synthid(SynthIDParameters(layers: 20, contenderFloor: nil))),
      ]
      for (name, scheme) in schemes {
        let key = try! WatermarkKey.generate(scheme: scheme, vocabularySize: vocabulary)
        let embedder = SchemeRegistry.embedder(for: key)
        let stepSettings = name.contains("top-k") ? SamplingSettings(topK: 50) : settings
        let step = Bench.seconds(iterations: 30) {
          scratch.withUnsafeMutableBufferPointer { l in
            let source = name.contains("flat") ? flat : logits
            _ = source.withUnsafeBufferPointer { l.update(fromContentsOf: $0) }
            context.withUnsafeBufferPointer { c in
              _ = embedder.nextToken(logits: l, context: c, settings: stepSettings, uniform: 0.5)
            }
          }
        }
        let total = step - copyOnly
        let own: String
        if let kgw = embedder as? KGWEmbedder {
          // The watermark's own work: green list and bias, without the sampling it shares.
          let bias = Bench.seconds(iterations: 50) {
            scratch.withUnsafeMutableBufferPointer { l in
              context.withUnsafeBufferPointer { c in
                kgw.applyBias(
                  to: l,
                  window: UnsafeBufferPointer(rebasing: c[(c.count - key.scheme.contextWidth)...]))
              }
            }
          }
          own = us(bias)
        } else if name.contains("top-k") {
          // Truncation (the top-k selection) is sampling work that plain sampling does too.
          own = us(max(0, total - (plainTopK - copyOnly)))
        } else {
          own = us(total)
        }
        rows.append(["\(vocabulary)", name, us(total), own])
      }
    }
    Bench.table(
      "Embedder cost per decode step, one core (µs; target ≤ 100 for KGW and Gumbel)",
      headers: ["vocabulary", "step", "whole step", "watermark's own work"], rows: rows)
  }

  /// Seconds per sweep of `count` entries that each read (gather), or add to (scatter), one
  /// entry of a 1,024-entry binary64 table chosen by the entry's word, as the SynthID passes do.
  static func randomAccessCosts(words: [UInt32], count: Int) -> (read: Double, update: Double) {
    let table = UnsafeMutablePointer<Double>.allocate(capacity: 1024)
    let values = UnsafeMutablePointer<Double>.allocate(capacity: count)
    defer {
      table.deallocate()
      values.deallocate()
    }
    table.initialize(repeating: 1.5, count: 1024)
    for i in 0..<count { values[i] = 1 / Double(i + 1) }
    var sink = SIMD4<Double>()
    let read = words.withUnsafeBufferPointer { w in
      Bench.seconds(iterations: 50) {
        var sum = SIMD4<Double>()
        var i = 0
        while i + 4 <= count {
          sum += SIMD4(
            table[Int(w[i] & 1023)], table[Int(w[i &+ 1] & 1023)],
            table[Int(w[i &+ 2] & 1023)], table[Int(w[i &+ 3] & 1023)])
          i &+= 4
        }
        sink += sum
      }
    }
    let update = words.withUnsafeBufferPointer { w in
      Bench.seconds(iterations: 50) {
        for i in 0..<count { table[Int(w[i] &>> 10 & 1023)] += values[i] }
      }
    }
    if sink.sum() == 0 { print("") }  // keeps the reads
    return (read, update)
  }

  static func us(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1e6) }
}
