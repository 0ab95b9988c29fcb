// Prints benchmark tables (Benchmarks/README.md). Usage: hallmark-bench [core|all]
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let suite = arguments.first ?? "all"
switch suite {
case "core", "all":
  ScoringBenchmark.run()
  EmbeddingBenchmark.run()
  AttributionBenchmark.run()
case "attribution":
  AttributionBenchmark.run()
default:
  FileHandle.standardError.write(Data("unknown suite \(suite); expected core or all\n".utf8))
  exit(2)
}
