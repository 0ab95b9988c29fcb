#!/usr/bin/env python3
"""Tokenizes scripts/reference-prompts.json with llama.cpp (llama-cpp-python, the canonical
SmolLM2 tokenizer with its `smollm` pre-tokenizer) and writes
Tests/HallmarkModelsTests/Fixtures/prompt-ids.json.

Run: .cache/venv-llama/bin/python scripts/make-prompt-ids.py   (venv from scripts/setup-llama-venv)
"""
import json
import pathlib
import subprocess

from llama_cpp import Llama

root = pathlib.Path(__file__).resolve().parent.parent
model = subprocess.run([str(root / "scripts/fetch-model")], check=True, capture_output=True,
                       text=True, cwd=root).stdout.strip()
llm = Llama(model_path=str(root / model), vocab_only=True, verbose=False)
system = "You are a helpful AI assistant named SmolLM, trained by Hugging Face"
out = []
for p in json.loads((root / "scripts/reference-prompts.json").read_text())["prompts"]:
    text = p["text"]
    if p["chat"]:
        text = (f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{text}<|im_end|>\n"
                "<|im_start|>assistant\n")
    ids = llm.tokenize(text.encode(), add_bos=False, special=True)
    out.append({"text": text, "chat": p["chat"], "ids": ids})
path = root / "Tests/HallmarkModelsTests/Fixtures/prompt-ids.json"
path.write_text(json.dumps({"tokenizer": "llama.cpp via llama-cpp-python", "prompts": out}, indent=1) + "\n")
print(path)
