"""A small multi-task run with every source of state (dropout, MLM masks, grad accumulation,
early stopping), used by test_resume in-process and as a subprocess that gets SIGKILLed.

usage: python -m tests.training.resume_job MODEL_DIR RUN_DIR OUT_DIR [SECONDS_PER_STEP]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file

from tests.training.synthetic import NUM_LABELS, classification, fast_config, mlm, tagging
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.collate import TokenIds
from xstilts.training.data import TaskData
from xstilts.training.loop import TrainResult, train
from xstilts.training.predict import predict_logits

CLS = HeadSpec("cls", "classification", NUM_LABELS)
TAG = HeadSpec("tag", "tagging", NUM_LABELS)
MLM = HeadSpec("mlm", "mlm")


def run(model_dir: Path, run_dir: Path, seconds_per_step: float = 0.0) -> tuple[dict, TrainResult]:
    from transformers import AutoTokenizer

    torch.set_num_threads(1)
    tokens = TokenIds.from_tokenizer(AutoTokenizer.from_pretrained(model_dir))
    dev = classification(60, seed=9)

    def evaluate(model) -> float:
        logits = predict_logits(model, dev, "cls", batch_size=32)
        return float((logits.argmax(-1) == np.array(dev["label"])).mean())

    def slow_down(step: int, metrics: dict) -> None:
        time.sleep(seconds_per_step)

    config = fast_config(
        max_steps=24,
        grad_accum=2,
        batch_size=8,
        save_every=3,
        eval_every=4,
        patience=3,
        log_every=1,
        mlm_ratio=0.25,
        device="cpu",  # bitwise resume is a CPU promise (CUDA's atomics reorder sums)
    )
    model = build_model(model_dir, [CLS, TAG, MLM], seed=config.seed)
    tasks = [TaskData("c", CLS, classification(120, seed=1)), TaskData("t", TAG, tagging(60, 2))]
    result = train(
        model,
        tasks,
        config,
        run_dir,
        tokens,
        mlm=TaskData("m", MLM, mlm(80, 3)),
        evaluate=evaluate,
        metrics_callback=slow_down,
    )
    weights = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    return weights, result


def main() -> None:
    model_dir, run_dir, out_dir = (Path(a) for a in sys.argv[1:4])
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    weights, result = run(model_dir, run_dir, seconds)
    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(weights, out_dir / "model.safetensors")
    payload = {"metrics": result.metrics(), "resumed_from": result.resumed_from}
    (out_dir / "result.json").write_text(json.dumps(payload))


if __name__ == "__main__":
    main()
