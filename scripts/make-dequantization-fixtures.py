#!/usr/bin/env python3
"""Writes Tests/GGUFTests/Fixtures/dequantization.json with the Python `gguf` package's
dequantization as the reference:

- `blocks`: random blocks of every dequantizable type (scale fields set to finite f16 values),
  their bytes in hex and the reference floats;
- `tensors`: the first rows of real tensors of the SmolLM2 GGUF (Q8_0, Q4_1, F32).

Run: .cache/venv-ref/bin/python scripts/make-dequantization-fixtures.py
(the venv needs `pip install gguf numpy`; the model comes from scripts/fetch-model).
"""
import importlib.metadata
import json
import pathlib
import subprocess

import numpy as np
from gguf import GGUFReader
from gguf.constants import GGML_QUANT_SIZES, GGMLQuantizationType as T
from gguf.quants import dequantize

root = pathlib.Path(__file__).resolve().parent.parent
rng = np.random.default_rng(20250101)


def f16_bytes(lo, hi, n):
    vals = rng.uniform(lo, hi, n) * rng.choice([-1, 1], n)
    return np.asarray(vals, dtype=np.float16).view(np.uint8)


def random_block(t):
    block, size = GGML_QUANT_SIZES[t]
    b = rng.integers(0, 256, size, dtype=np.uint8)
    if t == T.F16:
        b = f16_bytes(0.0, 4.0, 1)
    elif t == T.BF16:
        b = np.asarray([rng.uniform(-4, 4)], dtype=np.float32).view(np.uint16)[1:].view(np.uint8)
    elif t == T.F32:
        b = np.asarray([rng.uniform(-4, 4)], dtype=np.float32).view(np.uint8)
    elif t in (T.Q8_0, T.Q4_0):
        b[0:2] = f16_bytes(0.001, 0.1, 1)
    elif t == T.Q4_1:
        b[0:4] = f16_bytes(0.001, 0.1, 2)
    elif t == T.Q4_K:
        b[0:4] = f16_bytes(0.001, 0.1, 2)
    elif t == T.Q6_K:
        b[208:210] = f16_bytes(0.0001, 0.01, 1)
    return b


blocks = []
for t in (T.F32, T.F16, T.BF16, T.Q8_0, T.Q4_0, T.Q4_1, T.Q4_K, T.Q6_K):
    per = GGML_QUANT_SIZES[t][0]
    count = 3 if per > 1 else 8  # three blocks, or eight scalars
    raw = np.concatenate([random_block(t) for _ in range(count)])
    values = dequantize(raw, t).reshape(-1).astype(np.float32)
    blocks.append({"type": t.name, "hex": raw.tobytes().hex(), "values": [float(v) for v in values]})

model = subprocess.run(
    [str(root / "scripts/fetch-model")], check=True, capture_output=True, text=True, cwd=root
).stdout.strip()
reader = GGUFReader(root / model)
tensors = []
for name, rows in (("token_embd.weight", 2), ("blk.0.attn_q.weight", 2), ("blk.29.ffn_down.weight", 1),
                   ("blk.0.attn_norm.weight", 1)):
    t = next(t for t in reader.tensors if t.name == name)
    full = dequantize(t.data, t.tensor_type)
    values = full.reshape(-1, int(t.shape[0]))[:rows].reshape(-1).astype(np.float32)
    tensors.append({"name": name, "type": t.tensor_type.name, "rows": rows,
                    "values": [float(v) for v in values]})

out = root / "Tests/GGUFTests/Fixtures/dequantization.json"
out.write_text(json.dumps({"generator": "gguf " + importlib.metadata.version("gguf"), "blocks": blocks, "tensors": tensors}, separators=(",", ":")) + "\n")
print(out, out.stat().st_size, "bytes")
