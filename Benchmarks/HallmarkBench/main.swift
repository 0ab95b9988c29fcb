// Prints benchmark tables (Benchmarks/README.md). Usage: hallmark-bench [core|all|embedding|
// scoring|attribution], hallmark-bench engine … (Benchmarks/engine.sh),
// or hallmark-bench tokenize --tokenizer FILE --corpus FILE (Benchmarks/tokenizer-throughput.sh).
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let suite = arguments.first ?? "all"
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
