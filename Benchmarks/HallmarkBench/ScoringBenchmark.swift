import Foundation
import Hallmark

/// Scoring throughput on pre-tokenized ids, per scheme, one core (issue target: ≥ 10 M
/// tokens/s for KGW with h ≤ 4).
enum ScoringBenchmark {
  static func run() {
    var rng = SplitMix64(seed: 1)
    let vocabulary = 49152
    let tokens = (0..<1_000_000).map { _ in Int32.random(in: 0..<Int32(vocabulary), using: &rng) }
    let schemes: [(String, SchemeParameters)] = [
      ("kgw h=1", .kgw(KGWParameters(contextWidth: 1))),
      ("kgw h=2", .kgw(KGWParameters(contextWidth: 2))),
      ("kgw h=4", .kgw(KGWParameters(contextWidth: 4))),
      ("kgw h=4 selfHash", .kgw(KGWParameters(contextWidth: 4, seeding: .selfHash))),
      ("unigram", .unigram(greenFraction: 0.25, bias: 2)),
      ("gumbel h=4", .gumbel(GumbelParameters(contextWidth: 4))),
      ("synthid h=4 m=30", .synthid(SynthIDParameters())),
    ]
    var rows: [[String]] = []
    let documents = stride(from: 0, to: tokens.count, by: 200).map {
      Array(tokens[$0..<min($0 + 200, tokens.count)])
    }
    for (name, scheme) in schemes {
      let key = try! WatermarkKey.generate(scheme: scheme, vocabularySize: vocabulary)
      let detector = Detector(key: key)
      var sink = 0.0
      let perDocument = Bench.seconds(iterations: 1) {
        for d in documents { sink += try! detector.score(d).score }
      }
      let corpus = Bench.seconds(iterations: 1) {
        var batch = TupleBatch(contextWidth: scheme.contextWidth)
        batch.add(tokens)
        sink += detector.score(batch: batch).score
      }
      let without = Bench.seconds(iterations: 1) {
        sink += try! detector.score(tokens, dedup: false).score
      }
      precondition(sink.isFinite)
      func rate(_ seconds: Double) -> String {
        String(format: "%.1f", Double(tokens.count) / seconds / 1e6)
      }
      rows.append([name, rate(perDocument), rate(corpus), rate(without)])
    }
    Bench.table(
      "Scoring throughput, 1 M random ids, one core (M tokens/s; target ≥ 10 for KGW h ≤ 4)",
      headers: [
        "scheme", "200-token documents, dedup per document", "one corpus, corpus dedup", "no dedup",
      ], rows: rows)
  }
}
