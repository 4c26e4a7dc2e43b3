"""Training throughput of the tiny XLM-R through the real loop (collation, sampler, AdamW).

Prints one JSON object. Steps before `--warmup` are excluded from the timing (allocator and
thread-pool start-up). Example:

    .venv/bin/python bench/train_throughput.py --threads 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

WORDS = "the cat sat on a mat der hund lief im park le chat dort sur le tapis".split()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--seq-len", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--threads", type=int, default=0, help="0 = torch's default")
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--precision", default="auto", choices=["auto", "fp32", "bf16"])
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    import torch
    from datasets import Dataset

    from xstilts.modeling.checkpoint import build_model
    from xstilts.modeling.heads import HeadSpec
    from xstilts.modeling.tiny import TinyModelSpec, build_tiny_model
    from xstilts.training.collate import TokenIds
    from xstilts.training.config import TrainConfig
    from xstilts.training.data import TaskData
    from xstilts.training.loop import train

    if args.threads:
        torch.set_num_threads(args.threads)
    rng = random.Random(0)
    corpus = [" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(200)]
    with tempfile.TemporaryDirectory() as tmp:
        spec = TinyModelSpec(
            hidden_size=args.hidden,
            num_layers=args.layers,
            num_heads=args.heads,
            intermediate_size=4 * args.hidden,
            max_position=max(args.seq_len, 128),
        )
        model_dir = build_tiny_model(corpus, Path(tmp) / "model", spec)
        from transformers import AutoTokenizer

        tokens = TokenIds.from_tokenizer(AutoTokenizer.from_pretrained(model_dir))
        n = args.batch_size * (args.steps + 1)
        # Lengths spread around --seq-len, as real features are: dynamic padding matters.
        lengths = [rng.randint(args.seq_len // 2, args.seq_len) for _ in range(n)]
        features = Dataset.from_dict(
            {
                "input_ids": [
                    [0] + [rng.randrange(4, tokens.vocab_size - 1) for _ in range(k - 2)] + [2]
                    for k in lengths
                ],
                "label": [rng.randrange(3) for _ in range(n)],
            }
        )
        head = HeadSpec("mnli", "classification", 3)
        model = build_model(model_dir, [head])
        config = TrainConfig(
            lr=1e-4,
            batch_size=args.batch_size,
            max_steps=args.steps,
            eval_every=0,
            save_every=0,
            log_every=1,
            device=args.device,
            precision=args.precision,
        )
        # The loop's metrics hook runs once per step (log_every=1) after the optimizer step;
        # it reads grad_norm, which synchronises CUDA, so GPU timings are honest too.
        stamps: list[float] = []
        train(
            model,
            [TaskData("mnli", head, features)],
            config,
            Path(tmp) / "run",
            tokens,
            metrics_callback=lambda step, metrics: stamps.append(time.perf_counter()),
        )
    measured = stamps[args.warmup :]
    seconds = measured[-1] - measured[0]
    steps = len(measured) - 1
    device = (
        "cuda"
        if (args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available()))
        else "cpu"
    )
    print(
        json.dumps(
            {
                "benchmark": "train_throughput",
                "examples_per_second": round(steps * args.batch_size / seconds, 1),
                "ms_per_step": round(1000 * seconds / steps, 2),
                "steps_timed": steps,
                "hidden": args.hidden,
                "layers": args.layers,
                "seq_len_max": args.seq_len,
                "batch_size": args.batch_size,
                "threads": torch.get_num_threads(),
                "device": device,
                "precision": args.precision,
                "torch": torch.__version__,
                "cpu": platform.processor() or platform.machine(),
                # Shared cores: other processes' load changes the figure several-fold.
                "load_average_1min": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
