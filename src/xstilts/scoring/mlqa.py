"""MLQA answer normalization (language-specific) and EM/F1 (XTREME_SPEC.md §2.5)."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping, Sequence
from functools import partial

from xstilts.scoring.errors import ScoringError
from xstilts.scoring.qa import GoldQuestion, qa_scores

MLQA_LANGUAGES: tuple[str, ...] = ("ar", "de", "en", "es", "hi", "vi", "zh")

_ARTICLES: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(a|an|the)\b"),
    "es": re.compile(r"\b(un|una|unos|unas|el|la|los|las)\b"),
    "de": re.compile(r"\b(ein|eine|einen|einem|eines|einer|der|die|das|den|dem|des)\b"),
    "vi": re.compile(r"\b(của|là|cái|chiếc|những)\b"),
}
# MLQA's Arabic rule is meant to strip a word-initial article, but its first alternative
# can never match and the second is a bare "ال": every occurrence goes, even inside words
# ("مال" -> "م "). Reproduced on purpose: it is what the published numbers used.
_ARABIC_ARTICLE = "ال"
_ASCII_PUNCTUATION = frozenset(string.punctuation)


def _is_punctuation(char: str) -> bool:
    # Unicode P* categories, plus ASCII symbols ($ + < = > ^ ` | ~) that are category S.
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")


def _is_cjk_or_punctuation(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fa5" or _is_punctuation(char)


def mixed_segmentation(text: str) -> list[str]:
    """Chinese tokens: each CJK ideograph (U+4E00–U+9FA5) or punctuation mark alone,
    runs of anything else split on whitespace."""
    tokens: list[str] = []
    run: list[str] = []
    for char in text:
        if _is_cjk_or_punctuation(char):
            tokens.extend("".join(run).split())
            run = []
            tokens.append(char)
        else:
            run.append(char)
    tokens.extend("".join(run).split())
    return tokens


def normalize_mlqa(text: str, lang: str) -> str:
    """Lowercase, drop all punctuation, drop the language's articles, re-tokenize.

    Raises ScoringError for a language MLQA defines no rule for.
    """
    if lang not in MLQA_LANGUAGES:
        raise ScoringError(
            f"MLQA normalization has no rule for language {lang!r}; "
            f"supported: {' '.join(MLQA_LANGUAGES)}"
        )
    text = text.lower()
    text = "".join(char for char in text if not _is_punctuation(char))
    if lang == "ar":
        text = text.replace(_ARABIC_ARTICLE, " ")
    elif lang in _ARTICLES:
        text = _ARTICLES[lang].sub(" ", text)
    tokens = mixed_segmentation(text) if lang == "zh" else text.split()
    return " ".join(token for token in tokens if token.strip())


def mlqa_scores(
    questions: Sequence[GoldQuestion], predictions: Mapping[str, str], lang: str
) -> dict[str, float]:
    """MLQA `exact_match` and `f1` (×100) over all gold questions, normalized for `lang`."""
    normalize_mlqa("", lang)  # fail on an unsupported language even with no predictions
    return qa_scores(questions, predictions, partial(normalize_mlqa, lang=lang))
