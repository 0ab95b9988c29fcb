#!/usr/bin/env python3
"""Regenerates the RFC 8785 (JCS) cross-check fixtures for HallmarkEvidenceTests.

Reference implementation: the PyPI package `rfc8785` (pip install rfc8785==0.1.4).
Writes, deterministically (fixed seed):
  Tests/HallmarkEvidenceTests/Fixtures/jcs-numbers.txt    lines "hex-ieee,expected"
  Tests/HallmarkEvidenceTests/Fixtures/jcs-documents.jsonl lines {"input": text, "canonical": text}
The number file has the same line format as the ES6 number test file of the JCS authors.
"""
import json
import math
import os
import random
import struct

import rfc8785

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "HallmarkEvidenceTests", "Fixtures")
rng = random.Random(8785)


def from_bits(bits):
    return struct.unpack(">d", struct.pack(">Q", bits))[0]


def to_bits(x):
    return struct.unpack(">Q", struct.pack(">d", x))[0]


def number_cases():
    seen = set()
    cases = []

    def add(x):
        if not math.isfinite(x):
            return
        b = to_bits(x)
        if b not in seen:
            seen.add(b)
            cases.append(b)

    for _ in range(6000):  # uniformly random bit patterns: all exponents
        add(from_bits(rng.getrandbits(64)))
    for _ in range(1500):  # random values in the ranges where the layout rules switch
        e = rng.uniform(-9, 23)
        add(rng.choice([1, -1]) * 10**e)
    for _ in range(1000):  # random integers up to and past 2^53
        add(float(rng.getrandbits(rng.randint(1, 70))))
    for _ in range(500):  # short decimals, as a report holds
        add(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))
    for p in range(-330, 310):  # powers of ten and their neighbours
        try:
            x = float(f"1e{p}")
        except OverflowError:
            continue
        for d in (-2, -1, 0, 1, 2):
            b = to_bits(x) + d
            if 0 <= b < 0x7FF0000000000000:
                add(from_bits(b))
    for b in (0, 1, 2, 0x000FFFFFFFFFFFFF, 0x0010000000000000, 0x7FEFFFFFFFFFFFFF):
        add(from_bits(b))
        add(-from_bits(b))
    return cases


def random_string():
    pool = (
        [chr(c) for c in range(0x20)]
        + list("\"\\/ abcXYZ019_-.")
        + ["\u007f", "\u0080", "\u00e9", "\u00f6", "\u20ac", "\u2028", "\ufb33", "\uffff"]
        + ["\U0001f602", "\U00010000", "\U0010ffff", "\u1e0d\u0307"]
    )
    return "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))


def random_value(depth):
    kind = rng.randint(0, 6 if depth < 4 else 3)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return from_bits(rng.choice(NUMBERS))
    if kind == 2:
        return float(rng.randint(-(2**53), 2**53))
    if kind == 3:
        return random_string()
    if kind == 4:
        return [random_value(depth + 1) for _ in range(rng.randint(0, 5))]
    obj = {}
    for _ in range(rng.randint(0, 6)):
        obj[random_string()] = random_value(depth + 1)
    return obj


NUMBERS = number_cases()

with open(os.path.join(OUT, "jcs-numbers.txt"), "w", encoding="utf-8") as f:
    for b in NUMBERS:
        f.write(f"{b:x},{rfc8785.dumps(from_bits(b)).decode('utf-8')}\n")

with open(os.path.join(OUT, "jcs-documents.jsonl"), "w", encoding="utf-8") as f:
    for i in range(400):
        doc = {"case": i, "value": random_value(0)}
        text = json.dumps(
            doc, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1, 2]),
            sort_keys=False,
        )
        canonical = rfc8785.dumps(doc).decode("utf-8")
        f.write(json.dumps({"input": text, "canonical": canonical}, ensure_ascii=True) + "\n")

print(f"{len(NUMBERS)} numbers, 400 documents written to {os.path.normpath(OUT)}")
