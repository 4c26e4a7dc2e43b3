"""Chunk precision/recall/F1 for PAN-X and UD-POS with seqeval 0.0.12 semantics (§2.2).

Implemented here rather than imported: XTREME never pinned seqeval, its published numbers
match 0.0.12, and seqeval >= 1.0 splits tag types differently (CCONJ and SCONJ both become
type "CONJ" and match each other), which moves the UD-POS average.
"""

from __future__ import annotations

from collections.abc import Sequence

from xstilts.scoring.errors import ScoringError

Chunk = tuple[str, int, int]

# Prefix letters with a meaning in the IOBES scheme. Bare UPOS tags are read with the same
# rules, so e.g. SCONJ/SYM (prefix "S") are always one-token chunks and INTJ acts like "I".
_CLOSED_AFTER = frozenset("ES")
_OPEN = frozenset("BI")
_OUTSIDE = frozenset("O.")


def split_tag(tag: str) -> tuple[str, str]:
    """(prefix, type): the first character, and the text after the last '-' (or all of it).

    `B-LOC` -> (B, LOC); `NOUN` -> (N, NOUN); `X` -> (X, X).
    """
    if not tag:
        raise ScoringError("empty tag")
    return tag[0], tag.rsplit("-", 1)[-1]


def _chunk_ends(prev_prefix: str, prefix: str, prev_type: str, type_: str) -> bool:
    return (
        prev_prefix in _CLOSED_AFTER
        or (prev_prefix in _OPEN and prefix in ("B", "S", "O"))
        or (prev_prefix not in _OUTSIDE and prev_type != type_)
    )


def _chunk_starts(prev_prefix: str, prefix: str, prev_type: str, type_: str) -> bool:
    return (
        prefix in ("B", "S")
        or (prev_prefix in _CLOSED_AFTER and prefix in ("E", "I"))
        or (prev_prefix == "O" and prefix in ("E", "I"))
        or (prefix not in _OUTSIDE and prev_type != type_)
    )


def chunks(sentences: Sequence[Sequence[str]]) -> set[Chunk]:
    """The set of (type, start, end) chunks of a list of tagged sentences.

    Sentences are concatenated with an `O` after each, plus one final sentinel `O`;
    positions index that flat stream. Gold and predictions are flattened independently,
    so sentences of different lengths shift positions instead of raising (as in XTREME).
    """
    stream = [tag for sentence in sentences for tag in [*sentence, "O"]]
    stream.append("O")
    found: set[Chunk] = set()
    prev_prefix, prev_type, start = "O", "", 0
    for position, tag in enumerate(stream):
        prefix, type_ = split_tag(tag)
        if _chunk_ends(prev_prefix, prefix, prev_type, type_):
            found.add((prev_type, start, position - 1))
        if _chunk_starts(prev_prefix, prefix, prev_type, type_):
            start = position
        prev_prefix, prev_type = prefix, type_
    return found


def chunk_scores(
    labels: Sequence[Sequence[str]], predictions: Sequence[Sequence[str]]
) -> dict[str, float]:
    """Micro chunk precision, recall and F1 (×100); each is 0 when its denominator is 0."""
    gold = chunks(labels)
    predicted = chunks(predictions)
    correct = len(gold & predicted)
    precision = correct / len(predicted) if predicted else 0.0
    recall = correct / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"f1": 100.0 * f1, "precision": 100.0 * precision, "recall": 100.0 * recall}
