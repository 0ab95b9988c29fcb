#!/usr/bin/env bash
# Issue 7, the distillation tie-back: are n-gram students of a watermarked SmolLM2 teacher
# "radioactive"? Resumable: every step skips what already exists, so rerunning completes the
# table. Usage:
#   bash scripts/experiments/radioactivity.sh generate   # teacher corpora only (long)
#   bash scripts/experiments/radioactivity.sh             # generate, train, query, test, docs
# Environment: HALLMARK_BIN (default: build and use .build/release/hallmark).
#
# Corpora (SmolLM2-135M-Instruct, temperature 1, exactly 200 tokens per completion, chat
# template on), generated in chunks of 32 completions (one batch) so that an interrupted run
# loses at most one chunk; a chunk whose file has fewer than 32 records is regenerated:
#   teacher corpora, one per key: prompts 0..<256 (8 blocks of 32), 4 rounds (seeds) = 32 chunks,
#     1,024 completions, 204,800 tokens each; priority KGW h=1, Unigram, KGW h=2, Gumbel h=2;
#   the unwatermarked corpus: prompts 256..<448 (6 blocks), 32 chunks round-major (1,024
#     completions, 204,800 tokens), generated right after KGW h=1;
#   student queries use prompts 448..<500 (disjoint from every training prompt).
set -euo pipefail
cd "$(dirname "$0")/../.."
stage=${1:-all}
work=.cache/experiments/radioactivity
mkdir -p "$work/keys" "$work/corpora" "$work/prompts"
model=$(scripts/fetch-model)
if [[ -n ${HALLMARK_BIN:-} ]]; then
  bin=$HALLMARK_BIN
else
  swift build -c release --product hallmark >&2
  bin=.build/release/hallmark
fi
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
fingerprint=$(echo hi | "$bin" tokenize --tokenizer "$model" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["tokenizer"].removeprefix("sha256:"))')

# Keys: name -> keygen parameters (the teacher order is the generation priority).
teachers=(kgw1 unigram kgw2 gumbel2)
declare -A params=(
  [kgw1]="--scheme kgw --green-fraction 0.25 --bias 2 --context-width 1"
  [kgw2]="--scheme kgw --green-fraction 0.25 --bias 2 --context-width 2"
  [unigram]="--scheme unigram --green-fraction 0.25 --bias 2"
  [gumbel2]="--scheme gumbel --context-width 2"
)
declare -A seedbase=([kgw1]=10000 [unigram]=20000 [kgw2]=30000 [gumbel2]=40000 [none]=50000)
for t in "${teachers[@]}"; do
  if [[ ! -f $work/keys/$t.key ]]; then
    # shellcheck disable=SC2086
    "$bin" keygen ${params[$t]} --tokenizer-fingerprint "$fingerprint" --out "$work/keys/$t.key" >/dev/null
  fi
done
for b in 0 1 2 3 4 5 6 7 8 9 10 11 12 13; do
  f=$work/prompts/block-$b.jsonl
  [[ -f $f ]] || python3 scripts/experiments/make-prompts.py 32 $((b * 32)) > "$f"
done
[[ -f $work/prompts/queries.jsonl ]] || python3 scripts/experiments/make-prompts.py 52 448 > "$work/prompts/queries.jsonl"

# gen_chunk NAME CHUNK BLOCK ROUND: 32 completions of the block's prompts, one sample each.
gen_chunk() {
  local name=$1 chunk=$2 block=$3 round=$4
  local out
  out=$(printf '%s/corpora/%s/chunk-%03d.jsonl' "$work" "$name" "$chunk")
  mkdir -p "$work/corpora/$name"
  if [[ -f $out ]] && [[ $(wc -l < "$out") -eq 32 ]]; then return; fi
  rm -f "$out" "$out.part"
  local seed=$(( ${seedbase[$name]} + chunk ))
  local keyargs=(--no-watermark)
  [[ $name != none ]] && keyargs=(--key "$work/keys/$name.key")
  local t0
  t0=$(date +%s)
  "$bin" generate "${keyargs[@]}" --model "$model" --prompts "$work/prompts/block-$block.jsonl" \
    --samples 1 --max-tokens 200 --min-tokens 200 --batch 32 --temperature 1 --seed "$seed" \
    --out "$out.part" 2>/dev/null
  mv "$out.part" "$out"
  log "$name chunk $chunk (block $block, round $round): $(( $(date +%s) - t0 )) s"
}
gen_teacher() {  # 8 blocks x 4 rounds, block-major within a round
  local name=$1
  for chunk in $(seq 0 31); do gen_chunk "$name" "$chunk" $((chunk % 8)) $((chunk / 8)); done
}
gen_none() {  # blocks 8..13 (prompts 256..<448), round-major
  for chunk in $(seq 0 31); do gen_chunk none "$chunk" $((8 + chunk % 6)) $((chunk / 6)); done
}
generate_all() {
  rm -f "$work"/corpora/*/*.part
  gen_teacher kgw1
  gen_none
  gen_teacher unigram
  gen_teacher kgw2
  gen_teacher gumbel2
}

if [[ $stage == generate ]]; then
  generate_all
  log "generation complete"
  exit 0
fi
