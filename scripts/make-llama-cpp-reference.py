#!/usr/bin/env python3
"""Greedy 32-token continuations of the reference prompts with llama.cpp (which computes with
quantized activations), compared with the transformers reference: writes
Tests/HallmarkModelsTests/Fixtures/reference-llama-cpp.json and prints the agreement.

Run: scripts/setup-llama-venv && .cache/venv-llama/bin/python scripts/make-llama-cpp-reference.py
"""
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "Benchmarks"))
from llama_cpp_engine import Engine  # noqa: E402

model = root / subprocess.run([str(root / "scripts/fetch-model")], check=True, capture_output=True,
                              text=True, cwd=root).stdout.strip()
fixtures = root / "Tests/HallmarkModelsTests/Fixtures"
ref = json.loads((fixtures / "reference-transformers.json").read_text())
prompts = [r["prompt"] for r in ref["records"]]
engine = Engine(str(model), threads=2, sequences=len(prompts))
greedy, first = engine.greedy(prompts, ref["steps"])
records = []
for r, g, f in zip(ref["records"], greedy, first):
    agree = next((i for i, (a, b) in enumerate(zip(g, r["greedy"])) if a != b), len(g))
    diff = max(abs(float(f[i]) - v) for i, v in zip(r["logitIds"], r["logits"]))
    records.append({"prompt": r["prompt"], "greedy": g, "agreeingPrefix": agree,
                    "maxFirstLogitDifference": diff})
    print(f"agreeing prefix {agree:2d}/{len(g)}  max |first-step logit - transformers| {diff:.3f}")
print(f"identical continuations: {sum(r['agreeingPrefix'] == len(r['greedy']) for r in records)}/{len(records)}")
(fixtures / "reference-llama-cpp.json").write_text(json.dumps(
    {"generator": "llama.cpp via llama-cpp-python", "records": records}, separators=(",", ":")) + "\n")
