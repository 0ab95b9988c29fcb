// Prints benchmark tables. See Benchmarks/README.md.
print("hallmark-bench")
