"""Batched greedy decoding with llama.cpp (llama-cpp-python's low-level API): the peer engine
for Benchmarks/engine-vs-llama-cpp and scripts/make-llama-cpp-reference.py."""
import ctypes

import llama_cpp as L
import numpy as np


class Engine:
    def __init__(self, path, threads=2, sequences=1, context=4096):
        L.llama_backend_init()
        mp = L.llama_model_default_params()
        self.model = L.llama_model_load_from_file(path.encode(), mp)
        cp = L.llama_context_default_params()
        cp.n_ctx = context
        cp.n_batch = 2048
        cp.n_ubatch = 512
        cp.n_seq_max = max(sequences, 1)
        cp.n_threads = threads
        cp.n_threads_batch = threads
        self.ctx = L.llama_init_from_model(self.model, cp)
        self.vocab = L.llama_vocab_n_tokens(L.llama_model_get_vocab(self.model))
        self.batch = L.llama_batch_init(2048, 0, 1)

    def reset(self):
        L.llama_memory_clear(L.llama_get_memory(self.ctx), True)

    def decode(self, items):
        """items: list of (sequence, position, token, wants_logits). Returns the logits rows
        (numpy) of the items that asked for them, in order."""
        b = self.batch
        b.n_tokens = len(items)
        for i, (s, p, t, want) in enumerate(items):
            b.token[i] = t
            b.pos[i] = p
            b.n_seq_id[i] = 1
            b.seq_id[i][0] = s
            b.logits[i] = 1 if want else 0
        rc = L.llama_decode(self.ctx, b)
        if rc != 0:
            raise RuntimeError(f"llama_decode returned {rc}")
        out = []
        for i, (_, _, _, want) in enumerate(items):
            if want:
                ptr = L.llama_get_logits_ith(self.ctx, i)
                out.append(np.ctypeslib.as_array(ptr, shape=(self.vocab,)).copy())
        return out

    def greedy(self, prompts, steps):
        """Greedy continuations of all prompts decoded as one batch; also the first logits."""
        self.reset()
        items = []
        for s, p in enumerate(prompts):
            items += [(s, j, t, j == len(p) - 1) for j, t in enumerate(p)]
        logits = self.decode(items)
        first = [l.copy() for l in logits]
        out = [[] for _ in prompts]
        for step in range(steps):
            nxt = [int(np.argmax(l)) for l in logits]
            for s, t in enumerate(nxt):
                out[s].append(t)
            if step + 1 < steps:
                logits = self.decode([(s, len(p) + step, t, True) for s, (p, t) in enumerate(zip(prompts, nxt))])
        return out, first
