#!/usr/bin/env bash
# Issue 7, the distillation tie-back: are n-gram students of a watermarked SmolLM2 teacher
# "radioactive"? Resumable: every step skips what already exists, so rerunning completes the
# table. Usage:
#   bash scripts/experiments/radioactivity.sh generate   # teacher corpora only (long)
#   bash scripts/experiments/radioactivity.sh analyze    # students, queries, tests, docs for
#                                                        # every teacher whose corpus is complete
#   bash scripts/experiments/radioactivity.sh            # both (generate first)
# Environment: HALLMARK_BIN (default: build and use .build/release/hallmark); GEN_BIN, the
# binary for generation only (default: HALLMARK_BIN); RUN_TESTS=0 skips the unit tests.
# Generation holds a lock, so `analyze` can run while a `generate` is still going.
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
case $stage in generate | analyze | all) ;; *) echo "usage: $0 [generate|analyze]" >&2; exit 2 ;; esac
work=.cache/experiments/radioactivity
mkdir -p "$work/keys" "$work/corpora" "$work/prompts"
model=$(scripts/fetch-model)
if [[ -n ${HALLMARK_BIN:-} ]]; then
  bin=$HALLMARK_BIN
else
  swift build -c release --product hallmark >&2
  bin=.build/release/hallmark
fi
genbin=${GEN_BIN:-$bin}
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
fingerprint=$(echo hi | "$genbin" tokenize --tokenizer "$model" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["tokenizer"].removeprefix("sha256:"))')

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
  "$genbin" generate "${keyargs[@]}" --model "$model" --prompts "$work/prompts/block-$block.jsonl" \
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

timings=$work/timings.tsv
touch "$timings"
# timed STEP COMMAND...: runs and records the wall time (replacing an earlier record of STEP).
timed() {
  local step=$1 t0
  shift
  t0=$(date +%s)
  "$@"
  grep -v -F "$step"$'\t' "$timings" > "$timings.tmp" || true
  printf '%s\t%s\n' "$step" $(( $(date +%s) - t0 )) >> "$timings.tmp"
  mv "$timings.tmp" "$timings"
}

if [[ $stage == generate || $stage == all ]]; then
  exec 9> "$work/generate.lock"
  if flock -n 9; then
    generate_all
    log "generation complete"
    flock -u 9
  else
    log "generation is running elsewhere; analysing the corpora that are complete"
  fi
  [[ $stage == generate ]] && exit 0
fi

# ---- analysis: students, queries, tests ----
data="python3 scripts/experiments/radioactivity-data.py"
complete() {  # complete NAME: all 32 chunks present with 32 records each
  local n=0 f
  for f in "$work"/corpora/"$1"/chunk-*.jsonl; do
    [[ -f $f ]] && [[ $(wc -l < "$f") -eq 32 ]] && n=$((n + 1))
  done
  [[ $n -eq 32 ]]
}
mkdir -p "$work/mixed" "$work/students" "$work/outputs" "$work/results"
if ! complete none; then
  log "the unwatermarked corpus is not complete yet: nothing to analyse"
  exit 0
fi
[[ -f $work/none.jsonl ]] || cat "$work"/corpora/none/chunk-*.jsonl > "$work/none.jsonl"
# Query prompts (448..<500) as prompt ids: one throw-away token each.
if [[ ! -f $work/queries-ids.jsonl ]]; then
  rm -f "$work/queries-ids.jsonl.part"
  "$genbin" generate --no-watermark --model "$model" --prompts "$work/prompts/queries.jsonl" \
    --max-tokens 1 --batch 32 --out "$work/queries-ids.jsonl.part" 2>/dev/null
  mv "$work/queries-ids.jsonl.part" "$work/queries-ids.jsonl"
fi
total=1024
declare -A kof=([0]=0 [1]=10 [5]=51 [10]=102 [100]=1024)
# student NAME CORPUS: train (order 3) and sample 52 prompts x 39 = 2,028 outputs of 200 tokens.
student() {
  local name=$1 corpus=$2
  if [[ ! -f $work/students/$name.ngram ]]; then
    timed "train student $name" "$bin" student train --corpus "$corpus" --order 3 --vocab-size 49152 \
      --out "$work/students/$name.ngram.part" > "$work/students/$name.train.txt"
    mv "$work/students/$name.ngram.part" "$work/students/$name.ngram"
  fi
  if [[ ! -f $work/outputs/$name.jsonl ]]; then
    timed "query student $name (2,028 outputs)" "$bin" student generate --model "$work/students/$name.ngram" \
      --prompts "$work/queries-ids.jsonl" --n 39 --max-tokens 200 --temperature 1 --seed 7 \
      --out "$work/outputs/$name.jsonl.part" 2>/dev/null
    mv "$work/outputs/$name.jsonl.part" "$work/outputs/$name.jsonl"
  fi
  for b in 100 500 2000; do
    [[ -f $work/outputs/$name-$b.jsonl ]] || $data budget "$work/outputs/$name.jsonl" $b "$work/outputs/$name-$b.jsonl"
  done
}
# run_json OUT STEP ARGS...: one radioactivity run into OUT (skipped when OUT exists).
run_json() {
  local out=$1 step=$2
  shift 2
  [[ -f $out ]] && return
  timed "$step" "$bin" radioactivity "$@" --json > "$out.part"
  mv "$out.part" "$out"
}
# The 0 % student is the same for every scheme: plain text only.
[[ -f $work/mixed/plain-0.jsonl ]] || $data mix "$work/none.jsonl" "$work/none.jsonl" 0 $total "$work/mixed/plain-0.jsonl"
student plain-0 "$work/mixed/plain-0.jsonl"

for t in "${teachers[@]}"; do
  if ! complete "$t"; then
    log "$t: teacher corpus not complete yet; skipped (rerun later)"
    continue
  fi
  key=$work/keys/$t.key
  [[ -f $work/$t.jsonl ]] || cat "$work"/corpora/"$t"/chunk-*.jsonl > "$work/$t.jsonl"
  [[ -f $work/mixed/$t-read-0.jsonl ]] || $data head "$work/$t.jsonl" 128 "$work/mixed/$t-read-0.jsonl"
  for s in 0 1 5 10 100; do
    k=${kof[$s]}
    if [[ $s == 0 ]]; then
      name=plain-0
      ref=$work/$t.jsonl            # all our watermarked outputs (the student never saw them)
      read=$work/mixed/$t-read-0.jsonl
    else
      name=$t-$s
      [[ -f $work/mixed/$name.jsonl ]] || $data mix "$work/$t.jsonl" "$work/none.jsonl" "$k" $total "$work/mixed/$name.jsonl"
      [[ -f $work/mixed/$name-ref.jsonl ]] || $data head "$work/$t.jsonl" "$k" "$work/mixed/$name-ref.jsonl"
      student "$name" "$work/mixed/$name.jsonl"
      ref=$work/mixed/$name-ref.jsonl   # the watermarked outputs that went into its corpus
      read=$ref
    fi
    for b in 100 500 2000; do
      run_json "$work/results/$t-$s-$b.json" "closed-model test $t $s % $b outputs" --key "$key" \
        --suspect-outputs "$work/outputs/$name-$b.jsonl" --reference "$ref" --controls 100
    done
    run_json "$work/results/$t-read-$s.json" "reading mode $t $s % student" --key "$key" \
      --suspect-student "$work/students/$name.ngram" --reference "$read" --controls 100
  done
  run_json "$work/results/$t-fpr.json" "0 % student under 1,000 random keys ($t)" --key "$key" \
    --suspect-outputs "$work/outputs/plain-0-2000.jsonl" --reference "$work/$t.jsonl" --controls 1000 \
    --control-seed 1
  run_json "$work/results/$t-read-smollm2.json" "reading mode $t SmolLM2 (32 documents)" --key "$key" \
    --suspect-model "$model" --reference "$work/$t.jsonl" --limit 32 --batch 8 --controls 100
done

# Generation time per corpus, from the log.
if [[ -f $work/generate.log ]]; then
  for n in kgw1 none unigram kgw2 gumbel2; do
    chunks=$(grep -cE "\] $n chunk " "$work/generate.log" || true)
    [[ $chunks -gt 0 ]] || continue
    secs=$(grep -E "\] $n chunk " "$work/generate.log" | sed -E 's/.*: ([0-9]+) s$/\1/' | paste -sd+ | bc)
    grep -v -F "generate $n " "$timings" > "$timings.tmp" || true
    printf 'generate %s (%s chunks of 6,400 tokens)\t%s\n' "$n" "$chunks" "$secs" >> "$timings.tmp"
    mv "$timings.tmp" "$timings"
  done
fi
if [[ ${RUN_TESTS:-1} == 1 ]]; then
  timed "unit tests (HallmarkRadioactivityTests)" swift test --filter HallmarkRadioactivityTests >&2
fi
$data table "$work" "$timings" > "$work/table.md"
python3 - "$work/table.md" docs/radioactivity.md <<'PY'
import sys
table, doc = sys.argv[1], sys.argv[2]
text = open(doc).read()
begin, end = "<!-- results: begin -->", "<!-- results: end -->"
i, j = text.index(begin) + len(begin), text.index(end)
open(doc, "w").write(text[:i] + "\n" + open(table).read() + "\n" + text[j:])
PY
log "results written to docs/radioactivity.md"
