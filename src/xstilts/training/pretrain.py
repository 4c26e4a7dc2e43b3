"""Demo phase 1: short MLM pretraining of the tiny XLM-R on multilingual text.

The paper starts from XLM-R Large; the demo has to make its own "pretrained MLM" so that a model
fine-tuned on one demo language can transfer zero-shot to the others. The output folder is an HF
`XLMRobertaForMaskedLM` + tokenizer, loadable exactly like `xlm-roberta-large`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from xstilts.modeling.checkpoint import build_model, export_masked_lm
from xstilts.modeling.heads import HeadSpec
from xstilts.training.collate import TokenIds
from xstilts.training.config import TrainConfig
from xstilts.training.data import TaskData
from xstilts.training.device import Rank
from xstilts.training.loop import MetricsCallback, TrainResult, train

MLM_HEAD = HeadSpec("mlm", "mlm")


def corpus_features(lines: Iterable[str], tokenizer: Any, max_length: int) -> Any:
    """MLM features (INTERFACES.md `mlm` kind): one line of text per feature, truncated."""
    from datasets import Dataset

    texts = [line.strip() for line in lines if line.strip()]
    encoded = tokenizer(texts, truncation=True, max_length=max_length)
    return Dataset.from_dict({"input_ids": encoded["input_ids"]})


def pretrain_mlm(
    model_dir: Path,
    corpus: Any,
    out_dir: Path,
    config: TrainConfig,
    *,
    run_dir: Path,
    metrics_callback: MetricsCallback | None = None,
) -> TrainResult:
    """Train `model_dir` (an HF MLM folder, e.g. from `build_tiny_model`) on `corpus` (a
    `datasets.Dataset` of mlm features) and save the result to `out_dir` as an HF MLM folder."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = build_model(model_dir, [MLM_HEAD], seed=config.seed)
    result = train(
        model,
        [TaskData("mlm", MLM_HEAD, corpus)],
        config,
        run_dir,
        TokenIds.from_tokenizer(tokenizer),
        metrics_callback=metrics_callback,
    )
    if Rank.current().is_main:
        export_masked_lm(model.cpu(), tokenizer, out_dir, MLM_HEAD.name)
    return result
