"""An independent Python implementation of Spec/ (format version 1), written from the Spec
alone. It generates Vectors/*.json (scripts/make-vectors.py); the Swift tests reproduce them.
Needs: cryptography, numpy, mpmath."""
import hashlib
import hmac
import math
import struct

import numpy as np
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def hkdf(ikm: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def commitment(secret: bytes) -> str:
    return hmac.new(secret, b"hallmark/v1/commitment", hashlib.sha256).hexdigest()


def key_id(secret: bytes) -> str:
    return "hk-" + commitment(secret)[:16]


def account_secret(master: bytes, account: str) -> bytes:
    return hkdf(master, b"hallmark/v1/account", account.encode("utf-8"), 32)


class PRF:
    def __init__(self, secret: bytes, domain: str):
        salt = b"hallmark/v1/prf"
        self.context_key = hkdf(secret, salt, (domain + "/context").encode(), 16)
        self.expand_key = hkdf(secret, salt, (domain + "/expand").encode(), 16)
        self._ctx = Cipher(algorithms.AES(self.context_key), modes.ECB()).encryptor()
        self._exp = Cipher(algorithms.AES(self.expand_key), modes.ECB()).encryptor()

    def seed(self, window) -> int:
        m = struct.pack("<I", len(window)) + b"".join(struct.pack("<I", w) for w in window)
        m += b"\0" * (-len(m) % 16)
        x = bytes(16)
        for j in range(0, len(m), 16):
            block = bytes(a ^ b for a, b in zip(x, m[j:j + 16]))
            x = self._ctx.update(block)
        return struct.unpack("<Q", x[:8])[0]

    def word(self, seed: int, token: int) -> int:
        block = self._exp.update(struct.pack("<Q", seed) + struct.pack(">Q", token // 4))
        lane = token % 4
        return struct.unpack("<I", block[4 * lane:4 * lane + 4])[0]

    def words(self, seed: int, count: int):
        return [self.word(seed, c) for c in range(count)]


# ---- schemes -------------------------------------------------------------------------

def green_threshold(gamma: float) -> int:
    return math.floor(gamma * 4294967296.0)


def scheme_domain(scheme: dict) -> str:
    return scheme["name"]


def context_width(scheme: dict) -> int:
    return 0 if scheme["name"] == "unigram" else scheme["contextWidth"]


def kgw_seed_for(prf: PRF, scheme: dict, window, candidate: int) -> int:
    seeding = scheme.get("seeding", "leftHash") if scheme["name"] == "kgw" else "leftHash"
    if seeding == "leftHash":
        return prf.seed(window)
    return min(prf.seed([x]) for x in list(window) + [candidate])


def token_score(prf: PRF, scheme: dict, window, token: int) -> float:
    name = scheme["name"]
    if name in ("kgw", "unigram"):
        s = kgw_seed_for(prf, scheme, window, token)
        return 1.0 if prf.word(s, token) < green_threshold(scheme["greenFraction"]) else 0.0
    s = prf.seed(window)
    w = prf.word(s, token)
    if name == "gumbel":
        return -math.log((4294967296.0 - w - 0.5) / 4294967296.0)
    if name == "synthid":
        m = scheme["layers"]
        return float(bin(w & ((1 << m) - 1)).count("1"))
    raise ValueError(name)


def score_document(secret: bytes, scheme: dict, tokens, prompt_length=0, dedup=True):
    prf = PRF(secret, scheme_domain(scheme))
    h = context_width(scheme)
    first = max(prompt_length, h)
    seen = set()
    scored = duplicates = 0
    total = 0.0
    for i in range(first, len(tokens)):
        window = tokens[i - h:i]
        key = (tuple(window), tokens[i])
        if dedup and key in seen:
            duplicates += 1
            continue
        seen.add(key)
        scored += 1
        total += token_score(prf, scheme, window, tokens[i])
    return {"tokens": len(tokens), "scored": scored, "duplicates": duplicates,
            "unscored": len(tokens) - max(0, len(tokens) - first), "score": total}


def log10_p(scheme: dict, score: float, scored: int) -> float:
    import mpmath as mp
    mp.mp.dps = 60
    if scored == 0:
        return 0.0
    name = scheme["name"]
    if name == "gumbel":
        q = mp.gammainc(scored, a=score, b=mp.inf, regularized=True)
    else:
        if name == "synthid":
            n, p = scored * scheme["layers"], mp.mpf(1) / 2
        else:
            n, p = scored, mp.mpf(green_threshold(scheme["greenFraction"])) / 4294967296
        k = int(round(score))
        if k <= 0:
            return 0.0
        q = mp.betainc(k, n - k + 1, 0, p, regularized=True)
    return float(mp.log10(q))


# ---- sampling (Spec/sampling.md) -----------------------------------------------------

def candidates(logits32: np.ndarray, top_k: int, top_p: float):
    """Returns (ids ascending, weights float64, margin info)."""
    v = len(logits32)
    ids = list(range(v))
    if 0 < top_k < v:
        order = sorted(range(v), key=lambda c: (-float(logits32[c]), c))
        ids = sorted(order[:top_k])
    mx = max(float(logits32[c]) for c in ids)
    w = {c: float(np.exp(np.float32(logits32[c]) - np.float32(mx))) for c in ids}
    if top_p < 1:
        total = math.fsum(w[c] for c in ids)
        order = sorted(ids, key=lambda c: (-w[c], c))
        mass = 0.0
        kept = []
        for c in order:
            mass += w[c]
            kept.append(c)
            if mass >= top_p * total:
                break
        ids = sorted(kept)
    return ids, [w[c] for c in ids]


def inverse_cdf(ids, weights, r):
    total = 0.0
    for x in weights:
        total += x
    target = r * total
    cum = 0.0
    for c, x in zip(ids, weights):
        cum += x
        if cum > target:
            # Margin: distance of the target from the nearest boundary, relative to total.
            return c
    return ids[-1]


def cdf_margin(weights, r):
    total = sum(weights)
    target = r * total
    cum = 0.0
    best = float("inf")
    for x in weights:
        cum += x
        best = min(best, abs(cum - target) / total)
    return best


def embed(secret: bytes, scheme: dict, logits, context, temperature, top_k, top_p, r):
    """Returns (token, processed logits as float32 list or None, margin)."""
    prf = PRF(secret, scheme_domain(scheme))
    h = context_width(scheme)
    l = np.array(logits, dtype=np.float32)
    if temperature > 0:
        l = (l / np.float32(temperature)).astype(np.float32)
    name = scheme["name"]
    watermark = len(context) >= h
    window = context[len(context) - h:] if h > 0 else []
    if name in ("kgw", "unigram") and watermark:
        thr = green_threshold(scheme["greenFraction"])
        for c in range(len(l)):
            s = kgw_seed_for(prf, scheme, window, c)
            if prf.word(s, c) < thr:
                l[c] = np.float32(l[c] + np.float32(scheme["bias"]))
    if temperature == 0:
        mx = max(range(len(l)), key=lambda c: (float(l[c]), -c))
        return mx, l, float("inf")
    ids, weights = candidates(l, top_k, top_p)
    if name in ("kgw", "unigram") or not watermark:
        return inverse_cdf(ids, weights, r), l, cdf_margin(weights, r)
    s = prf.seed(window)
    if name == "gumbel":
        vals = []
        for c in ids:
            u = (prf.word(s, c) + 0.5) / 4294967296.0
            vals.append((float(l[c]) - math.log(-math.log(u)), c))
        best = max(vals, key=lambda t: (t[0], -t[1]))
        second = max((v for v in vals if v[1] != best[1]), default=(float("-inf"), 0))
        return best[1], l, best[0] - second[0]
    if name == "synthid":
        m = scheme["layers"]
        # Contenders: weight >= 2^-floor (the weights are binary32 values; the largest is 1).
        floor = scheme.get("contenderFloor")
        plays = [floor is None or np.float32(x) >= np.float32(2.0 ** -floor) for x in weights]
        words = [prf.word(s, c) for c, p in zip(ids, plays) if p]
        w = [x for x, p in zip(weights, plays) if p]
        total = 0.0
        for x in w:
            total += x
        for layer in range(m):
            g = 0.0
            for x, wd in zip(w, words):
                if (wd >> layer) & 1:
                    g += x
            share = g / total
            w = [x * ((2 - share) if (wd >> layer) & 1 else (1 - share)) for x, wd in zip(w, words)]
        final = list(weights)
        it = iter(w)
        for i, p in enumerate(plays):
            if p:
                final[i] = next(it)
        return inverse_cdf(ids, final, r), l, cdf_margin(final, r)
    raise ValueError(name)
