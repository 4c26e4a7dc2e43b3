"""Tatoeba: top-1 cosine retrieval from English into the non-English side (XTREME_SPEC.md §4.2).

The English sentences are the queries, in XTREME's sorted order, and each prediction is
the 0-based position of the nearest non-English sentence; no margin, no hubness correction.
"""

from __future__ import annotations

import numpy as np
import torch

from xstilts.evaluation.knn import BLOCK_SIZE, cosine_topk, l2_normalize


def tatoeba_predictions(
    source_embeddings: np.ndarray,
    english_embeddings: np.ndarray,
    block_size: int = BLOCK_SIZE,
    device: str | torch.device = "cpu",
) -> list[int]:
    """For each English row, the index of the most cosine-similar non-English row."""
    _, index = cosine_topk(
        l2_normalize(english_embeddings),
        l2_normalize(source_embeddings),
        k=1,
        block_size=block_size,
        device=device,
    )
    return [int(i) for i in index[:, 0]]
