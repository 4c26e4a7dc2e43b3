"""Phase 2 of the paper: intermediate-task training on one English task, or on several at once
(multi-task), optionally mixed with MLM batches on multilingual text (the paper's ablation).

A translated intermediate dataset is passed like any other task: nothing here assumes English.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xstilts.modeling.checkpoint import build_model, encoder_folder, save_checkpoint
from xstilts.training.collate import TokenIds
from xstilts.training.config import TrainConfig
from xstilts.training.data import TaskData, head_specs
from xstilts.training.device import Rank
from xstilts.training.loop import MetricsCallback, TrainResult, train
from xstilts.training.pretrain import MLM_HEAD


def train_intermediate(
    source: Path,
    tasks: Sequence[TaskData],
    out_dir: Path,
    config: TrainConfig,
    *,
    run_dir: Path,
    mlm_corpus: Any | None = None,
    metrics_callback: MetricsCallback | None = None,
    info: dict[str, Any] | None = None,
) -> TrainResult:
    """Train the pretrained model at `source` on `tasks`; write the checkpoint to `out_dir`.

    One task is single-task training; several are sampled by `config.sampling`. With
    `mlm_corpus` (mlm features), `config.mlm_ratio` of the micro-batches are MLM batches.
    `info` (e.g. the resolved params section) is stored in the checkpoint's xstilts.json.
    """
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(encoder_folder(source))
    specs = head_specs(list(tasks)) + ([MLM_HEAD] if mlm_corpus is not None else [])
    model = build_model(source, specs, seed=config.seed)
    mlm = TaskData("mlm", MLM_HEAD, mlm_corpus) if mlm_corpus is not None else None
    result = train(
        model,
        tasks,
        config,
        run_dir,
        TokenIds.from_tokenizer(tokenizer),
        mlm=mlm,
        metrics_callback=metrics_callback,
    )
    if Rank.current().is_main:
        save_checkpoint(
            model.cpu(),
            tokenizer,
            out_dir,
            {
                "phase": "intermediate",
                "source": str(source),
                "tasks": [t.name for t in tasks] + (["mlm"] if mlm else []),
                "train_config": config.to_dict(),
                "metrics": result.metrics(),
                **(info or {}),
            },
        )
    return result
