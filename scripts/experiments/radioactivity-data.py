#!/usr/bin/env python3
"""Data plumbing for scripts/experiments/radioactivity.sh (standard library only).

  radioactivity-data.py mix WATERMARKED NONE K TOTAL OUT   first K watermarked records, then the
                                                          first TOTAL-K plain ones
  radioactivity-data.py head FILE N OUT                   the first N records
  radioactivity-data.py budget OUTPUTS N OUT              the first N student outputs in the
                                                          order (sample_index, prompt_index), so a
                                                          small budget covers every prompt
  radioactivity-data.py table WORK TIMINGS                the markdown results (stdout)
"""
import json
import math
import os
import sys


def records(path):
    with open(path) as f:
        return [line for line in f if line.strip()]


def write(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.writelines(lines)
    os.replace(tmp, path)


def mix(wm, none, k, total, out):
    a, b = records(wm), records(none)
    k, total = int(k), int(total)
    if len(a) < k or len(b) < total - k:
        sys.exit(f"mix: need {k} of {wm} ({len(a)}) and {total - k} of {none} ({len(b)})")
    write(out, a[:k] + b[: total - k])


def head(path, n, out):
    write(out, records(path)[: int(n)])


def budget(path, n, out):
    rows = records(path)
    keyed = sorted(rows, key=lambda l: (json.loads(l)["sample_index"], json.loads(l)["prompt_index"]))
    if len(keyed) < int(n):
        sys.exit(f"budget: {path} has {len(keyed)} outputs, fewer than {n}")
    write(out, keyed[: int(n)])


LABELS = {"kgw1": "KGW γ=0.25 δ=2 h=1", "kgw2": "KGW γ=0.25 δ=2 h=2",
          "unigram": "Unigram γ=0.25 δ=2", "gumbel2": "Gumbel h=2"}
SHARES = [0, 1, 5, 10, 100]
BUDGETS = [100, 500, 2000]


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def fmt(x):
    if x is None:
        return "–"
    if isinstance(x, str):
        return x
    return f"{x:.1f}" if x > -1000 else f"{x:.0f}"


def log10p(result):
    p = result["score"]["p_value"]["log10_p"]
    return -math.inf if p == "-Infinity" else p


def table(work, timings):
    out = []
    res = f"{work}/results"
    teachers = [t for t in LABELS if os.path.exists(f"{res}/{t}-0-2000.json")]
    missing = [t for t in LABELS if t not in teachers]
    out.append("### Closed-model test: log10 p (all tuples / filtered)\n")
    out.append("Each cell: log10 p of the test over every distinct tuple of the student's outputs "
               "(prompt tuples excluded), then of the filtered test (only tuples whose window occurs "
               "in our watermarked outputs that went into the student's corpus; for the 0 % student, "
               "all 1,024 of them). Student: order-3 Kneser–Ney n-gram, 1,024 documents (204,800 "
               "tokens) of which the share is watermarked. Outputs: 200 tokens each.\n")
    out.append("| scheme | share | 100 outputs | 500 outputs | 2,000 outputs | tuples (2,000) | filtered tuples (2,000) | controls < 0.01 (2,000, all / filtered) |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in teachers:
        for s in SHARES:
            cells = []
            last = None
            for b in BUDGETS:
                r = load(f"{res}/{t}-{s}-{b}.json")
                if r is None:
                    cells.append("–")
                    continue
                c = r["closed_model"]
                cells.append(f"{fmt(log10p(c['unfiltered']))} / {fmt(log10p(c['filtered']))}")
                last = c if b == 2000 else last
            if last:
                u, f = last["unfiltered"], last["filtered"]
                extra = [f"{u['tuples']:,}", f"{f['tuples']:,}",
                         f"{u['controls']['below_alpha']}/{u['controls']['keys']} / "
                         f"{f['controls']['below_alpha']}/{f['controls']['keys']}"]
            else:
                extra = ["–"] * 3
            out.append(f"| {LABELS[t]} | {s} % | " + " | ".join(cells + extra) + " |")
    out.append("")
    out.append("### The 0 % student over 1,000 random keys (closed model, 2,000 outputs)\n")
    out.append("| scheme | tuples | keys with p < 0.01 | fraction | Clopper–Pearson 95 % | consistent with 0.01 | median log10 p | filtered: keys with p < 0.01 |")
    out.append("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: |")
    for t in teachers:
        r = load(f"{res}/{t}-fpr.json")
        if r is None:
            continue
        u = r["closed_model"]["unfiltered"]
        c = u["controls"]
        f = r["closed_model"]["filtered"]["controls"]
        lo, hi = c["fraction_interval"]
        ok = "yes" if lo <= 0.01 <= hi else "no"
        out.append(f"| {LABELS[t]} | {u['tuples']:,} | {c['below_alpha']}/{c['keys']} | {c['fraction_below_alpha']:.3f} | "
                   f"{lo:.4f}–{hi:.4f} | {ok} | {c['median_log10_p']:.2f} | {f['below_alpha']}/{f['keys']} |")
    out.append("")
    out.append("### Open weights (reading mode): log10 p\n")
    out.append("Our watermarked outputs read through the suspect with teacher forcing; top-1 "
               "predictions scored as (window of our text, prediction), deduplicated, predictions that "
               "copy a tuple already in the document left out. n-gram students read the watermarked "
               "documents of their own corpus (the 0 % student: the first 128); SmolLM2 (the "
               "unwatermarked teacher model itself, a sanity check that must not be flagged) reads 32.\n")
    out.append("| scheme | suspect | documents read | tuples | copies left out | log10 p | controls < 0.01 |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for t in teachers:
        for s in SHARES + ["smollm2"]:
            r = load(f"{res}/{t}-read-{s}.json")
            if r is None:
                continue
            o = r["open_weights"]
            rd = o["reading"]
            who = "SmolLM2-135M-Instruct (no watermark)" if s == "smollm2" else f"{s} % student"
            out.append(f"| {LABELS[t]} | {who} | {o['sequences']:,} | {rd['tuples']:,} | {rd['excluded']:,} | "
                       f"{fmt(log10p(rd))} | {rd['controls']['below_alpha']}/{rd['controls']['keys']} |")
    out.append("")
    if missing:
        out.append(f"**Not yet run** (teacher corpus incomplete): {', '.join(LABELS[t] for t in missing)}. "
                   "Rerun `bash scripts/experiments/radioactivity.sh` to complete the table.\n")
    if os.path.exists(timings):
        out.append("### Timings (this machine: 2 shared vCPUs, load from other jobs)\n")
        out.append("| step | runs | total wall time | per run |")
        out.append("| --- | ---: | ---: | ---: |")
        groups = {}
        order = []
        for line in open(timings):
            step, secs = line.rstrip("\n").split("\t")
            if step.startswith("generate "):
                group = step
            elif "SmolLM2" in step:
                group = "reading mode, SmolLM2 (32 documents, teacher forcing)"
            elif step.startswith("reading mode"):
                group = "reading mode, n-gram students"
            elif step.startswith("closed-model test"):
                group = "closed-model test (100 control keys; with and without filter)"
            elif step.startswith("0 % student"):
                group = "0 % student under 1,000 random keys (with and without filter)"
            elif step.startswith("train student"):
                group = "train an order-3 student (204,800 tokens)"
            elif step.startswith("query student"):
                group = "query a student (2,028 outputs of 200 tokens)"
            else:
                group = step
            if group not in groups:
                groups[group] = []
                order.append(group)
            groups[group].append(int(secs))

        def dur(x):
            return f"{x // 60} min {x % 60} s" if x >= 60 else f"{x} s"
        order.sort(key=lambda g: not g.startswith("generate"))
        for g in order:
            v = groups[g]
            per = dur(v[0]) if len(v) == 1 else f"{dur(min(v))}–{dur(max(v))}"
            out.append(f"| {g} | {len(v)} | {dur(sum(v))} | {per} |")
    print("\n".join(out))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"mix": mix, "head": head, "budget": budget, "table": table}[cmd](*args)
