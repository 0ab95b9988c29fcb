#!/usr/bin/env python3
"""Writes Vectors/*.json from the independent Python implementation of the Spec
(scripts/reference/hallmark_ref.py). Vectors are frozen once published: rerunning this script
must reproduce the committed files byte for byte (the Swift tests check the values)."""
import hashlib
import json
import os
import random
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "reference"))
import hallmark_ref as ref  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")


def secret(label: str) -> bytes:
    return hashlib.sha256(label.encode()).digest()


def write(name, obj):
    path = os.path.join(ROOT, "Vectors", name)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path)


SCHEMES = [
    {"name": "kgw", "greenFraction": 0.25, "bias": 2.0, "contextWidth": 1, "seeding": "leftHash"},
    {"name": "kgw", "greenFraction": 0.5, "bias": 1.5, "contextWidth": 4, "seeding": "leftHash"},
    {"name": "kgw", "greenFraction": 0.25, "bias": 2.0, "contextWidth": 3, "seeding": "selfHash"},
    {"name": "unigram", "greenFraction": 0.25, "bias": 2.0},
    {"name": "gumbel", "contextWidth": 4},
    {"name": "gumbel", "contextWidth": 1},
    {"name": "synthid", "contextWidth": 4, "layers": 30},
    {"name": "synthid", "contextWidth": 2, "layers": 32},
    # Appended later (a contender floor): earlier cases keep their random draws.
    {"name": "synthid", "contextWidth": 4, "layers": 30, "contenderFloor": 20},
    {"name": "synthid", "contextWidth": 3, "layers": 12, "contenderFloor": 3},
]


def keys_vectors():
    out = {"description": "Key ids, commitments (Spec/keys.md) and per-account secrets.", "keys": [], "accounts": []}
    for label in ["hallmark vector key 1", "hallmark vector key 2"]:
        s = secret(label)
        out["keys"].append({"secret": s.hex(), "commitment": ref.commitment(s), "id": ref.key_id(s)})
    master = secret("hallmark vector master")
    for account in ["alice", "bob@example.com", "账户-7", ""]:
        d = ref.account_secret(master, account)
        out["accounts"].append({"masterSecret": master.hex(), "account": account,
                                "secret": d.hex(), "id": ref.key_id(d)})
    write("keys.json", out)


def prf_vectors():
    rng = random.Random(1)
    out = {"description": "PRF sub-keys, context seeds and expansion words (Spec/prf.md).", "cases": []}
    for domain in ["kgw", "unigram", "gumbel", "synthid"]:
        s = secret("hallmark vector prf " + domain)
        prf = ref.PRF(s, domain)
        seeds = []
        for h in [0, 1, 2, 3, 4, 5, 7, 8, 9]:
            window = [rng.randrange(0, 152064) for _ in range(h)]
            seeds.append({"window": window, "seed": str(prf.seed(window))})
        words = []
        for _ in range(6):
            sd = rng.getrandbits(64)
            toks = [0, 1, 2, 3, 4, 5, 6, 7] + [rng.randrange(0, 152064) for _ in range(8)]
            words.append({"seed": str(sd), "tokens": toks, "words": [prf.word(sd, t) for t in toks]})
        out["cases"].append({"secret": s.hex(), "domain": domain, "contextKey": prf.context_key.hex(),
                             "expandKey": prf.expand_key.hex(), "seeds": seeds, "words": words})
    write("prf.json", out)


def scorer_vectors():
    rng = random.Random(2)
    out = {"description": "Scorers: key + token ids -> scored, duplicates, score, log10 p "
                          "(Spec/schemes.md, detection.md, statistics.md). Seeds are decimal strings.",
           "cases": []}
    for i, scheme in enumerate(SCHEMES):
        s = secret(f"hallmark vector scorer {i}")
        vocab = 1000
        docs = [
            [rng.randrange(vocab) for _ in range(60)],
            [rng.randrange(vocab) for _ in range(5)],
            [7, 8, 9] * 20,
            [],
        ]
        for doc in docs:
            for prompt, dedup in [(0, True), (0, False), (3, True)]:
                if prompt > len(doc):
                    continue
                r = ref.score_document(s, scheme, doc, prompt, dedup)
                r["log10P"] = ref.log10_p(scheme, r["score"], r["scored"])
                prf = ref.PRF(s, ref.scheme_domain(scheme))
                h = ref.context_width(scheme)
                first = max(prompt, h)
                per_token = [ref.token_score(prf, scheme, doc[j - h:j], doc[j]) for j in range(first, len(doc))]
                out["cases"].append({"secret": s.hex(), "scheme": scheme, "vocabularySize": vocab,
                                     "tokens": doc, "promptLength": prompt, "dedup": dedup,
                                     "tokenScores": per_token, "expected": r})
    write("scorers.json", out)


def embedder_vectors():
    rng = np.random.default_rng(3)
    pyrng = random.Random(3)
    out = {"description": "Embedders: key + context + logits + sampling settings + uniform r -> "
                          "token, and processed logits (binary32 bit patterns) for KGW/Unigram "
                          "(Spec/sampling.md, schemes.md).", "cases": []}
    settings_list = [(1.0, 0, 1.0), (0.7, 0, 1.0), (1.0, 10, 1.0), (1.0, 0, 0.9), (1.0, 20, 0.8), (0.0, 0, 1.0)]
    for i, scheme in enumerate(SCHEMES):
        s = secret(f"hallmark vector embedder {i}")
        vocab = 64
        made = 0
        attempts = 0
        while made < 12 and attempts < 200:
            attempts += 1
            temperature, top_k, top_p = settings_list[made % len(settings_list)]
            logits = (rng.standard_normal(vocab) * 3).astype(np.float32)
            context = [pyrng.randrange(vocab) for _ in range(pyrng.choice([0, 1, 2, 5, 6]))]
            r = pyrng.random()
            token, processed, margin = ref.embed(s, scheme, logits, context, temperature, top_k, top_p, r)
            if margin < 1e-4:
                continue  # too close to a boundary to be robust to exp rounding
            case = {"secret": s.hex(), "scheme": scheme, "vocabularySize": vocab,
                    "logits": [int(x) for x in logits.view(np.uint32)],
                    "context": context, "temperature": temperature, "topK": top_k, "topP": top_p,
                    "uniform": r.hex(), "token": int(token)}
            if scheme["name"] in ("kgw", "unigram"):
                case["processedLogits"] = [int(x) for x in np.asarray(processed, dtype=np.float32).view(np.uint32)]
            out["cases"].append(case)
            made += 1
    write("embedders.json", out)


if __name__ == "__main__":
    os.makedirs(os.path.join(ROOT, "Vectors"), exist_ok=True)
    keys_vectors()
    prf_vectors()
    scorer_vectors()
    embedder_vectors()
