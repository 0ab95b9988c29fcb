#!/usr/bin/env python3
"""Reference for the student n-gram model (Spec/students.md): interpolated modified
Kneser-Ney (Chen & Goodman 1998) written directly from the formulas with dictionaries of
tuples, independent of the Swift code. Writes
Tests/HallmarkStudentsTests/Fixtures/kn-reference.json.

Conventions shared with the Swift implementation (normative in Spec/students.md):
- each document is prompt + completion, left-padded with order-1 start symbols (id V);
- only n-grams ending on a completion token are counted;
- highest order: raw counts; lower orders: continuation counts N1+(. g);
- D_k = k - (k+1) Y n_{k+1}/n_k with Y = n1/(n1+2 n2), replaced by k/2 when undefined
  or outside (0, k);
- p_k(w|h) = max(c(hw) - D(c(hw)), 0)/S(h) + gamma(h) p_{k-1}(w|h'), with
  gamma(h) = sum_w D(c(hw)) / S(h); a context with S(h) = 0 passes p_{k-1} through;
  p_0 = 1/V.
"""
import json
import math
import os
import random


def train(docs, n, V):
    bos = V
    raw = [dict() for _ in range(n + 1)]
    for prompt, completion in docs:
        seq = [bos] * (n - 1) + list(prompt) + list(completion)
        first = n - 1 + len(prompt)
        for e in range(first, len(seq)):
            for k in range(1, n + 1):
                g = tuple(seq[e - k + 1:e + 1])
                raw[k][g] = raw[k].get(g, 0) + 1
    adj = [None] * (n + 1)
    adj[n] = dict(raw[n])
    for k in range(1, n):
        left = {}
        for g in raw[k + 1]:
            left.setdefault(g[1:], set()).add(g[0])
        adj[k] = {g: len(s) for g, s in left.items()}
    discounts = [None]
    for k in range(1, n + 1):
        cc = [sum(1 for c in adj[k].values() if c == r) for r in (1, 2, 3, 4)]
        n1, n2, n3, n4 = cc
        y = n1 / (n1 + 2 * n2) if n1 + 2 * n2 > 0 else float("nan")

        def pick(kk, num, den):
            d = kk - (kk + 1) * y * num / den if den > 0 else float("nan")
            return d if (math.isfinite(d) and 0 < d < kk) else kk / 2

        discounts.append((pick(1, n2, n1), pick(2, n3, n2), pick(3, n4, n3)))
    return adj, discounts


def prob(adj, discounts, n, V, w, context):
    h = ([V] * (n - 1) + list(context))[-(n - 1):]
    p = 1.0 / V
    for k in range(1, n + 1):
        hk = tuple(h[len(h) - (k - 1):]) if k > 1 else ()
        followers = {g[-1]: c for g, c in adj[k].items() if g[:-1] == hk}
        s = sum(followers.values())
        if s == 0:
            continue
        d1, d2, d3 = discounts[k]
        disc = lambda c: d3 if c >= 3 else (d2 if c == 2 else d1)
        gamma = sum(disc(c) for c in followers.values()) / s
        c = followers.get(w, 0)
        p = (max(c - disc(c), 0) if c > 0 else 0) / s + gamma * p
    return p


def markov_corpus(rng, V, docs, with_prompts):
    # A skewed first-order chain so that counts of 1, 2, 3 and 4+ all occur.
    weights = [[rng.random() ** 3 for _ in range(V)] for _ in range(V)]
    out = []
    for _ in range(docs):
        prompt = [rng.randrange(V) for _ in range(rng.randrange(0, 4))] if with_prompts else []
        t = rng.randrange(V)
        completion = []
        for _ in range(rng.randrange(1, 14)):
            t = rng.choices(range(V), weights[t])[0]
            completion.append(t)
        out.append((prompt, completion))
    return out


def case(name, n, V, docs, rng):
    adj, discounts = train(docs, n, V)
    contexts = [[], [docs[0][1][0]], list(docs[1][1][:3]), [V - 1] * 4,
                [rng.randrange(V) for _ in range(6)], list(docs[2][0] + docs[2][1])[:5]]
    dists = [[prob(adj, discounts, n, V, w, c) for w in range(V)] for c in contexts]
    held_out = [rng.randrange(V) for _ in range(12)]
    logp = sum(math.log(prob(adj, discounts, n, V, held_out[i], held_out[:i]))
               for i in range(2, len(held_out)))
    return {
        "name": name, "order": n, "vocabulary_size": V,
        "documents": [{"prompt_ids": p, "completion_ids": c} for p, c in docs],
        "discounts": [list(d) for d in discounts[1:]],
        "ngram_counts": [len(adj[k]) for k in range(1, n + 1)],
        "contexts": contexts, "distributions": dists,
        "held_out": held_out, "held_out_prompt_length": 2, "held_out_log_probability": logp,
    }


def main():
    rng = random.Random(20240607)
    cases = [
        case("bigram", 2, 7, markov_corpus(rng, 7, 30, False), rng),
        case("trigram with prompts", 3, 12, markov_corpus(rng, 12, 60, True), rng),
        case("5-gram", 5, 9, markov_corpus(rng, 9, 80, True), rng),
        case("tiny (fallback discounts)", 3, 5, [([], [1, 2, 3]), ([4], [1, 2]), ([0, 0], [3])], rng),
    ]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "Tests/HallmarkStudentsTests/Fixtures/kn-reference.json")
    with open(path, "w") as f:
        json.dump({"generator": "scripts/make-kn-fixtures.py", "cases": cases}, f)
        f.write("\n")
    print(path)


if __name__ == "__main__":
    main()
