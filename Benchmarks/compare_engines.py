"""Reads JSON lines from `hallmark-bench engine --json` and Benchmarks/llama-cpp-bench.py and
prints each engine's best run per batch size side by side (markdown)."""
import json
import sys

threads, steps, repeats = sys.argv[1:4]
best, peak = {}, {}
for line in sys.stdin:
    if not line.strip():
        continue
    r = json.loads(line)
    e = r["engine"]
    peak[e] = max(peak.get(e, 0), r["peakRSSBytes"])
    for row in r["rows"]:
        k = (e, row["batch"])
        if k not in best or row["decodeTokensPerSecond"] > best[k]["decodeTokensPerSecond"]:
            best[k] = row
print(f"decode after a 16-token prompt, {threads} threads, {steps} steps, best of {repeats} runs")
print()
print("| batch | Hallmark tok/s | llama.cpp tok/s | ratio | Hallmark CPU ms/step | llama.cpp CPU ms/step |")
print("| ----: | -------------: | --------------: | ----: | -------------------: | --------------------: |")
for (e, b), h in sorted(best.items()):
    if e != "hallmark":
        continue
    l = best[("llama.cpp", b)]
    ratio = h["decodeTokensPerSecond"] / l["decodeTokensPerSecond"]
    print(f"| {b} | {h['decodeTokensPerSecond']:.1f} | {l['decodeTokensPerSecond']:.1f} | {ratio:.2f} "
          f"| {h['cpuMsPerStep']:.2f} | {l['cpuMsPerStep']:.2f} |")
print()
print(f"peak RSS: Hallmark {peak['hallmark'] / 2**20:.0f} MiB, llama.cpp {peak['llama.cpp'] / 2**20:.0f} MiB")
