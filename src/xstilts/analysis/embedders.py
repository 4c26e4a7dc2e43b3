"""Sentence embedders for the similarity analysis: injected, so analysis never loads a model itself.

Chosen by `report.embedder` in params: `pretrained` mean-pools the hidden states of the
*pretrained* encoder (the similarity measures must be computable before any training, so the
model is the starting checkpoint, not a fine-tuned one); `hashed-bow` is a model-free stand-in
(hashed bag of words) that measures lexical, not semantic, similarity; `none` leaves only the
vocabulary measure. The report says which embedder produced its numbers.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

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


EMBEDDERS = ("pretrained", HASHED_BOW, "none")


def embedder_for(name: str, model_dir: Path) -> Embedder | None:
    """The embedder `report.embedder` names; `pretrained` loads the encoder in `model_dir`."""
    if name == HASHED_BOW:
        return hashed_bow_embedder()
    if name == "pretrained":
        return mean_pooled_embedder(model_dir)
    if name == "none":
        return None
    raise ValueError(f"report.embedder {name!r}: expected one of {', '.join(EMBEDDERS)}")


def describe(name: str, model_dir: Path) -> str:
    """How the report names the embedder behind its numbers."""
    return {"pretrained": f"mean-pooled hidden states of the pretrained encoder ({model_dir})",
            HASHED_BOW: "hashed bag of words (lexical, model-free)",
            "none": "none (vocabulary measure only)"}[name]


def mean_pooled_embedder(model_dir: Path) -> Embedder:
    """Mean-pooled hidden states at the retrieval default layer (14 of 24, scaled)."""
    from xstilts.evaluation.embedding import embed_sentences, load_encoder, resolve_layer
    from xstilts.training.device import pick_device

    model, tokenizer = load_encoder(model_dir, pick_device("auto"))
    layer = resolve_layer(model.config.num_hidden_layers)

    def embed(texts: Sequence[str]) -> np.ndarray:
        return embed_sentences(model, tokenizer, list(texts), [layer], "mean", 128)[layer]

    return embed
