#!/usr/bin/env bash
# Tokenizer encode throughput (one thread) side by side with Hugging Face `tokenizers` and
# `tiktoken`; prints a markdown table. Needs network access to PyPI on first run (venv).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fetch-llama-vocab
scripts/fetch-model >/dev/null
venv=.cache/venv-bench
if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet tokenizers==0.23.3 tiktoken==0.14.0 gguf numpy
fi
gzip -dc Tests/HallmarkTextTests/Fixtures/parity/corpus.jsonl.gz > .cache/parity-corpus.jsonl
swift build -c release --product hallmark-bench >&2
"$venv/bin/python" Benchmarks/tokenizer_throughput.py
