"""Domain similarity between each intermediate task and each target task (the research question).

Four measures per (intermediate, target, target language), all computed without training:

    vocab_overlap     |top-k word types ∩| / k  (Gururangan et al. 2020)     higher = more similar
    embedding_cosine  cosine of the mean sentence embeddings                  higher = more similar
    mmd               unbiased RBF MMD² between the embedding sets           lower  = more similar
    frechet           Fréchet distance of Gaussians fitted to the two sets   lower  = more similar

The intermediate side is always its English text; the target side is English (`en`) for the
headline analysis and each target language for the per-language one. Sentence embeddings come
from an injected function (texts -> (n, d) array), so this module never loads a model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from xstilts.analysis.embedding_distance import cosine_of_means, frechet_distance, mmd_rbf
from xstilts.analysis.vocabulary import top_k_overlap

Embedder = Callable[[Sequence[str]], np.ndarray]
Texts = Mapping[str, Mapping[str, Sequence[str]]]  # task -> lang -> texts

VOCAB_MEASURES: tuple[str, ...] = ("vocab_overlap",)
EMBEDDING_MEASURES: tuple[str, ...] = ("embedding_cosine", "mmd", "frechet")
MEASURES: tuple[str, ...] = VOCAB_MEASURES + EMBEDDING_MEASURES
HIGHER_IS_SIMILAR: dict[str, bool] = {
    "vocab_overlap": True,
    "embedding_cosine": True,
    "mmd": False,
    "frechet": False,
}


@dataclass(frozen=True)
class PairSimilarity:
    inter: str
    target: str
    lang: str
    measures: dict[str, float]


def oriented(measure: str, value: float) -> float:
    """The value turned so that larger always means more similar (distances are negated)."""
    return value if HIGHER_IS_SIMILAR[measure] else -value


def subsample(texts: Sequence[str], limit: int, seed: int) -> list[str]:
    """At most `limit` texts, drawn without replacement by a seeded RNG, in their original order.

    MMD and Fréchet cost O(n²) and O(d³); a few hundred sentences per side is plenty.
    """
    if len(texts) <= limit:
        return list(texts)
    keep = np.sort(np.random.default_rng(seed).choice(len(texts), size=limit, replace=False))
    return [texts[i] for i in keep]


def pair_measures(
    inter_texts: Sequence[str],
    target_texts: Sequence[str],
    inter_emb: np.ndarray | None,
    target_emb: np.ndarray | None,
    *,
    k: int = 10_000,
    stopwords: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """All measures for one pair; the embedding ones only when both embedding sets are given."""
    out = {"vocab_overlap": top_k_overlap(inter_texts, target_texts, k, stopwords)}
    if inter_emb is not None and target_emb is not None:
        out["embedding_cosine"] = cosine_of_means(inter_emb, target_emb)
        out["mmd"] = mmd_rbf(inter_emb, target_emb)
        out["frechet"] = frechet_distance(inter_emb, target_emb)
    return out


def domain_similarity(
    texts: Texts,
    inters: Sequence[str],
    targets: Sequence[str],
    embed: Embedder | None = None,
    *,
    per_language: bool = True,
    k: int = 10_000,
    stopwords: frozenset[str] = frozenset(),
    max_texts: int = 500,
    seed: int = 0,
) -> list[PairSimilarity]:
    """Measures for every (inter, target, lang) whose texts are present.

    Each text set is subsampled and embedded once, then reused by every pair it appears in.
    Without `embed`, only the vocabulary measure is computed.
    """
    samples: dict[tuple[str, str], list[str]] = {}
    embeddings: dict[tuple[str, str], np.ndarray] = {}

    def side(task: str, lang: str) -> tuple[list[str], np.ndarray | None]:
        key = (task, lang)
        if key not in samples:
            samples[key] = subsample(texts[task][lang], max_texts, seed)
            if embed is not None:
                embeddings[key] = np.asarray(embed(samples[key]), dtype=float)
        return samples[key], embeddings.get(key)

    out: list[PairSimilarity] = []
    for inter in inters:
        if "en" not in texts.get(inter, {}):
            continue
        inter_texts, inter_emb = side(inter, "en")
        for target in targets:
            langs = sorted(texts.get(target, {})) if per_language else ["en"]
            for lang in langs:
                if lang not in texts.get(target, {}):
                    continue
                target_texts, target_emb = side(target, lang)
                measures = pair_measures(inter_texts, target_texts, inter_emb, target_emb,
                                         k=k, stopwords=stopwords)
                out.append(PairSimilarity(inter, target, lang, measures))
    return out


def measure_table(
    pairs: Sequence[PairSimilarity], measure: str, lang: str = "en"
) -> dict[tuple[str, str], float]:
    """(inter, target) -> value of one measure, for one target language."""
    return {(p.inter, p.target): p.measures[measure]
            for p in pairs if p.lang == lang and measure in p.measures}
