"""Phase 3's evaluation half: predictions of a trained target model in every XTREME language,
on its model-selection set, and the selection score that drives early stopping.

A prediction set is named by the target task (what is predicted and how it is scored: head,
kind, labels, scorer rules) and by where its examples come from (`data_task`, `data_split`):
the same for dev and test, another task's for a selection set (XQuAD selects on SQuAD v1.1 dev).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from xstilts.layout import RAW
from xstilts.tasks.spec import SELECTION


def predict_set(model: Any, task: str, data_task: str, data_split: str, lang: str, root: Path,
                batch_size: int, span_options: dict[str, Any], max_examples: int = 0,
                examples: list[Any] | None = None) -> Any:
    """Predictions (XTREME form) of target `task` on `data_task`'s split and language
    (`examples`: that split's examples when the caller has read them already)."""
    from xstilts.data.load import head_for, load_features, training_labels
    from xstilts.evaluation.postprocess import predictions_from_logits
    from xstilts.tasks.readers import read_examples
    from xstilts.tasks.registry import get_task
    from xstilts.training.early_stopping import dev_subset
    from xstilts.training.predict import predict_logits

    spec = get_task(task)
    features = load_features(data_task, data_split, lang, root)
    if examples is None:
        examples = read_examples(data_task, data_split, lang, root / RAW)
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
    """Zero-shot predictions for every language and split the registry lists for `task`, and
    for its selection set, in XTREME's layout under `out/<split>/<task>/` (`out` = the target
    cell's predictions folder)."""
    from xstilts.evaluation.postprocess import write_predictions
    from xstilts.tasks.registry import get_task

    spec = get_task(task)
    written = []
    for split in splits:
        for entry in spec.entries:
            if split not in entry.splits:
                continue
            preds = predict_set(model, task, task, split, entry.lang, root, batch_size,
                                span_options)
            written.append(write_predictions(out / split, task, spec.kind, split, entry.lang,
                                             preds))
    if spec.selection is not None:
        sel = spec.selection
        for lang in sel.languages:
            preds = predict_set(model, task, sel.task, sel.split, lang, root, batch_size,
                                span_options)
            written.append(write_predictions(out / SELECTION, task, spec.kind, SELECTION, lang,
                                             preds))
    return written


def selection_score(model: Any, task: str, root: Path, batch_size: int, max_examples: int,
                    span_options: dict[str, Any]) -> float:
    """XTREME's task score of `task` on (a prefix of) its selection set, averaged over the
    set's languages: what early stopping maximises. Never reads the task's test files."""
    from xstilts.data.featurize.gold_labels import gold_text
    from xstilts.evaluation.postprocess import write_predictions
    from xstilts.scoring.aggregate import task_score
    from xstilts.scoring.folders import score_language
    from xstilts.tasks.readers import read_examples
    from xstilts.tasks.registry import get_task

    spec = get_task(task)
    if spec.selection is None:
        raise ValueError(f"{task} has no selection set to stop early on ({spec.notes})")
    sel = spec.selection
    scores = []
    with tempfile.TemporaryDirectory(prefix="xstilts-selection-") as tmp:
        pred_root, gold_root = Path(tmp) / "pred", Path(tmp) / "gold"
        for lang in sel.languages:
            examples = read_examples(sel.task, sel.split, lang, root / RAW)
            preds = predict_set(model, task, sel.task, sel.split, lang, root, batch_size,
                                span_options, max_examples, examples)
            written = write_predictions(pred_root, task, spec.kind, SELECTION, lang, preds)
            gold = gold_root / task / written.name
            gold.parent.mkdir(parents=True, exist_ok=True)
            # Scratch in the TemporaryDirectory (deleted on exit), not an output: not atomic.
            gold.write_text(gold_text(spec.kind, examples[:max_examples or None]) or "",
                            encoding="utf-8")
            metrics = score_language(pred_root, gold_root, task, lang, split=SELECTION)
            scores.append(task_score(task, metrics))
    return sum(scores) / len(scores)
