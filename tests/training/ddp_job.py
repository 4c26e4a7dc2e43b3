"""A target-sized classification run (global batch 32) that runs alone or as a torchrun rank.

usage: python -m tests.training.ddp_job MODEL_DIR RUN_DIR OUT_DIR [STOP_AT_STEP]
       torchrun --standalone --nproc_per_node 2 -m tests.training.ddp_job ...
Rank 0 writes OUT_DIR/model.safetensors and result.json. STOP_AT_STEP ends rank 0 with exit
code 3 after that step (a preempted job); torchrun then stops the other rank.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import torch
from safetensors.torch import save_file

from tests.training.synthetic import NUM_LABELS, classification, fast_config
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.collate import TokenIds
from xstilts.training.data import TaskData
from xstilts.training.device import Rank
from xstilts.training.distributed import process_group
from xstilts.training.loop import TrainResult, train

HEAD = HeadSpec("cls", "classification", NUM_LABELS)
STEPS, SAVE_EVERY = 6, 3


def run(model_dir: Path, run_dir: Path, stop_at: int | None = None) -> tuple[dict, TrainResult]:
    from transformers import AutoTokenizer

    torch.set_num_threads(1)
    tokens = TokenIds.from_tokenizer(AutoTokenizer.from_pretrained(model_dir))

    def preempt(step: int, metrics: dict) -> None:
        if step == stop_at:
            sys.exit(3)

    config = fast_config(batch_size=32, max_steps=STEPS, save_every=SAVE_EVERY, log_every=1,
                         device="cpu")
    model = build_model(model_dir, [HEAD], seed=config.seed)
    result = train(model, [TaskData("c", HEAD, classification(256, seed=1))], config, run_dir,
                   tokens, metrics_callback=preempt)
    weights = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    return weights, result


def save(out_dir: Path, weights: dict, result: TrainResult) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(weights, out_dir / "model.safetensors")
    payload = {"metrics": result.metrics(), "resumed_from": result.resumed_from,
               "world": Rank.current().world}
    (out_dir / "result.json").write_text(json.dumps(payload))


def main() -> None:
    model_dir, run_dir, out_dir = (Path(a) for a in sys.argv[1:4])
    stop_at = int(sys.argv[4]) if len(sys.argv) > 4 else None
    with process_group():
        weights, result = run(model_dir, run_dir, stop_at)
        if Rank.current().is_main:
            save(out_dir, weights, result)


if __name__ == "__main__":
    main()
