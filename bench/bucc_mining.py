"""Time BUCC margin mining (kNN both ways + ratio margin + greedy 1-to-1) on synthetic embeddings.

    .venv/bin/python bench/bucc_mining.py --size 20000 --dims 1024,64 [--device cpu]
    .venv/bin/python -m bench.bucc_mining --size 10000 --dims 1024 --out bench/results.json

Half the source rows are noisy copies of English rows (translations), the rest are
independent; prints one JSON object with the seconds per stage and the pairs recovered.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
from pathlib import Path

import numpy as np
import torch

from xstilts.evaluation.bucc import NEIGHBOURS, greedy_one_to_one, margin_candidates
from xstilts.evaluation.knn import BLOCK_SIZE, KEY_BLOCK_SIZE, cosine_topk, l2_normalize


def synthetic(size: int, dim: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    english = rng.standard_normal((size, dim), dtype=np.float32)
    source = rng.standard_normal((size, dim), dtype=np.float32)
    paired = rng.permutation(size)[: size // 2]  # source row i translates english row paired[i]
    source[: size // 2] = english[paired] + 0.5 * rng.standard_normal((size // 2, dim), dtype=np.float32)
    return source, english, paired


def bench(size: int, dim: int, block_size: int, key_block_size: int, device: str) -> dict[str, object]:
    source, english, paired = synthetic(size, dim, seed=0)
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    x, y = l2_normalize(source), l2_normalize(english)
    fwd = cosine_topk(x, y, NEIGHBOURS, block_size, key_block_size, device)
    bwd = cosine_topk(y, x, NEIGHBOURS, block_size, key_block_size, device)
    t1 = time.perf_counter()
    mined = greedy_one_to_one(margin_candidates(*fwd, *bwd))
    t2 = time.perf_counter()
    truth = {(i, int(j)) for i, j in enumerate(paired)}
    found = {(x_, y_) for _, x_, y_ in mined}
    top = sorted(mined, reverse=True)[: size // 2]  # the best half, where translations should be
    return {
        "n_source": size,
        "n_english": size,
        "dim": dim,
        "device": device,
        "block_size": block_size,
        "key_block_size": key_block_size,
        "knn_seconds": round(t1 - t0, 3),
        "margin_and_greedy_seconds": round(t2 - t1, 3),
        "total_seconds": round(t2 - t0, 3),
        "mined_pairs": len(mined),
        "translations_recovered": len(found & truth),
        "translations_in_top_half": len({(a, b) for _, a, b in top} & truth),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000, help="sentences per side")
    parser.add_argument("--dims", default="1024,64")
    parser.add_argument("--block-size", type=int, default=BLOCK_SIZE)
    parser.add_argument("--key-block-size", type=int, default=KEY_BLOCK_SIZE)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--out", type=Path, default=None,
                        help="also store the first run in this results.json (cpu or gpu section)")
    args = parser.parse_args()
    runs = [bench(args.size, int(d), args.block_size, args.key_block_size, args.device)
            for d in args.dims.split(",")]
    report = {
        "benchmark": "bucc_mining",
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "cpu": platform.processor() or platform.machine(),
        "gpu": torch.cuda.get_device_name() if args.device.startswith("cuda") else None,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "runs": runs,
    }
    print(json.dumps(report, indent=1))
    if args.out:
        from bench import results

        section = "gpu" if args.device.startswith("cuda") else "cpu"
        meta = {k: report[k] for k in ("torch_threads", "peak_rss_mib")}
        results.update(args.out, section, {"bucc_mining": {**runs[0], **meta}})


if __name__ == "__main__":
    main()
