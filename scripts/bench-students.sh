#!/usr/bin/env bash
# Student n-gram model speed and memory (Spec/students.md), printed as a Markdown table:
# training a 500k-token corpus over a 49,152-id vocabulary at orders 2–5 (wall time and
# peak RSS of `hallmark student train`), and sampling speed of `hallmark student generate`.
# Usage: scripts/bench-students.sh [path/to/hallmark]   (default: .build/release/hallmark,
# else .build/debug/hallmark; hot targets are optimised in both).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [[ -z $bin ]]; then
  if [[ -x .build/release/hallmark ]]; then bin=.build/release/hallmark; else bin=.build/debug/hallmark; fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, random, sys
# 2,500 documents of 200 completion tokens after 20-token prompts: Zipf(1.1) ids over 49,152,
# half of them from a per-previous-token follower rule, so that n-grams repeat.
work = sys.argv[1]
rng = random.Random(1)
V = 49152
weights = [1 / (r ** 1.1) for r in range(1, V + 1)]
perm = list(range(V))
rng.shuffle(perm)
cum = []
total = 0.0
for w in weights:
    total += w
    cum.append(total)
import bisect
def zipf():
    return perm[min(V - 1, bisect.bisect_left(cum, rng.random() * total))]
with open(f"{work}/corpus.jsonl", "w") as f, open(f"{work}/prompts.jsonl", "w") as g:
    for d in range(2500):
        prompt = [zipf() for _ in range(20)]
        toks, prev = [], prompt[-1]
        for _ in range(200):
            t = (prev * 7919 + rng.randrange(4)) % V if rng.random() < 0.5 else zipf()
            toks.append(t)
            prev = t
        f.write(json.dumps({"prompt_ids": prompt, "completion_ids": toks}) + "\n")
        if d < 10:
            g.write(json.dumps({"prompt_ids": prompt}) + "\n")
PY
echo "| order | train wall (s) | peak RSS (MiB) | model file (MiB) | sample tok/s (T=1) | sample tok/s (top-k 50) | greedy tok/s |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for order in 2 3 4 5; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" student train --corpus "$work/corpus.jsonl" \
    --order "$order" --vocab-size 49152 --out "$work/m$order.hmng" >/dev/null
  read -r wall rss <"$work/time"
  size=$(stat -c %s "$work/m$order.hmng")
  rates=()
  for args in "--temperature 1" "--top-k 50" "--temperature 0"; do
    # shellcheck disable=SC2086
    line=$("$bin" student generate --model "$work/m$order.hmng" --prompts "$work/prompts.jsonl" \
      --n 4 --max-tokens 100 $args --out /dev/null 2>&1)
    rates+=("$(sed -E 's/.*\(([0-9]+) tokens\/s\).*/\1/' <<<"$line")")
  done
  printf "| %d | %s | %d | %.1f | %s | %s | %s |\n" "$order" "$wall" $((rss / 1024)) \
    "$(echo "$size / 1048576" | bc -l)" "${rates[0]}" "${rates[1]}" "${rates[2]}"
done
