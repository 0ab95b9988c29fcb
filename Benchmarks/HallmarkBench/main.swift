// Prints benchmark tables (Benchmarks/README.md). Usage: hallmark-bench [core|all|embedding|
// scoring|attribution|share], hallmark-bench engine … (Benchmarks/engine-vs-llama-cpp),
// or hallmark-bench tokenize --tokenizer FILE --corpus FILE (Benchmarks/tokenizer-throughput.sh).
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let suite = arguments.first ?? "all"
do {
  try runSuite(suite)
} catch {
  // A missing model or a bad option is a message and a non-zero exit, not a crash.
  FileHandle.standardError.write(Data("hallmark-bench \(suite): \(error)\n".utf8))
  exit(1)
}

func runSuite(_ suite: String) throws {
  switch suite {
  case "core", "all":
    ScoringBenchmark.run()
    EmbeddingBenchmark.run()
    AttributionBenchmark.run()
  case "embedding":
    EmbeddingBenchmark.run()
  case "scoring":
    ScoringBenchmark.run()
  case "attribution":
    AttributionBenchmark.run()
  case "share":
    try WatermarkShareBenchmark.run(Array(arguments.dropFirst()))
  case "engine":
    try EngineBenchmark.run(Array(arguments.dropFirst()))
  case "tokenize":
    try runTokenizerBenchmark(Array(arguments.dropFirst()))
  default:
    FileHandle.standardError.write(
      Data(
        "unknown suite \(suite); expected core, all, embedding, scoring, attribution, share, engine or tokenize\n"
          .utf8))
    exit(2)
  }
}
