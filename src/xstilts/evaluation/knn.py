"""Exact cosine k-nearest-neighbour search in blocks (no faiss).

XTREME's retrieval uses an exact faiss index over L2-normalised vectors (XTREME_SPEC.md
§4.1-4.3). Here the similarity matrix is computed one (query block × key block) tile at a
time and only the running top-k per query is kept, so memory stays at
`block_size × key_block_size` floats whatever the corpus size (BUCC sides hold 10^4-10^5
sentences; a full 10^5 × 10^5 float32 matrix would be 40 GB).
"""

from __future__ import annotations

import numpy as np
import torch

BLOCK_SIZE = 4096
KEY_BLOCK_SIZE = 16384


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (float32), so inner product = cosine. Zero rows stay zero."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, np.finfo(np.float32).tiny)


def cosine_topk(
    queries: np.ndarray,
    keys: np.ndarray,
    k: int,
    block_size: int = BLOCK_SIZE,
    key_block_size: int = KEY_BLOCK_SIZE,
    device: str | torch.device = "cpu",
) -> tuple[np.ndarray, np.ndarray]:
    """For each query row, the k largest inner products with the key rows.

    Inputs should already be L2-normalised (then these are cosines). Returns
    `(similarities, indices)`, both `(num_queries, k)`, best first; k is capped at the
    number of keys.
    """
    if queries.ndim != 2 or keys.ndim != 2 or queries.shape[1] != keys.shape[1]:
        raise ValueError(f"queries {queries.shape} and keys {keys.shape} must be (n, d) and (m, d)")
    if k < 1 or keys.shape[0] == 0:
        raise ValueError(f"need k >= 1 and at least one key (k={k}, keys={keys.shape[0]})")
    k = min(k, keys.shape[0])
    key_t = torch.as_tensor(np.ascontiguousarray(keys, dtype=np.float32), device=device)
    out_sim = np.empty((queries.shape[0], k), dtype=np.float32)
    out_idx = np.empty((queries.shape[0], k), dtype=np.int64)
    with torch.inference_mode():
        for q0 in range(0, queries.shape[0], block_size):
            block = torch.as_tensor(
                np.ascontiguousarray(queries[q0 : q0 + block_size], dtype=np.float32),
                device=device,
            )
            best_sim: torch.Tensor | None = None
            best_idx: torch.Tensor | None = None
            for k0 in range(0, key_t.shape[0], key_block_size):
                sim = block @ key_t[k0 : k0 + key_block_size].T
                tile_sim, tile_idx = sim.topk(min(k, sim.shape[1]), dim=1)
                tile_idx += k0
                if best_sim is None or best_idx is None:
                    best_sim, best_idx = tile_sim, tile_idx
                    continue
                merged_sim = torch.cat([best_sim, tile_sim], dim=1)
                merged_idx = torch.cat([best_idx, tile_idx], dim=1)
                best_sim, pick = merged_sim.topk(k, dim=1)
                best_idx = merged_idx.gather(1, pick)
            assert best_sim is not None and best_idx is not None
            out_sim[q0 : q0 + block.shape[0]] = best_sim.cpu().numpy()
            out_idx[q0 : q0 + block.shape[0]] = best_idx.cpu().numpy()
    return out_sim, out_idx
