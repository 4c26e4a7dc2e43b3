"""Vocabulary overlap between two domains (Gururangan et al. 2020, "Don't Stop Pretraining", §2).

They compare the 10k most frequent word types of two corpora and report |V_a ∩ V_b| / k; we do
the same on lowercased words split at whitespace and punctuation, stopwords optionally removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# \w is Unicode-aware, so words of every XTREME script survive; everything else separates words.
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lowercased words of `text`, split at whitespace and punctuation."""
    return _WORD.findall(text.lower())


def top_k_types(texts: Iterable[str], k: int, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """The k most frequent word types; ties broken alphabetically so the set is deterministic."""
    if k <= 0:
        raise ValueError(f"k must be positive, got {k}")
    counts = Counter(w for text in texts for w in words(text) if w not in stopwords)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [w for w, _ in ranked[:k]]


def top_k_overlap(
    texts_a: Iterable[str],
    texts_b: Iterable[str],
    k: int = 10_000,
    stopwords: frozenset[str] = frozenset(),
) -> float:
    """|V_a ∩ V_b| / k over the top-k word types of each side.

    The denominator is k even when a corpus has fewer types, as in Gururangan et al.: a small
    corpus then cannot look similar to everything.
    """
    top_a = set(top_k_types(texts_a, k, stopwords))
    top_b = set(top_k_types(texts_b, k, stopwords))
    return len(top_a & top_b) / k
