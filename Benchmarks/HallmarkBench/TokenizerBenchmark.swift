import Foundation
import HallmarkText

/// `hallmark-bench tokenize --tokenizer FILE --corpus FILE [--repeat N]`: encodes every line of
/// a JSON-lines corpus (one JSON string per line) on one thread and prints MB/s and tokens/s.
/// Used by `Benchmarks/tokenizer-throughput.sh`, which prints the side-by-side table.
func runTokenizerBenchmark(_ args: [String]) throws {
  var tokenizerPath = ""
  var corpusPath = ""
  var repeats = 3
  var i = 0
  while i < args.count {
    switch args[i] {
    case "--tokenizer":
      tokenizerPath = args[i + 1]
      i += 1
    case "--corpus":
      corpusPath = args[i + 1]
      i += 1
    case "--repeat":
      repeats = Int(args[i + 1]) ?? 3
      i += 1
    default: break
    }
    i += 1
  }
  let tok = try TokenizerLoader.load(contentsOf: URL(fileURLWithPath: tokenizerPath))
  let data = try Data(contentsOf: URL(fileURLWithPath: corpusPath))
  var docs: [String] = []
  for line in data.split(separator: UInt8(ascii: "\n")) {
    if let s = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
      as? String
    {
      docs.append(s)
    }
  }
  let bytes = docs.reduce(0) { $0 + $1.utf8.count }
  var best = Double.infinity
  var tokens = 0
  for _ in 0..<repeats {
    let t0 = DispatchTime.now().uptimeNanoseconds
    var n = 0
    for d in docs { n += tok.encode(d, addSpecial: false).count }
    let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    best = min(best, dt)
    tokens = n
  }
  print(
    String(
      format: "%.2f MB/s %.0f tokens/s %d tokens %d bytes", Double(bytes) / best / 1e6,
      Double(tokens) / best, tokens, bytes))
}
