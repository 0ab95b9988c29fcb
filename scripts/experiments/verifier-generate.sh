#!/usr/bin/env bash
# Issue 5 corpora: 200 SmolLM2-135M-Instruct completions of exactly 200 tokens per scheme
# (KGW, Unigram, Gumbel, SynthID, each with its own key made by `keygen --tokenizer`, so the key
# records the tokenizer) and 200 without a watermark, temperature 1, chat template on, batched.
# Writes .cache/experiments/verifier/{SCHEME.key,SCHEME.jsonl,none.jsonl}; a finished file is
# kept, so a rerun only makes what is missing. Usage: verifier-generate.sh [N] [BATCH]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-200}
batch=${2:-40}
model=$(scripts/fetch-model)
[[ ${HALLMARK_SKIP_BUILD:-} == 1 ]] || swift build -c release --product hallmark >&2
bin=.build/release/hallmark
work=.cache/experiments/verifier
mkdir -p "$work"
[[ -s $work/prompts.jsonl ]] || python3 scripts/experiments/make-prompts.py "$n" 0 > "$work/prompts.jsonl"
declare -A params=(
  [kgw]="--scheme kgw --green-fraction 0.25 --bias 2 --context-width 1"
  [unigram]="--scheme unigram --green-fraction 0.25 --bias 2"
  [gumbel]="--scheme gumbel --context-width 4"
  # Every token plays (φ off): docs/verifier-experiments.md was measured before the contender
  # floor existed.
  [synthid]="--scheme synthid --context-width 4 --layers 30 --contender-floor 0"
)
for scheme in kgw unigram gumbel synthid none; do
  out=$work/$scheme.jsonl
  if [[ -s $out ]] && [[ $(wc -l < "$out") -ge $n ]]; then continue; fi
  rm -f "$out"
  start=$(date +%s)
  if [[ $scheme == none ]]; then
    "$bin" generate --no-watermark --prompts "$work/prompts.jsonl" --max-tokens 200 --min-tokens 200 \
      --temperature 1 --batch "$batch" --seed 7 --out "$out"
  else
    [[ -s $work/$scheme.key ]] || {
      # shellcheck disable=SC2086
      "$bin" keygen ${params[$scheme]} --tokenizer "$model" --out "$work/$scheme.key" >/dev/null
    }
    "$bin" generate --key "$work/$scheme.key" --prompts "$work/prompts.jsonl" --max-tokens 200 \
      --min-tokens 200 --temperature 1 --batch "$batch" --seed 7 --out "$out"
  fi
  echo "$scheme: $(( $(date +%s) - start )) s" >&2
done
