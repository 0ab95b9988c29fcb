#!/usr/bin/env python3
"""Issue 5 experiments: power, false positives and robustness of detection from text.

Usage: verifier.py WORK BIN MODEL CORPUS_DIR > docs/verifier-experiments.md

WORK holds the corpora of scripts/experiments/verifier-generate.sh (SCHEME.key, SCHEME.jsonl,
none.jsonl). Everything is detected with the `hallmark` binary BIN from text (decode ->
re-tokenize), except the rows labelled "ids". Attacks use fixed seeds, so a rerun gives the same
tables. Only the standard library is used.
"""
import json
import os
import random
import statistics
import subprocess
import sys
import time

WORK, BIN, MODEL, CORPUS = sys.argv[1:5]
SCHEMES = os.environ.get("VERIFIER_SCHEMES", "kgw unigram gumbel synthid").split()
LABELS = {
    "kgw": "KGW γ=0.25 δ=2 h=1",
    "unigram": "Unigram γ=0.25 δ=2",
    "gumbel": "Gumbel h=4",
    "synthid": "SynthID h=4 m=30",
}
TMP = os.path.join(WORK, "tmp")
os.makedirs(TMP, exist_ok=True)
VOCAB = 49152
FPR_KEYS = int(os.environ.get("VERIFIER_FPR_KEYS", "20"))
PARAMS = {
    "kgw": "--scheme kgw --green-fraction 0.25 --bias 2 --context-width 1",
    "unigram": "--scheme unigram --green-fraction 0.25 --bias 2",
    "gumbel": "--scheme gumbel --context-width 4",
    "synthid": "--scheme synthid --context-width 4 --layers 30",
}
FIRST_ORDINARY = 17  # ids below are SmolLM2's control tokens


def run(args, check=True):
    p = subprocess.run([BIN] + args, capture_output=True, text=True)
    if check and p.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({p.returncode}): {p.stderr[-2000:]}")
    return p.stdout


def records(stdout):
    return [json.loads(l) for l in stdout.splitlines() if l.strip()]


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def write_jsonl(path, rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def batch_tool(name, items, decode):
    """Encodes texts (or decodes id lists) in one `hallmark tokenize` process."""
    folder = os.path.join(TMP, name)
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i, item in enumerate(items):
        path = os.path.join(folder, f"{i:06d}.txt")
        with open(path, "w") as f:
            f.write(" ".join(map(str, item)) if decode else item)
        paths.append(path)
    out = []
    for start in range(0, len(paths), 2000):
        chunk = paths[start:start + 2000]
        args = ["tokenize", "--tokenizer", MODEL, "--json"] + (["--decode"] if decode else []) + chunk
        out += records(run(args))
    return [r["text"] for r in out] if decode else [r["ids"] for r in out]


def detect(key, rows, name, extra=()):
    """Detects the `text` of each row; returns the result records in order."""
    path = os.path.join(TMP, name + ".jsonl")
    write_jsonl(path, [{"text": r} for r in rows])
    res = [r for r in records(run(["detect", "--key", key, "--json", *extra, path]))]
    assert len(res) == len(rows), (name, len(res), len(rows))
    return res


def p_of(r, windows=False):
    return r["window_log10_p"] if windows else r["log10_p"]


def rate(res, threshold, windows=False):
    return sum(1 for r in res if p_of(r, windows) < threshold) / len(res)


def median_log(res, windows=False):
    return statistics.median(p_of(r, windows) for r in res)


def clopper_pearson_upper(k, n, conf=0.95):
    """Upper end of the two-sided Clopper-Pearson interval, by bisection on the binomial CDF."""
    if k == n:
        return 1.0
    from math import comb
    target = (1 - conf) / 2
    lo, hi = k / n, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        cdf = sum(comb(n, i) * mid**i * (1 - mid) ** (n - i) for i in range(k + 1))
        lo, hi = (mid, hi) if cdf > target else (lo, mid)
    return hi


def human_documents(length, count=None, seed=0):
    """The human corpus cut into `length`-token documents (decoded back to text)."""
    text = ""
    for name in ["jargon.txt", "devil.txt"]:
        with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
            text += f.read() + "\n"
    ids = batch_tool("corpus-all", [text], decode=False)[0]
    pieces = [ids[i:i + length] for i in range(0, len(ids) - length + 1, length)]
    if count is not None:
        random.Random(seed).shuffle(pieces)
        pieces = pieces[:count]
    return batch_tool(f"corpus-{length}", pieces, decode=True), len(text.encode()), len(ids)


# --- attacks -------------------------------------------------------------------------------

def substitute(ids, fraction, rng):
    ids = list(ids)
    for i in rng.sample(range(len(ids)), round(fraction * len(ids))):
        ids[i] = rng.randrange(FIRST_ORDINARY, VOCAB)
    return ids


def delete_words(text, fraction, rng):
    words = text.split(" ")
    drop = set(rng.sample(range(len(words)), round(fraction * len(words))))
    return " ".join(w for i, w in enumerate(words) if i not in drop)


def swap_words(text, fraction, rng):
    words = text.split(" ")
    starts = list(range(0, len(words) - 1, 2))
    for i in rng.sample(starts, min(len(starts), round(fraction * len(words) / 2))):
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def typos(text, fraction, rng):
    words = text.split(" ")
    letters = "abcdefghijklmnopqrstuvwxyz"
    candidates = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 2]
    for i in rng.sample(candidates, min(len(candidates), round(fraction * len(words)))):
        w = list(words[i])
        positions = [k for k, c in enumerate(w) if c.isalpha()]
        k = rng.choice(positions)
        kind = rng.randrange(4)
        if kind == 0 and k + 1 < len(w):
            w[k], w[k + 1] = w[k + 1], w[k]
        elif kind == 1:
            del w[k]
        elif kind == 2:
            w.insert(k, rng.choice(letters))
        else:
            w[k] = rng.choice(letters)
        words[i] = "".join(w)
    return " ".join(words)


def paste(marked, human, rng):
    """`marked` inserted at a random word boundary of `human`."""
    words = human.split(" ")
    cut = rng.randrange(len(words) + 1)
    return " ".join(words[:cut]) + " " + marked.strip() + " " + " ".join(words[cut:])


# --- experiments ---------------------------------------------------------------------------

def main():
    started = time.time()
    gen = {s: read_jsonl(os.path.join(WORK, s + ".jsonl")) for s in SCHEMES + ["none"]}
    keys = {s: os.path.join(WORK, s + ".key") for s in SCHEMES}
    out = []
    w = out.append

    w("# Verifier experiments: detection from text, false positives, robustness\n")
    w("Made by `bash scripts/experiments/verifier.sh` (generation: "
      "`scripts/experiments/verifier-generate.sh`; tables: `scripts/experiments/verifier.py`). "
      "Model SmolLM2-135M-Instruct (Q4_1 GGUF), prompts from `scripts/experiments/make-prompts.py`, "
      "one completion of exactly 200 tokens per prompt (stop tokens suppressed), temperature 1, "
      "no truncation, chat template on. Detection with dedup, α for a verdict = 1e-6, "
      "from the completion's text (decoded, then re-tokenized by `hallmark detect`) unless a row "
      "says ids.\n")

    # Power from text, and what re-tokenization costs.
    w("## Power: watermarked completions detected from their text\n")
    w("| scheme | n | TPR p<1e-6 (text) | median log10 p (text) | TPR (ids, no prompt) | median log10 p (ids, no prompt) | TPR (ids + prompt context) | docs whose ids change on re-tokenization | tokens changed (mean) |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in SCHEMES:
        rows = gen[s]
        texts = [r["completion"] for r in rows]
        text_res = detect(keys[s], texts, f"power-{s}")
        ids_path = os.path.join(TMP, f"ids-{s}.txt")
        with open(ids_path, "w") as f:
            for r in rows:
                f.write(json.dumps(r["completion_ids"]) + "\n")
        ids_res = records(run(["detect", "--key", keys[s], "--tokens", ids_path, "--json"]))
        ctx_res = records(run(["detect", "--key", keys[s], "--tokens", os.path.join(WORK, s + ".jsonl"), "--json"]))
        retok = batch_tool(f"retok-{s}", texts, decode=False)
        changed = sum(1 for r, t in zip(rows, retok) if r["completion_ids"] != t)
        diffs = []
        for r, t in zip(rows, retok):
            a, b = r["completion_ids"], t
            # Tokens outside the longest common prefix and suffix.
            p = 0
            while p < min(len(a), len(b)) and a[p] == b[p]:
                p += 1
            q = 0
            while q < min(len(a), len(b)) - p and a[-1 - q] == b[-1 - q]:
                q += 1
            diffs.append(max(len(a), len(b)) - p - q)
        w(f"| {LABELS[s]} | {len(rows)} | {rate(text_res, -6):.3f} | {median_log(text_res):.1f} | "
          f"{rate(ids_res, -6):.3f} | {median_log(ids_res):.1f} | {rate(ctx_res, -6):.3f} | "
          f"{changed}/{len(rows)} | {statistics.mean(diffs):.2f} |")
    w("\n\"ids, no prompt\" scores the generated ids as they were, without the prompt as context "
      "(like text); \"ids + prompt context\" also scores the first h tokens (as `detect --tokens` on "
      "a generate record). \"tokens changed\" counts the tokens between the longest common prefix "
      "and suffix of the generated and the re-tokenized ids.\n")

    # False positives.
    human, human_bytes, human_tokens = human_documents(200)
    controls = [r["completion"] for r in gen["none"]]
    w("## False positives: unwatermarked text\n")
    w(f"Documents: the {len(controls)} unwatermarked SmolLM2 completions, and the human-written corpus "
      f"(Jargon File 4.4.7 and The Devil's Dictionary, public domain, Debian packages `jargon-text` and "
      f"`dict-devil`, {human_bytes / 1e6:.2f} MB, {human_tokens} tokens; `scripts/experiments/fetch-human-corpus`) "
      f"cut into {len(human)} documents of 200 tokens. The null guarantee P(p < α) ≤ α holds over the "
      f"key's randomness; for one fixed key, documents of one corpus share common (context, token) "
      f"tuples (\"of the\", indentation), so their outcomes are correlated and one key's rate "
      f"scatters around α. Each document is therefore tested under {FPR_KEYS} independent keys per "
      "scheme (the generation key and fresh ones with the same parameters): \"pooled\" is the "
      "rate over all (document, key) tests, the range is that of the per-key rates.\n")
    w("| scheme | documents | dedup | FPR α=0.01 pooled | per-key range | FPR α=0.001 pooled | per-key range | with --windows: α=0.01 | α=0.001 |")
    w("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in SCHEMES:
        fpr_keys = [keys[s]]
        for i in range(1, FPR_KEYS):
            path = os.path.join(TMP, f"fpr-{s}-{i}.key")
            if not os.path.exists(path):
                run(["keygen", *PARAMS[s].split(), "--tokenizer", MODEL, "--out", path])
            fpr_keys.append(path)
        for label, docs in [("SmolLM2 controls", controls), ("human corpus", human)]:
            for dedup in [True, False]:
                extra = ["--windows"] + ([] if dedup else ["--no-dedup"])
                per_key = []
                for i, key in enumerate(fpr_keys):
                    res = detect(key, docs, f"fpr-{s}-{label[:5]}-{dedup}-{i}", extra)
                    per_key.append((rate(res, -2), rate(res, -3), rate(res, -2, True), rate(res, -3, True)))
                pooled = [statistics.mean(k[j] for k in per_key) for j in range(4)]
                lo = [min(k[j] for k in per_key) for j in range(2)]
                hi = [max(k[j] for k in per_key) for j in range(2)]
                w(f"| {LABELS[s]} | {label} ({len(docs)}) | {'on' if dedup else 'off'} | {pooled[0]:.4f} | "
                  f"{lo[0]:.4f}–{hi[0]:.4f} | {pooled[1]:.4f} | {lo[1]:.4f}–{hi[1]:.4f} | "
                  f"{pooled[2]:.4f} | {pooled[3]:.4f} |")
    # Corpus-level: the whole human corpus as one scan.
    w("\n### The whole human corpus as one sample (`hallmark scan`)\n")
    w("| key (the generation key) | dedup | tokens | tuples counted | repeats dropped | corpus log10 p |")
    w("| --- | --- | ---: | ---: | ---: | ---: |")
    corpus_path = os.path.join(TMP, "human-corpus.jsonl")
    write_jsonl(corpus_path, [{"text": t} for t in human])
    for s in SCHEMES:
        for dedup in [True, False]:
            res = records(run(["scan", "--key", keys[s], "--json", corpus_path] + ([] if dedup else ["--no-dedup"])))
            c = res[-1]
            w(f"| {LABELS[s]} | {'on' if dedup else 'off'} | {c['tokens']} | {c['scored']} | {c['duplicates']} | {c['log10_p']:.2f} |")
    w("\nWithout dedup, repeated (context, token) tuples (the Jargon File's indentation, its list of "
      "entries, recurring phrases) count again and again with the same score, which breaks the "
      "independence the p-value assumes.\n")

    # Robustness.
    w("## Robustness\n")
    w("Each attack is applied to the 200 watermarked completions of each scheme (seeded). "
      "Token substitution replaces that fraction of the generated ids by uniformly random "
      "non-control ids, then decodes; word deletion drops that fraction of space-separated words; "
      "swaps exchange 10% of words with their right neighbour (non-overlapping pairs); typos edit "
      "one letter (transpose, delete, insert or replace) in 10% of words; copy-paste inserts the "
      "200-token completion at a random word boundary of a human-corpus passage of 1800, 600 or "
      "200 tokens (10/25/50% watermarked). Cells: detection rate at p < 1e-6 / median log10 p; "
      "with --windows the p-value is the best window's, corrected for the search.\n")
    paste_human = {}
    for share, length in [(10, 1800), (25, 600), (50, 200)]:
        paste_human[share] = human_documents(length, count=200, seed=share)[0]
    header = "| attack | " + " | ".join(f"{LABELS[s]} | {LABELS[s]} --windows" for s in SCHEMES) + " |"
    w(header)
    w("| --- |" + " ---: | ---: |" * len(SCHEMES))
    attacks = [("none", None)] + [(f"token substitution {p}%", ("sub", p / 100)) for p in (10, 20, 30)] + \
        [(f"word deletion {p}%", ("del", p / 100)) for p in (10, 20)] + \
        [("adjacent-word swaps 10%", ("swap", 0.1)), ("typos 10% of words", ("typo", 0.1))] + \
        [(f"copy-paste {p}% into human text", ("paste", p)) for p in (10, 25, 50)]
    cells = {}
    for s in SCHEMES:
        rows = gen[s]
        for name, spec in attacks:
            rng = random.Random(f"{s}-{name}")
            if spec is None:
                texts = [r["completion"] for r in rows]
            elif spec[0] == "sub":
                texts = batch_tool(f"sub-{s}-{spec[1]}", [substitute(r["completion_ids"], spec[1], rng) for r in rows], decode=True)
            elif spec[0] == "del":
                texts = [delete_words(r["completion"], spec[1], rng) for r in rows]
            elif spec[0] == "swap":
                texts = [swap_words(r["completion"], spec[1], rng) for r in rows]
            elif spec[0] == "typo":
                texts = [typos(r["completion"], spec[1], rng) for r in rows]
            else:
                texts = [paste(r["completion"], h, rng) for r, h in zip(rows, paste_human[spec[1]])]
            res = detect(keys[s], texts, f"robust-{s}-{len(cells)}", ["--windows"])
            cells[(s, name)] = (f"{rate(res, -6):.2f} / {median_log(res):.1f}",
                                f"{rate(res, -6, True):.2f} / {median_log(res, True):.1f}")
    for name, _ in attacks:
        w(f"| {name} | " + " | ".join(f"{cells[(s, name)][0]} | {cells[(s, name)][1]}" for s in SCHEMES) + " |")
    w(f"\n(Tables computed in {time.time() - started:.0f} s.)")
    print("\n".join(out))


if __name__ == "__main__":
    main()
