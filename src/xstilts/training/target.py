"""Phase 3 of the paper: fine-tune on a target task's English training data, from an
intermediate checkpoint or (the baseline) straight from the pretrained model.

Only the encoder is carried over; the target head starts fresh. Early stopping scores the English
dev set through the injected `evaluate` callback and reloads the best weights.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xstilts.modeling.checkpoint import build_model, encoder_folder, save_checkpoint
from xstilts.training.collate import TokenIds
from xstilts.training.config import TrainConfig
from xstilts.training.data import TaskData
from xstilts.training.device import Rank
from xstilts.training.loop import Evaluate, MetricsCallback, TrainResult, train


def train_target(
    source: Path,
    task: TaskData,
    out_dir: Path,
    config: TrainConfig,
    *,
    run_dir: Path,
    evaluate: Evaluate | None = None,
    metrics_callback: MetricsCallback | None = None,
    info: dict[str, Any] | None = None,
) -> TrainResult:
    """Train `task` from the encoder at `source`; write the checkpoint to `out_dir`.

    `evaluate(model) -> float` (higher is better) should score `config.eval_examples` English
    dev examples (see early_stopping.dev_subset); without it there is no early stopping.
    """
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(encoder_folder(source))
    model = build_model(source, [task.head], seed=config.seed)
    result = train(
        model,
        [task],
        config,
        run_dir,
        TokenIds.from_tokenizer(tokenizer),
        evaluate=evaluate,
        metrics_callback=metrics_callback,
    )
    if Rank.current().is_main:
        save_checkpoint(
            model.cpu(),
            tokenizer,
            out_dir,
            {
                "phase": "target",
                "source": str(source),
                "tasks": [task.name],
                "train_config": config.to_dict(),
                "metrics": result.metrics(),
                **(info or {}),
            },
        )
    return result
