#!/usr/bin/env bash
# Attribution end to end on real text: `hallmark scan --master --accounts` with K candidate
# accounts over the first 1 MB of the human corpus (scripts/experiments/fetch-human-corpus), cut
# into 200-line plain-text documents, tokenized with SmolLM2's tokenizer. Prints a Markdown table
# (wall and CPU seconds of the whole command, and of tokenizing alone).
# Usage: Benchmarks/attribution-text.sh [K] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-10000}
threads=${2:-$(nproc)}
model=$(scripts/fetch-model)
corpus=$(scripts/experiments/fetch-human-corpus)
[[ ${HALLMARK_SKIP_BUILD:-} == 1 ]] || swift build -c release --product hallmark >&2
bin=.build/release/hallmark
work=.cache/bench/attribution
rm -rf "$work" && mkdir -p "$work/docs"
cat "$corpus/jargon.txt" "$corpus/devil.txt" > "$work/all.txt"
head -c 1000000 "$work/all.txt" > "$work/corpus.txt"
# Cut at line boundaries into documents of 200 lines (the last one shorter).
split -l 200 -d -a 4 "$work/corpus.txt" "$work/docs/part-"
# A multi-byte character cut by `head -c` at the very end is dropped by iconv -c.
last=$(ls "$work/docs" | tail -n1)
iconv -c -f utf-8 -t utf-8 "$work/docs/$last" > "$work/last" && mv "$work/last" "$work/docs/$last"
seq -f "account-%06g" 1 "$accounts" > "$work/accounts.txt"
printf '| scheme | documents | MB | tokens | distinct tuples | keys | threads | tokenize only (s) | whole scan wall (s) | CPU (s) | matches |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for scheme in "kgw --context-width 1" "gumbel --context-width 4"; do
  name=${scheme%% *}
  # shellcheck disable=SC2086
  "$bin" keygen --scheme $scheme --tokenizer "$model" --out "$work/$name.key" >/dev/null
  t0=$(date +%s.%N)
  "$bin" tokenize --tokenizer "$model" "$work"/docs/* > "$work/ids.txt"
  t1=$(date +%s.%N)
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" scan --master "$work/$name.key" \
    --accounts "$work/accounts.txt" --threads "$threads" --json "$work/docs" > "$work/$name.out"
  read -r wall user sys < "$work/time"
  python3 - "$work/$name.out" "$work/ids.txt" "$name" "$accounts" "$threads" "$wall" "$user" "$sys" \
    "$(echo "$t1 - $t0" | bc)" "$(ls "$work/docs" | wc -l)" "$(stat -c %s "$work/corpus.txt")" <<'PY'
import json, sys
out, ids, name, keys, threads, wall, user, sys_, tok, docs, size = sys.argv[1:]
rows = [json.loads(l) for l in open(out)]
summary = rows[-1]
cand = [r for r in rows if r.get("record") == "candidate"]
tokens = sum(len(l.split()) for l in open(ids))
print(f"| {name} | {docs} | {int(size)/1e6:.2f} | {tokens} | {cand[0]['scored']} | {keys} | {threads} | "
      f"{float(tok):.2f} | {float(wall):.1f} | {float(user)+float(sys_):.1f} | {summary['matched']} |")
PY
done
