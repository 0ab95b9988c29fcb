#!/usr/bin/env python3
"""Encode throughput on one thread, side by side: Hallmark (Swift), Hugging Face `tokenizers`
(Rust) and, where it can load the vocabulary, `tiktoken` (Rust), on the parity corpus.

Run through Benchmarks/tokenizer-throughput.sh (sets up the venv and builds hallmark-bench).
Every tool encodes each corpus document separately (821 calls, 1.15 MB), best of 3 runs. The
`tokenizers` and `tiktoken` runs use the same vocabulary rebuilt from the GGUF file; the
"ids equal" column says whether their ids equal llama.cpp's expected ids on the corpus.
"""
import gzip, json, os, subprocess, sys, time

os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["RAYON_NUM_THREADS"] = "1"
root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
fx = os.path.join(root, "Tests/HallmarkTextTests/Fixtures/parity")
corpus_jsonl = os.path.join(root, ".cache/parity-corpus.jsonl")
docs = [json.loads(l) for l in open(corpus_jsonl, encoding="utf-8")]
nbytes = sum(len(d.encode()) for d in docs)
bench = os.path.join(root, ".build/release/hallmark-bench")

def expected(name):
    return [list(map(int, l.split())) for l in gzip.open(os.path.join(fx, name), "rt")]

def best_of(f, n=3):
    best = 1e9
    for _ in range(n):
        t = time.perf_counter(); f(); best = min(best, time.perf_counter() - t)
    return nbytes / best / 1e6

def swift(path):
    out = subprocess.check_output([bench, "tokenize", "--tokenizer", path, "--corpus", corpus_jsonl], text=True)
    return float(out.split()[0])

def gguf_vocab(path):
    import gguf
    r = gguf.GGUFReader(path)
    def field(k):
        f = r.fields[k]
        return [bytes(f.parts[i]).decode("utf-8") for i in f.data]
    return field("tokenizer.ggml.tokens"), field("tokenizer.ggml.merges")

def byte_decoder():
    bs = list(range(0x21, 0x7F)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    cs = bs[:]; n = 0
    for b in range(256):
        if b not in bs: bs.append(b); cs.append(256 + n); n += 1
    return {chr(c): b for b, c in zip(bs, cs)}

LLAMA3 = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
QWEN2 = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"

def hf_from_gguf(path, kind):
    from tokenizers import Tokenizer, Regex, models, pre_tokenizers
    tokens, merges = gguf_vocab(path)
    vocab = {t: i for i, t in enumerate(tokens)}
    tok = Tokenizer(models.BPE(vocab=vocab, merges=[tuple(m.split(" ", 1)) for m in merges], ignore_merges=(kind == "llama3")))
    if kind == "smollm":
        tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
    else:
        pat = LLAMA3 if kind == "llama3" else QWEN2
        tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(pat), behavior="isolated"), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    return tok

def tiktoken_from_gguf(path, pat):
    import tiktoken
    tokens, _ = gguf_vocab(path)
    dec = byte_decoder()
    ranks = {}
    for i, t in enumerate(tokens):
        try: b = bytes(dec[c] for c in t)
        except KeyError: continue
        ranks.setdefault(b, i)
    return tiktoken.Encoding(name="x", pat_str=pat.replace("(?i:'s|'t|'re|'ve|'m|'ll|'d)", "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"), mergeable_ranks=ranks, special_tokens={})

rows = []
cases = [
    ("SmolLM2-135M (smollm)", os.path.join(root, ".cache/models/SmolLM2-135M-Instruct.Q4_1.gguf"), "smollm", None, "ids-llama-smollm2.txt.gz"),
    ("llama-bpe (Llama 3)", os.path.join(root, ".cache/llama-vocab/ggml-vocab-llama-bpe.gguf"), "llama3", LLAMA3, "ids-llama-llama-bpe.txt.gz"),
    ("qwen2", os.path.join(root, ".cache/llama-vocab/ggml-vocab-qwen2.gguf"), "qwen2", QWEN2, "ids-llama-qwen2.txt.gz"),
]
for label, path, kind, pat, exp in cases:
    e = expected(exp)
    hf = hf_from_gguf(path, kind)
    hf_same = all(hf.encode(d, add_special_tokens=False).ids == x for d, x in zip(docs, e))
    hf_mbs = best_of(lambda: [hf.encode(d, add_special_tokens=False) for d in docs])
    tk_mbs = tk_same = None
    if pat:
        tk = tiktoken_from_gguf(path, pat)
        tk_same = all(tk.encode_ordinary(d) == x for d, x in zip(docs, e))
        tk_mbs = best_of(lambda: [tk.encode_ordinary(d) for d in docs])
    rows.append((label, swift(path), hf_mbs, hf_same, tk_mbs, tk_same))

from tokenizers import Tokenizer
for name in ["gpt2", "llama3", "spm", "qwen2nfc"]:
    js = gzip.open(os.path.join(fx, f"hf-{name}.tokenizer.json.gz"), "rt", encoding="utf-8").read()
    p = os.path.join(root, f".cache/hf-{name}.tokenizer.json")
    open(p, "w", encoding="utf-8").write(js)
    t = Tokenizer.from_str(js)
    rows.append((f"trained tokenizer.json: {name}", swift(p), best_of(lambda: [t.encode(d, add_special_tokens=False) for d in docs]), True, None, None))

fmt = lambda v: "-" if v is None else f"{v:.2f}"
print(f"corpus: {len(docs)} documents, {nbytes} bytes; one thread; MB/s, best of 3\n")
print("| vocabulary | hallmark | tokenizers | hallmark / tokenizers | tiktoken | hallmark / tiktoken | ids equal llama.cpp (tokenizers / tiktoken) |")
print("|---|---|---|---|---|---|---|")
for label, s, h, hs, k, ks in rows:
    print(f"| {label} | {s:.2f} | {h:.2f} | {s / h:.2f}x | {fmt(k)} | {'-' if k is None else f'{s / k:.2f}x'} | {hs} / {'-' if ks is None else ks} |")
