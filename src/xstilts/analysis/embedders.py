"""Sentence embedders for the similarity analysis: injected, so analysis never loads a model itself.

`--embedder hashed-bow` is a model-free stand-in (hashed bag of words) for runs without an
encoder, e.g. tests; it measures lexical, not semantic, similarity and the report says which
embedder produced its numbers. `--embedder package.module:name` names any function
texts -> (n, d) array, or with `--embedder-arg A` a factory called as name(A) that returns one
(e.g. a factory that loads the pretrained encoder from a checkpoint folder).
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Sequence

import numpy as np

from xstilts.analysis.similarity import Embedder
from xstilts.analysis.vocabulary import words

HASHED_BOW = "hashed-bow"


def hashed_bow_embedder(dim: int = 256) -> Embedder:
    """Unit-length hashed word counts; crc32 keeps buckets stable across processes (hash() is not)."""

    def embed(texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), dim))
        for row, text in enumerate(texts):
            for word in words(text):
                out[row, zlib.crc32(word.encode("utf-8")) % dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    return embed


def load_embedder(spec: str, arg: str | None = None) -> Embedder:
    """`hashed-bow`, or `module:attribute` (a function, or a factory when `arg` is given)."""
    if spec == HASHED_BOW:
        return hashed_bow_embedder()
    module_name, sep, attr = spec.partition(":")
    if not sep or not attr:
        raise ValueError(f"--embedder {spec!r}: expected '{HASHED_BOW}' or 'package.module:function'")
    obj = getattr(importlib.import_module(module_name), attr)
    return obj(arg) if arg is not None else obj
