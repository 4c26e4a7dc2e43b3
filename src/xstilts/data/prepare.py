"""The `prepare` stage: tokenize each (task, split, language) once and cache it on disk.

Output per split, under `<out_root>/<task>/<split>-<lang>/` (docs/INTERFACES.md): a HF
`datasets` folder of unpadded features, `meta.json`, and `cache_key.json`. A rerun whose key
(tokenizer state, task spec version, kind, labels, the length knobs of the kind, the examples
themselves, featurizer version) equals the stored one skips the split; any change rebuilds it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xstilts.data.featurize import (
    FeatureParams,
    featurize_classification,
    featurize_mlm,
    featurize_multiple_choice,
    featurize_span,
    featurize_tagging,
)
from xstilts.data.featurize.cache import (
    META_FILE,
    cache_key,
    cache_key_material,
    examples_fingerprint,
    stored_key,
    tokenizer_fingerprint,
    write_key,
)
from xstilts.data.featurize.columns import features_for
from xstilts.data.featurize.gold_labels import gold_text, labels_path
from xstilts.data.featurize.tokens import Columns
from xstilts.fileio import atomic_folder, write_text_atomic
from xstilts.tasks.spec import SELECTION

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase


@dataclass(frozen=True)
class PreparedSplit:
    """What `prepare_split` did for one (task, split, language)."""

    path: Path
    cache_hit: bool
    num_examples: int
    num_features: int


def featurize(
    kind: str,
    examples: Sequence[Any],
    tokenizer: PreTrainedTokenizerBase,
    labels: Sequence[str] | None,
    params: FeatureParams,
    open_label_set: bool = False,
) -> Columns:
    """Feature columns of `examples` for a task of `kind` (see INTERFACES.md for columns).

    `open_label_set` (CCG) ignores tags outside `labels` instead of failing on them.
    """
    knobs = params.for_kind(kind)
    if kind == "classification":
        return featurize_classification(examples, tokenizer, _need(labels, kind), **knobs)
    if kind == "multiple_choice":
        return featurize_multiple_choice(examples, tokenizer, **knobs)
    if kind == "span_extraction":
        return featurize_span(examples, tokenizer, **knobs)
    if kind == "tagging":
        return featurize_tagging(
            examples, tokenizer, _need(labels, kind), ignore_unknown=open_label_set, **knobs
        )
    if kind == "mlm":
        return featurize_mlm(examples, tokenizer, **knobs)
    raise ValueError(f"task kind {kind!r} has no features to prepare")


def _need(labels: Sequence[str] | None, kind: str) -> Sequence[str]:
    if not labels:
        raise ValueError(f"a {kind} task needs its label list from the registry")
    return labels


def prepared_dir(out_root: Path, task: str, split: str, lang: str) -> Path:
    return Path(out_root) / task / f"{split}-{lang}"


def prepare_split(
    examples: Sequence[Any],
    *,
    task: str,
    split: str,
    lang: str,
    kind: str,
    tokenizer: PreTrainedTokenizerBase,
    labels: Sequence[str] | None,
    params: FeatureParams,
    out_root: Path,
    spec_version: int | str = 1,
    open_label_set: bool = False,
    force: bool = False,
) -> PreparedSplit:
    """Featurize `examples` into `<out_root>/<task>/<split>-<lang>/` unless the cache is current."""
    target = prepared_dir(out_root, task, split, lang)
    knobs = params.for_kind(kind)
    material = cache_key_material(
        tokenizer_sha256=tokenizer_fingerprint(tokenizer),
        task=task,
        spec_version=spec_version,
        kind=kind,
        split=split,
        lang=lang,
        labels=labels,
        params={**knobs, "open_label_set": open_label_set} if open_label_set else knobs,
        examples_sha256=examples_fingerprint(examples),
    )
    key = cache_key(material)
    if not force and stored_key(target) == key:
        meta = json.loads((target / META_FILE).read_text(encoding="utf-8"))
        return PreparedSplit(target, True, meta["num_examples"], meta["num_features"])

    columns = featurize(kind, examples, tokenizer, labels, params, open_label_set)
    num_features = len(next(iter(columns.values()))) if columns else 0
    meta = {
        "task": task,
        "split": split,
        "lang": lang,
        "kind": kind,
        "tokenizer": tokenizer.name_or_path or f"sha256:{material['tokenizer_sha256']}",
        "num_examples": len(examples),
        "num_features": num_features,
        "params": knobs,
    }

    def write(tmp: Path) -> None:
        from datasets import Dataset

        dataset = Dataset.from_dict(columns, features=features_for(kind))
        with _quiet_datasets():
            dataset.save_to_disk(str(tmp))
        (tmp / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        write_key(tmp, key, material)

    with atomic_folder(target) as tmp:
        write(tmp)
    return PreparedSplit(target, False, len(examples), num_features)


@contextmanager
def _quiet_datasets() -> Iterator[None]:
    """`save_to_disk` draws a bar per call; off the terminal (logs, CI) it is only noise."""
    from datasets.utils import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    if sys.stderr.isatty() or are_progress_bars_disabled():
        yield
        return
    disable_progress_bars()
    try:
        yield
    finally:
        enable_progress_bars()


def prepare_task(
    task: str | Any,
    raw_root: Path,
    out_root: Path,
    tokenizer: PreTrainedTokenizerBase | None,
    params: FeatureParams,
    *,
    labels_root: Path | None = None,
    splits: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    force: bool = False,
    features: bool = True,
) -> list[PreparedSplit]:
    """Prepare every (split, language) the registry lists for `task` (a name or a TaskSpec).

    Target tasks also get their gold files under `labels_root` in XTREME's layout (dev and
    test, and the model-selection set as `selection-<lang>`, read from the task its selection
    set names). Retrieval tasks have no features: only their gold files are written.
    `features=False` writes the gold files only (DVC stage `gold@<task>`; no tokenizer needed).
    """
    # Imported here: the registry and readers are another module's; prepare's featurizers
    # stay usable (and testable) without them.
    from xstilts.tasks.readers import label_set, read_corpus, read_examples
    from xstilts.tasks.registry import get_task

    spec = get_task(task) if isinstance(task, str) else task
    labels = label_set(spec.name, raw_root) if spec.kind != "retrieval" else ()
    results: list[PreparedSplit] = []
    for entry in spec.entries:
        if languages is not None and entry.lang not in languages:
            continue
        for split in entry.splits:
            if splits is not None and split not in splits:
                continue
            if spec.kind == "retrieval":
                corpus = read_corpus(spec.name, split, entry.lang, raw_root)
                _write_gold(spec, split, entry.lang, [corpus], labels_root)
                continue
            examples = read_examples(spec.name, split, entry.lang, raw_root)
            _write_gold(spec, split, entry.lang, examples, labels_root)
            if not features:
                continue
            if tokenizer is None:
                raise ValueError(f"{spec.name}: features need a tokenizer")
            results.append(
                prepare_split(
                    examples,
                    task=spec.name,
                    split=split,
                    lang=entry.lang,
                    kind=spec.kind,
                    tokenizer=tokenizer,
                    labels=labels or None,
                    params=params,
                    out_root=out_root,
                    spec_version=spec.version,
                    open_label_set=spec.open_label_set,
                    force=force,
                )
            )
    if labels_root is not None and (splits is None or SELECTION in splits):
        _write_selection_gold(spec, raw_root, labels_root, languages)
    return results


def _write_selection_gold(spec: Any, raw_root: Path, labels_root: Path,
                          languages: Sequence[str] | None) -> None:
    """labels/<task>/selection-<lang>.<ext>: gold of the target's selection set."""
    from xstilts.tasks.readers import read_corpus, read_examples

    selection = spec.selection if spec.role == "target" else None
    if selection is None:
        return
    for lang in selection.languages:
        if languages is not None and lang not in languages:
            continue
        if spec.kind == "retrieval":
            data = [read_corpus(selection.task, selection.split, lang, raw_root)]
        else:
            data = read_examples(selection.task, selection.split, lang, raw_root)
        text = gold_text(spec.kind, data)
        if text is None:
            raise ValueError(f"{spec.name}: its selection set {selection.task}/"
                             f"{selection.split}-{lang} has no gold labels")
        write_text_atomic(labels_path(labels_root, spec.name, SELECTION, lang), text)


def _write_gold(
    spec: Any, split: str, lang: str, examples: Sequence[Any], labels_root: Path | None
) -> Path | None:
    """The scorer's gold file for a target task's dev/test split (never for train or a
    held-out selection slice, whose gold goes under selection/)."""
    if labels_root is None or spec.role != "target" or split not in ("dev", "test"):
        return None
    text = gold_text(spec.kind, examples)
    if text is None:
        return None
    path = labels_path(labels_root, spec.name, split, lang)
    write_text_atomic(path, text)
    return path
