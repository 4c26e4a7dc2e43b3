"""Gold labels in XTREME's leaderboard layout, the scorer's `--labels` side.

`labels/<task>/<split>-<lang>.<ext>` (docs/INTERFACES.md; one folder per task, the output of
the DVC stage `gold@<task>`) holds exactly what the
official scorer reads (XTREME_SPEC.md §1.3): one label per line (classification, Tatoeba),
one tag per line with a blank line between sentences (tagging), `src_id TAB en_id` pairs
(BUCC), or SQuAD-format JSON (QA).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from xstilts.evaluation.layout import layout_path
from xstilts.tasks.schema import (
    ClassificationExample,
    RetrievalCorpus,
    SpanExample,
    TaggingExample,
)


def labels_path(labels_root: Path, task: str, split: str, lang: str) -> Path:
    """The gold file the scorer reads: XTREME's layout under `labels/` (evaluation/layout.py)."""
    return layout_path(labels_root, task, split, lang)


def gold_text(kind: str, examples: Sequence[object]) -> str | None:
    """The gold file's content, None when the split has no gold (e.g. unlabelled test files)."""
    if kind == "classification":
        return _classification(examples)  # type: ignore[arg-type]
    if kind == "tagging":
        return _tagging(examples)  # type: ignore[arg-type]
    if kind == "span_extraction":
        return _squad_json(examples)  # type: ignore[arg-type]
    if kind == "retrieval":
        return _retrieval(examples)  # type: ignore[arg-type]
    raise ValueError(f"no XTREME gold format for task kind {kind!r}")


def _classification(examples: Sequence[ClassificationExample]) -> str | None:
    if any(ex.label is None for ex in examples):
        return None
    return "".join(f"{ex.label}\n" for ex in examples)


def _tagging(examples: Sequence[TaggingExample]) -> str | None:
    if any(ex.tags is None for ex in examples):
        return None
    # The scorer closes a sentence at each blank line; the last one needs no blank line but
    # writing it keeps every sentence identical in form.
    return "".join("".join(f"{tag}\n" for tag in ex.tags) + "\n" for ex in examples)  # type: ignore[union-attr]


def _squad_json(examples: Sequence[SpanExample]) -> str | None:
    if examples and all(not any(a.text for a in ex.answers) for ex in examples):
        return None  # answers blanked out (XTREME's own test copies): nothing to score against
    articles = [
        {
            "title": ex.title,
            "paragraphs": [
                {
                    "context": ex.context,
                    "qas": [
                        {
                            "id": ex.id,
                            "question": ex.question,
                            "answers": [
                                {"text": a.text, "answer_start": a.answer_start} for a in ex.answers
                            ],
                        }
                    ],
                }
            ],
        }
        for ex in examples
    ]
    return json.dumps({"version": "xstilts-gold", "data": articles}, ensure_ascii=False) + "\n"


def _retrieval(corpora: Sequence[RetrievalCorpus]) -> str | None:
    lines: list[str] = []
    for corpus in corpora:
        if not corpus.gold:
            return None
        if corpus.task == "tatoeba":
            # gold[j] = (index of the translation in the non-English file, English line j of
            # the sorted side); line j of the gold file is that index (XTREME_SPEC.md §3.9).
            lines += [index for index, _ in corpus.gold]
        else:
            lines += [f"{src}\t{en}" for src, en in corpus.gold]
    return "".join(f"{line}\n" for line in lines)
