// Prints benchmark tables. See Benchmarks/README.md.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "engine": try EngineBenchmark.run(Array(arguments.dropFirst()))
default: print("hallmark-bench")
}
