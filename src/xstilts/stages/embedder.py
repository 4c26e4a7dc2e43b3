"""The report's sentence embedder: mean-pooled hidden states of the *pretrained* encoder
(the domain-similarity measures must be computable before any training, so the model is the
starting checkpoint, not a fine-tuned one). Layer: the retrieval default (14 of 24, scaled)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def mean_pooled(model_dir: str) -> Callable[[Sequence[str]], np.ndarray]:
    from xstilts.evaluation.embedding import embed_sentences, load_encoder, resolve_layer
    from xstilts.training.device import pick_device

    model, tokenizer = load_encoder(model_dir, pick_device("auto"))
    layer = resolve_layer(model.config.num_hidden_layers)

    def embed(texts: Sequence[str]) -> np.ndarray:
        return embed_sentences(model, tokenizer, list(texts), [layer], "mean", 128)[layer]

    return embed
