"""SQuAD v1.1 answer normalization and EM/F1, used for XQuAD and TyDiQA-GoldP (§2.4)."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence

from xstilts.scoring.qa import GoldQuestion, qa_scores

# Only ASCII punctuation: «, ¿, । or 。 survive, which is part of why SQuAD scoring is
# harsh on non-English answers (MLQA's normalizer fixes that; XTREME keeps this for XQuAD).
_ASCII_PUNCTUATION = frozenset(string.punctuation)
# English articles are removed in every language; \b is Unicode-aware on str patterns.
_ENGLISH_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize_squad(text: str) -> str:
    """Lowercase, drop ASCII punctuation, drop a/an/the, collapse whitespace."""
    text = text.lower()
    text = "".join(char for char in text if char not in _ASCII_PUNCTUATION)
    text = _ENGLISH_ARTICLES.sub(" ", text)
    return " ".join(text.split())


def squad_scores(
    questions: Sequence[GoldQuestion], predictions: Mapping[str, str]
) -> dict[str, float]:
    """SQuAD v1.1 `exact_match` and `f1` (×100) over all gold questions."""
    return qa_scores(questions, predictions, normalize_squad)
