// Prints benchmark tables. See Benchmarks/README.md.
if CommandLine.arguments.dropFirst().first == "tokenize" {
  try runTokenizerBenchmark(Array(CommandLine.arguments.dropFirst(2)))
} else {
  print("hallmark-bench")
}
