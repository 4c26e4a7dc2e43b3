"""Prediction files in XTREME's per-task formats (XTREME_SPEC.md §1.3).

One function per format. Each checks what would silently corrupt the file for the scorer
(a newline inside a label shifts every later line; a TAB inside a BUCC id splits the pair)
and writes atomically.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from xstilts.fileio import write_text_atomic


def _check_line_item(item: str, what: str, index: int) -> None:
    if not item.strip() or item != item.strip() or "\n" in item or "\r" in item:
        raise ValueError(
            f"{what} {index} is {item!r}: a line-based XTREME file needs a non-empty value "
            "without surrounding whitespace or line breaks (the scorer strips and splits lines)"
        )


def write_labels(path: str | Path, labels: Sequence[str]) -> Path:
    """Classification (XNLI, PAWS-X): one label string per line, in example order."""
    for i, label in enumerate(labels):
        _check_line_item(label, "label", i)
    return write_text_atomic(path, "".join(f"{label}\n" for label in labels))


def write_tags(path: str | Path, sentences: Sequence[Sequence[str]]) -> Path:
    """Tagging (UD-POS, PAN-X): one tag per line, each sentence closed by a blank line.

    Closing every sentence (the last one too) keeps an empty sentence representable: the
    reader turns each blank line into one sentence, so sentence counts stay aligned.
    """
    parts: list[str] = []
    for s, tags in enumerate(sentences):
        for tag in tags:
            _check_line_item(tag, f"tag in sentence {s}", s)
            parts.append(f"{tag}\n")
        parts.append("\n")
    return write_text_atomic(path, "".join(parts))


def write_answers(path: str | Path, answers: Mapping[str, str]) -> Path:
    """QA (XQuAD, MLQA, TyDiQA): a JSON object question id → answer string."""
    return write_text_atomic(path, json.dumps(dict(answers), ensure_ascii=False, indent=1) + "\n")


def write_pairs(path: str | Path, pairs: Sequence[tuple[str, str]]) -> Path:
    """BUCC: one `src_id<TAB>en_id` line per mined pair."""
    for i, (src, en) in enumerate(pairs):
        for side in (src, en):
            _check_line_item(side, "pair", i)
            if "\t" in side:
                raise ValueError(f"pair {i} id {side!r} contains a TAB, which splits the pair")
    return write_text_atomic(path, "".join(f"{src}\t{en}\n" for src, en in pairs))


def write_indices(path: str | Path, indices: Sequence[int]) -> Path:
    """Tatoeba: one 0-based index into the non-English file per English line, as a bare
    integer (the scorer compares strings, so no faiss-style `[[3]]`)."""
    return write_text_atomic(path, "".join(f"{int(i)}\n" for i in indices))
