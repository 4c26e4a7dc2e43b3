"""One example schema per task kind: what every reader returns and `prepare` consumes.

Pure Python on purpose (no torch): readers, the demo generator and the scorer share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["classification", "multiple_choice", "span_extraction", "tagging", "retrieval", "mlm"]
KINDS: tuple[str, ...] = (
    "classification",
    "multiple_choice",
    "span_extraction",
    "tagging",
    "retrieval",
    "mlm",
)


@dataclass(frozen=True)
class ClassificationExample:
    """A single sentence (text_b None) or a sentence pair with a string label (None on test)."""

    id: str
    text_a: str
    text_b: str | None
    label: str | None
    lang: str = "en"


@dataclass(frozen=True)
class MultipleChoiceExample:
    """A context (may be empty), an optional question and N choices; label = index of the answer."""

    id: str
    context: str
    question: str
    choices: tuple[str, ...]
    label: int | None
    lang: str = "en"


@dataclass(frozen=True)
class Answer:
    text: str
    answer_start: int  # character offset into the context


@dataclass(frozen=True)
class SpanExample:
    """Extractive QA in SQuAD form. `answers` empty and is_impossible True for SQuAD v2 no-answer."""

    id: str
    question: str
    context: str
    answers: tuple[Answer, ...]
    is_impossible: bool = False
    title: str = ""
    lang: str = "en"


@dataclass(frozen=True)
class TaggingExample:
    """One sentence as XTREME tokenizes it; tags None on test."""

    id: str
    tokens: tuple[str, ...]
    tags: tuple[str, ...] | None
    lang: str = "en"


@dataclass(frozen=True)
class RetrievalCorpus:
    """Both sides of one language pair for BUCC or Tatoeba.

    BUCC: `source`/`english` are the raw mining corpora as (id, sentence); `gold` holds
    (source_id, english_id) pairs. Tatoeba: ids are line indices as strings in XTREME's
    convention (the English side sorted); `gold[j]` = index of the translation of English
    line j in the non-English file.
    """

    task: str
    lang: str
    split: str
    source: tuple[tuple[str, str], ...]
    english: tuple[tuple[str, str], ...]
    gold: tuple[tuple[str, str], ...] = field(default_factory=tuple)


TextLine = str
"""An `mlm` example: one sentence of plain text (no id, no label: masking is done at collate)."""

Example = ClassificationExample | MultipleChoiceExample | SpanExample | TaggingExample | TextLine
