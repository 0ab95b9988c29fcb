#!/usr/bin/env python3
"""Makes the expected token ids for the parity corpus.

- llama.cpp (llama-cpp-python 0.3.36, vocab_only=True, add_bos=False, special=False) for the
  GGUF vocabularies of SmolLM2-135M-Instruct, qwen2 and llama-bpe;
- Hugging Face `tokenizers` for small BPE tokenizers trained here on the corpus
  (GPT-2 style, Llama-3 style with ignore_merges and a BOS template, SentencePiece-style with
  byte fallback, Qwen2 style with NFC), saved as tokenizer.json.

Run with the reference venv: .cache/venv-ref/bin/python scripts/text-parity/make_expected.py
Outputs gzip files next to the corpus: one line of space-separated ids per document.
"""
import gzip, json, os, sys

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
fx = os.path.join(root, "Tests/HallmarkTextTests/Fixtures/parity")
docs = [json.loads(l) for l in gzip.open(os.path.join(fx, "corpus.jsonl.gz"), "rt", encoding="utf-8")]

def write_ids(name, rows):
    with gzip.GzipFile(os.path.join(fx, name), "wb", mtime=0) as f:
        for r in rows:
            f.write((" ".join(map(str, r)) + "\n").encode())
    print(name, sum(map(len, rows)), "tokens")

def llama_cpp():
    import llama_cpp
    vocabs = {
        "smollm2": os.path.join(root, ".cache/models/SmolLM2-135M-Instruct.Q4_1.gguf"),
        "qwen2": os.path.join(root, ".cache/llama-vocab/ggml-vocab-qwen2.gguf"),
        "llama-bpe": os.path.join(root, ".cache/llama-vocab/ggml-vocab-llama-bpe.gguf"),
    }
    for name, path in vocabs.items():
        llm = llama_cpp.Llama(model_path=path, vocab_only=True, verbose=False)
        rows = [llm.tokenize(d.encode("utf-8"), add_bos=False, special=False) for d in docs]
        write_ids(f"ids-llama-{name}.txt.gz", rows)

def hf():
    from tokenizers import Tokenizer, Regex, models, normalizers, pre_tokenizers, processors, trainers, AddedToken
    train = docs[: len(docs) // 2]
    llama3_pattern = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
    qwen2_pattern = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
    made = {}

    # GPT-2 style: ByteLevel(add_prefix_space=True) with the GPT-2 regex.
    t = Tokenizer(models.BPE())
    t.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
    t.post_processor = processors.ByteLevel(trim_offsets=False)
    t.train_from_iterator(train, trainers.BpeTrainer(vocab_size=4000, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), special_tokens=["<|endoftext|>"], show_progress=False))
    t.add_tokens([AddedToken("hallmark", lstrip=True, rstrip=False, normalized=True)])
    made["gpt2"] = t

    # Llama-3 style: Split(llama3 regex) + ByteLevel(no regex), ignore_merges, BOS template.
    t = Tokenizer(models.BPE(ignore_merges=True))
    t.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(llama3_pattern), behavior="isolated"), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    t.train_from_iterator(train, trainers.BpeTrainer(vocab_size=6000, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), special_tokens=["<|begin_of_text|>", "<|end_of_text|>"], show_progress=False))
    t.add_special_tokens([AddedToken("<|im_start|>", special=True, normalized=False), AddedToken("<tool>", special=True, lstrip=True, rstrip=True, normalized=False)])
    bos = t.token_to_id("<|begin_of_text|>")
    t.post_processor = processors.TemplateProcessing(single="<|begin_of_text|> $A", special_tokens=[("<|begin_of_text|>", bos)])
    made["llama3"] = t

    # SentencePiece style: Prepend/Replace normalizer, no pre-tokenizer, byte fallback.
    t = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    t.normalizer = normalizers.Sequence([normalizers.Prepend("\u2581"), normalizers.Replace(" ", "\u2581")])
    t.train_from_iterator(train, trainers.BpeTrainer(vocab_size=3000, special_tokens=["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)], limit_alphabet=300, show_progress=False))
    made["spm"] = t

    # Qwen2 style with an NFC normalizer and single digits.
    t = Tokenizer(models.BPE())
    t.normalizer = normalizers.NFC()
    t.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(qwen2_pattern), behavior="isolated"), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    t.train_from_iterator(train, trainers.BpeTrainer(vocab_size=5000, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"], show_progress=False))
    made["qwen2nfc"] = t

    for name, t in made.items():
        path = os.path.join(fx, f"hf-{name}.tokenizer.json.gz")
        js = t.to_str()
        # Byte-fallback tokens were trained as specials; make them plain vocabulary entries as in
        # Llama-2's tokenizer.json.
        if name == "spm":
            j = json.loads(js)
            j["added_tokens"] = [a for a in j["added_tokens"] if not a["content"].startswith("<0x")]
            js = json.dumps(j, ensure_ascii=False)
            t = Tokenizer.from_str(js)
        with gzip.GzipFile(path, "wb", mtime=0) as f:
            f.write(js.encode("utf-8"))
        rows = [t.encode(d, add_special_tokens=True).ids for d in docs]
        write_ids(f"ids-hf-{name}.txt.gz", rows)

def hf_smollm2():
    """A real-size tokenizer.json: SmolLM2's GGUF vocabulary and merges with its Hugging Face
    pre-tokenizer (Digits(individual) + ByteLevel), encoded by `tokenizers`."""
    import gguf
    from tokenizers import Tokenizer, models, pre_tokenizers, decoders
    r = gguf.GGUFReader(os.path.join(root, ".cache/models/SmolLM2-135M-Instruct.Q4_1.gguf"))
    field = lambda k: [bytes(r.fields[k].parts[i]).decode("utf-8") for i in r.fields[k].data]
    tokens, merges = field("tokenizer.ggml.tokens"), field("tokenizer.ggml.merges")
    t = Tokenizer(models.BPE(vocab={w: i for i, w in enumerate(tokens)}, merges=[tuple(m.split(" ", 1)) for m in merges]))
    t.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
    t.decoder = decoders.ByteLevel()
    with gzip.GzipFile(os.path.join(fx, "hf-smollm2.tokenizer.json.gz"), "wb", mtime=0) as f:
        f.write(t.to_str().encode("utf-8"))
    write_ids("ids-hf-smollm2.txt.gz", [t.encode(d, add_special_tokens=True).ids for d in docs])

if __name__ == "__main__":
    what = sys.argv[1:] or ["llama", "hf", "hf-smollm2"]
    if "hf-smollm2" in what: hf_smollm2()
    if "hf" in what: hf()
    if "llama" in what: llama_cpp()
