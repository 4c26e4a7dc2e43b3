"""Gold-label files from examples, in the same layout as predictions.

`prepare` writes `labels/<task>/<split>-<lang>.<ext>` with these, so that dev sets
are scored by the very scorer used on test (XTREME_SPEC.md §1.2: labels mirror predictions).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xstilts.evaluation.layout import layout_path, write_text_atomic
from xstilts.evaluation.writers import write_indices, write_labels, write_pairs, write_tags
from xstilts.tasks.schema import (
    ClassificationExample,
    RetrievalCorpus,
    SpanExample,
    TaggingExample,
)


def write_classification_gold(path: str | Path, examples: Sequence[ClassificationExample]) -> Path:
    """One gold label per line, in example order."""
    labels: list[str] = []
    for example in examples:
        if example.label is None:
            raise ValueError(
                f"example {example.id!r} has no label: gold files need labelled examples "
                "(test sets without labels get no gold file)"
            )
        labels.append(example.label)
    return write_labels(path, labels)


def write_tagging_gold(path: str | Path, examples: Sequence[TaggingExample]) -> Path:
    """One gold tag per line, a blank line after each sentence."""
    sentences: list[tuple[str, ...]] = []
    for example in examples:
        if example.tags is None:
            raise ValueError(f"sentence {example.id!r} has no tags: cannot write a gold file")
        if len(example.tags) != len(example.tokens):
            raise ValueError(
                f"sentence {example.id!r} has {len(example.tokens)} tokens but "
                f"{len(example.tags)} tags"
            )
        sentences.append(example.tags)
    return write_tags(path, sentences)


def squad_document(examples: Sequence[SpanExample]) -> dict[str, Any]:
    """SQuAD v1.1 JSON: articles by title, consecutive questions on one context share a
    paragraph. The scorer only reads `qas` (id, answers); the grouping keeps files readable."""
    articles: list[dict[str, Any]] = []
    for example in examples:
        if not articles or articles[-1]["title"] != example.title:
            articles.append({"title": example.title, "paragraphs": []})
        paragraphs = articles[-1]["paragraphs"]
        if not paragraphs or paragraphs[-1]["context"] != example.context:
            paragraphs.append({"context": example.context, "qas": []})
        qa: dict[str, Any] = {
            "id": example.id,
            "question": example.question,
            "answers": [
                {"text": a.text, "answer_start": a.answer_start} for a in example.answers
            ],
        }
        if example.is_impossible:
            qa["is_impossible"] = True
        paragraphs[-1]["qas"].append(qa)
    return {"version": "1.1", "data": articles}


def write_span_gold(path: str | Path, examples: Sequence[SpanExample]) -> Path:
    """QA gold as SQuAD JSON `{"data": [{"paragraphs": [{"context", "qas": [...]}]}]}`."""
    text = json.dumps(squad_document(examples), ensure_ascii=False, indent=1) + "\n"
    return write_text_atomic(path, text)


def write_bucc_gold(path: str | Path, corpus: RetrievalCorpus) -> Path:
    """BUCC gold pairs, `src_id<TAB>en_id` per line."""
    return write_pairs(path, list(corpus.gold))


def tatoeba_gold_indices(corpus: RetrievalCorpus) -> list[int]:
    """For each English line (XTREME's sorted order), the 0-based position of its
    translation in the non-English file (XTREME_SPEC.md §3.9).

    `gold` holds (source_id, english_id) pairs; ids are mapped to positions so the result
    does not depend on ids being line numbers.
    """
    source_position = {sid: i for i, (sid, _) in enumerate(corpus.source)}
    gold = dict((en, src) for src, en in corpus.gold)
    indices: list[int] = []
    for en_id, _ in corpus.english:
        if en_id not in gold:
            raise ValueError(f"tatoeba {corpus.lang}: English line {en_id!r} has no gold pair")
        if gold[en_id] not in source_position:
            raise ValueError(
                f"tatoeba {corpus.lang}: gold source id {gold[en_id]!r} is not in the corpus"
            )
        indices.append(source_position[gold[en_id]])
    return indices


def write_tatoeba_gold(path: str | Path, corpus: RetrievalCorpus) -> Path:
    """Tatoeba gold: one index into the non-English file per English line."""
    return write_indices(path, tatoeba_gold_indices(corpus))


def write_gold(
    root: str | Path,
    task: str,
    kind: str,
    split: str,
    lang: str,
    data: Sequence[Any] | RetrievalCorpus,
) -> Path:
    """Write the gold file of one (task, split, lang) under `root` (= `labels`).

    `data` is the reader's output: a list of examples, or a RetrievalCorpus for retrieval.
    """
    path = layout_path(root, task, split, lang, kind)
    if kind == "retrieval":
        if not isinstance(data, RetrievalCorpus):
            raise TypeError(f"{task}: retrieval gold needs a RetrievalCorpus, got {type(data)}")
        if task == "tatoeba":
            return write_tatoeba_gold(path, data)
        return write_bucc_gold(path, data)
    if isinstance(data, RetrievalCorpus):
        raise TypeError(f"{task}: kind {kind!r} needs examples, got a RetrievalCorpus")
    if kind == "classification":
        return write_classification_gold(path, data)
    if kind == "tagging":
        return write_tagging_gold(path, data)
    if kind == "span_extraction":
        return write_span_gold(path, data)
    raise ValueError(
        f"{task}: no XTREME gold format for kind {kind!r} "
        "(allowed: classification, tagging, span_extraction, retrieval)"
    )
