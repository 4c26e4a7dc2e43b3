"""Phase 3's evaluation half: predictions of a trained target model in every XTREME language,
and the English-dev score that drives early stopping."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from xstilts.stages.layout import RAW


def predict_language(model: Any, task: str, split: str, lang: str, root: Path,
                     batch_size: int, span_options: dict[str, Any],
                     max_examples: int = 0) -> Any:
    """Predictions (XTREME form) of `task` for one split and language."""
    from xstilts.evaluation.postprocess import predictions_from_logits
    from xstilts.stages.features import head_for, load_features, training_labels
    from xstilts.tasks.readers import read_examples
    from xstilts.tasks.registry import get_task
    from xstilts.training.early_stopping import dev_subset
    from xstilts.training.predict import predict_logits

    spec = get_task(task)
    features = load_features(task, split, lang, root)
    examples = read_examples(task, split, lang, root / RAW)
    if max_examples:
        features = dev_subset(features, max_examples)
        examples = examples[:max_examples]
    head = head_for(task, root).name
    logits = predict_logits(model, features, head, batch_size)
    options = span_options if spec.kind == "span_extraction" else {}
    return predictions_from_logits(spec.kind, logits, features, examples,
                                   training_labels(task, root), **options)


def write_all_languages(model: Any, task: str, out: Path, splits: list[str], root: Path,
                        batch_size: int, span_options: dict[str, Any]) -> list[Path]:
    """Zero-shot predictions for every language and split the registry lists for `task`, in
    XTREME's layout under `out/<split>/<task>/` (`out` = predictions/<run>)."""
    from xstilts.evaluation.postprocess import write_predictions
    from xstilts.tasks.registry import get_task

    spec = get_task(task)
    written = []
    for split in splits:
        for entry in spec.entries:
            if split not in entry.splits:
                continue
            preds = predict_language(model, task, split, entry.lang, root, batch_size,
                                     span_options)
            written.append(write_predictions(out / split, task, spec.kind, split, entry.lang,
                                             preds))
    return written


def dev_score(model: Any, task: str, root: Path, batch_size: int, max_examples: int,
              span_options: dict[str, Any]) -> float:
    """XTREME's task score on (a prefix of) English dev: what early stopping maximises."""
    from xstilts.data.featurize.gold_labels import gold_text
    from xstilts.evaluation.postprocess import write_predictions
    from xstilts.scoring.aggregate import task_score
    from xstilts.scoring.folders import score_language
    from xstilts.tasks.readers import read_examples
    from xstilts.tasks.registry import get_task

    spec = get_task(task)
    preds = predict_language(model, task, "dev", "en", root, batch_size, span_options,
                             max_examples)
    examples = read_examples(task, "dev", "en", root / RAW)[:max_examples or None]
    with tempfile.TemporaryDirectory(prefix="xstilts-dev-") as tmp:
        pred_root, gold_root = Path(tmp) / "pred", Path(tmp) / "gold"
        written = write_predictions(pred_root, task, spec.kind, "dev", "en", preds)
        gold = gold_root / task / written.name
        gold.parent.mkdir(parents=True)
        gold.write_text(gold_text(spec.kind, examples), encoding="utf-8")
        metrics = score_language(pred_root, gold_root, task, "en", split="dev")
    return task_score(task, metrics)
