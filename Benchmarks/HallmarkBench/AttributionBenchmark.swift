import Foundation
import Hallmark

/// Attribution cost: one corpus of distinct tuples scored under many candidate keys (issue
/// target: 10,000 keys over 1 MB of text, about 250,000 tokens, in well under a minute).
enum AttributionBenchmark {
  static func run(keys: Int = 10_000, tokens: Int = 250_000) {
    var rng = SplitMix64(seed: 11)
    let vocabulary = 49152
    var rows: [[String]] = []
    for scheme in [
      SchemeParameters.kgw(KGWParameters()), .gumbel(GumbelParameters(contextWidth: 2)),
    ] {
      let document = (0..<tokens).map { _ in Int32.random(in: 0..<Int32(vocabulary), using: &rng) }
      let buildStart = DispatchTime.now().uptimeNanoseconds
      var batch = TupleBatch(contextWidth: scheme.contextWidth)
      batch.add(document)
      let build = Double(DispatchTime.now().uptimeNanoseconds - buildStart) / 1e9
      let master = try! WatermarkKey.generate(scheme: scheme, vocabularySize: vocabulary)
      let candidates = (0..<keys).map { master.derived(account: "account-\($0)") }
      let start = DispatchTime.now().uptimeNanoseconds
      let threads = System.processorCount
      let results = MultiKeyScoring.score(batch: batch, keys: candidates, threads: threads)
      precondition(results.count == keys)
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      rows.append([
        scheme.name, "\(tokens)", "\(keys)", "\(threads)", String(format: "%.2f", build),
        String(format: "%.1f", elapsed),
        String(format: "%.1f", Double(tokens) * Double(keys) / elapsed / 1e6),
      ])
    }
    Bench.table(
      "Attribution: distinct tuples of one corpus scored under every candidate key",
      headers: [
        "scheme", "tokens", "keys", "threads", "batch build (s)", "all keys (s)", "M tuple-keys/s",
      ],
      rows: rows)
  }
}
