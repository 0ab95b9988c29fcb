#!/usr/bin/env bash
# Issue 5 experiments end to end: generation (skipped where already done), the human corpus, and
# the tables of docs/verifier-experiments.md. Usage: bash scripts/experiments/verifier.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-200}
model=$(scripts/fetch-model)
corpus=$(scripts/experiments/fetch-human-corpus)
scripts/experiments/verifier-generate.sh "$n"
mkdir -p docs
python3 scripts/experiments/verifier.py .cache/experiments/verifier .build/release/hallmark "$model" "$corpus" \
  > docs/verifier-experiments.md.tmp
mv docs/verifier-experiments.md.tmp docs/verifier-experiments.md
