#!/usr/bin/env bash
# Builds the reference venv used to regenerate the parity fixtures (.cache/venv-ref):
# llama-cpp-python 0.3.36 built from source (about 8 minutes on 2 cores), tokenizers,
# tiktoken and gguf. Then: .cache/venv-ref/bin/python scripts/text-parity/make_corpus.py \
#   Tests/HallmarkTextTests/Fixtures/parity/corpus.jsonl.gz
# and .cache/venv-ref/bin/python scripts/text-parity/make_expected.py (after scripts/fetch-*).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.cache/venv-ref
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet tokenizers==0.23.3 tiktoken==0.14.0 gguf numpy
CMAKE_BUILD_PARALLEL_LEVEL=2 "$venv/bin/pip" install --quiet llama-cpp-python==0.3.36 \
  --no-binary llama-cpp-python
