#!/usr/bin/env python3
"""Reference for the Llama engine: Hugging Face `transformers` loads the SmolLM2 GGUF
(dequantized to float32, CPU) and, for each prompt of
Tests/HallmarkModelsTests/Fixtures/prompt-ids.json (fed as token ids, since transformers'
conversion of the GGUF tokenizer is lossy), writes the greedy 32-token continuation, the
top-1/top-2 logit gap at each step, and the first-step logits of a fixed subset of ids (the 64
highest plus every 97th id) to Tests/HallmarkModelsTests/Fixtures/reference-transformers.json.

Run: .cache/venv-ref/bin/python scripts/make-reference-logits.py
(venv: python3 -m venv .cache/venv-ref && .cache/venv-ref/bin/pip install torch transformers gguf numpy)
"""
import json
import pathlib
import subprocess

import torch
import transformers
from transformers import AutoModelForCausalLM

root = pathlib.Path(__file__).resolve().parent.parent
model_path = root / subprocess.run([str(root / "scripts/fetch-model")], check=True,
                                   capture_output=True, text=True, cwd=root).stdout.strip()
torch.manual_seed(0)
torch.set_num_threads(2)
model = AutoModelForCausalLM.from_pretrained(str(model_path.parent), gguf_file=model_path.name,
                                             dtype=torch.float32)
model.eval()
prompts = json.loads((root / "Tests/HallmarkModelsTests/Fixtures/prompt-ids.json").read_text())["prompts"]
steps = 32
records = []
with torch.no_grad():
    for p in prompts:
        ids = list(p["ids"])
        generated, gaps, first = [], [], None
        past = None
        inp = torch.tensor([ids])
        for step in range(steps):
            out = model(input_ids=inp, past_key_values=past, use_cache=True)
            past = out.past_key_values
            logits = out.logits[0, -1].float()
            if step == 0:
                first = logits.clone()
            top2 = torch.topk(logits, 2)
            token = int(top2.indices[0])
            gaps.append(float(top2.values[0] - top2.values[1]))
            generated.append(token)
            inp = torch.tensor([[token]])
        top = torch.topk(first, 64).indices.tolist()
        subset = sorted(set(top) | set(range(0, first.numel(), 97)))
        records.append({
            "prompt": p["ids"], "greedy": generated, "gaps": gaps,
            "logitIds": subset, "logits": [float(first[i]) for i in subset],
        })
        print(len(records), p["text"][-40:].replace("\n", " "), generated[:8])
path = root / "Tests/HallmarkModelsTests/Fixtures/reference-transformers.json"
path.write_text(json.dumps({
    "generator": f"transformers {transformers.__version__}, torch {torch.__version__}, float32 CPU",
    "model": model_path.name, "steps": steps, "records": records}, separators=(",", ":")) + "\n")
print(path, path.stat().st_size)
