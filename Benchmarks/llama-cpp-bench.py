#!/usr/bin/env python3
"""llama.cpp side of Benchmarks/engine-vs-llama-cpp: the same protocol as
`hallmark-bench engine` (16-token prompts varied per sequence, then greedy decode steps, all
sequences of a batch in one llama_decode call per step). Prints JSON."""
import argparse
import json
import pathlib
import resource
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from llama_cpp_engine import Engine  # noqa: E402

root = pathlib.Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--steps", type=int, default=64)
ap.add_argument("--batches", default="1,8,32")
a = ap.parse_args()
model = root / subprocess.run([str(root / "scripts/fetch-model")], check=True, capture_output=True,
                              text=True, cwd=root).stdout.strip()
batches = [int(x) for x in a.batches.split(",")]
engine = Engine(str(model), threads=a.threads, sequences=max(batches), context=4096)
base = [504, 2365, 6354, 16438, 690, 260, 23790, 2767, 30, 378, 1233, 314, 253, 3358, 282, 260]
rows = []
for batch in batches:
    prompts = [[(t + s) % 49152 for t in base] for s in range(batch)]
    engine.reset()
    t0 = time.perf_counter()
    logits = engine.decode([(s, j, t, j == len(p) - 1) for s, p in enumerate(prompts) for j, t in enumerate(p)])
    t1 = time.perf_counter()
    c1 = time.process_time()
    for step in range(a.steps):
        nxt = [int(l.argmax()) for l in logits]
        logits = engine.decode([(s, len(base) + step, t, True) for s, t in enumerate(nxt)])
    t2 = time.perf_counter()
    cpu = (time.process_time() - c1) * 1000 / a.steps
    rows.append({"batch": batch, "decodeTokensPerSecond": batch * a.steps / (t2 - t1),
                 "msPerStep": (t2 - t1) * 1000 / a.steps, "cpuMsPerStep": cpu,
                 "prefillTokensPerSecond": batch * len(base) / (t1 - t0)})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"engine": "llama.cpp", "threads": a.threads, "steps": a.steps, "rows": rows,
                  "peakRSSBytes": peak}))
