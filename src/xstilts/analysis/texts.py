"""Texts that stand for each task's domain, as files: `<texts dir>/<task>/<lang>.txt`.

One text per line (newlines inside a text become spaces when written). The `texts` stage writes
them from the task readers with `example_text`; the similarity analysis reads them with `load_texts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from xstilts.fileio import write_text_atomic
from xstilts.tasks.schema import (
    ClassificationExample,
    MultipleChoiceExample,
    SpanExample,
    TaggingExample,
)

Example = ClassificationExample | MultipleChoiceExample | SpanExample | TaggingExample


def example_text(example: Example) -> str:
    """The text a model reads for one example, as one string (all inputs, no label).

    Multiple choice keeps every choice: the endings are what distinguishes HellaSwag's domain.
    """
    if isinstance(example, ClassificationExample):
        parts: Sequence[str] = (example.text_a, example.text_b or "")
    elif isinstance(example, MultipleChoiceExample):
        parts = (example.context, example.question, *example.choices)
    elif isinstance(example, SpanExample):
        parts = (example.question, example.context)
    elif isinstance(example, TaggingExample):
        parts = (" ".join(example.tokens),)
    else:
        raise TypeError(f"no text for {type(example).__name__}")
    return " ".join(p for p in parts if p)


def write_texts(out_dir: Path, task: str, lang: str, texts: Iterable[str]) -> Path:
    path = out_dir / task / f"{lang}.txt"
    return write_text_atomic(path, "".join(" ".join(t.split()) + "\n" for t in texts))


def load_texts(texts_dir: Path) -> dict[str, dict[str, list[str]]]:
    """task -> lang -> non-empty lines of `<texts_dir>/<task>/<lang>.txt`."""
    if not texts_dir.is_dir():
        raise FileNotFoundError(f"{texts_dir}: no texts folder (expected <task>/<lang>.txt)")
    out: dict[str, dict[str, list[str]]] = {}
    for path in sorted(texts_dir.glob("*/*.txt")):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if lines:
            out.setdefault(path.parent.name, {})[path.stem] = lines
    return out

