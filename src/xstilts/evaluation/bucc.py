"""BUCC 2018 bitext mining with the ratio margin (XTREME_SPEC.md §4.3).

The intended XTREME procedure (itself LASER's, Artetxe & Schwenk 2019), not the shipped
driver, which is broken in several places (§4.3, issues #60, #69):

1. de-duplicate identical sentences per side, embed, L2-normalise;
2. k nearest neighbours both ways, k = min(4, side size); fwd(x), bwd(y) = mean of the k cosines;
3. margin(x, y) = cos(x, y) / ((fwd(x) + bwd(y)) / 2);
4. "max" candidates: each x's best-margin neighbour and each y's, pooled, sorted by score,
   accepted greedily 1-to-1, kept if score > 0;
5. texts back to ids, dropping texts that occur more than once on a side (ambiguous);
6. the threshold that maximises F1 on the dev (BUCC "sample") gold, applied to test.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from xstilts.evaluation.knn import BLOCK_SIZE, cosine_topk, l2_normalize

log = logging.getLogger(__name__)

NEIGHBOURS = 4

Pair = tuple[str, str]


@dataclass(frozen=True)
class BuccSide:
    """One side of a corpus: the unique texts that get embedded, and the texts that map
    back to exactly one id."""

    texts: tuple[str, ...]
    text_to_id: Mapping[str, str]


def bucc_side(lines: Sequence[tuple[str, str]]) -> BuccSide:
    """Unique texts in first-occurrence order; a text seen more than once (even under the
    same id) has no id, as in XTREME's `read_sent2id`."""
    first: dict[str, str] = {}
    repeated: set[str] = set()
    for sentence_id, text in lines:
        if text in first:
            repeated.add(text)
        else:
            first[text] = sentence_id
    text_to_id = {text: sid for text, sid in first.items() if text not in repeated}
    return BuccSide(texts=tuple(first), text_to_id=text_to_id)


@dataclass(frozen=True)
class MarginCandidates:
    """The pooled "max" candidates in row-index space of the (unique) embeddings."""

    scores: np.ndarray  # float64 (n,)
    source: np.ndarray  # int64 (n,)
    english: np.ndarray  # int64 (n,)


def margin_candidates(
    fwd_sim: np.ndarray, fwd_idx: np.ndarray, bwd_sim: np.ndarray, bwd_idx: np.ndarray
) -> MarginCandidates:
    """Ratio-margin "max" candidates from the kNN lists of both directions.

    `fwd_*[x]` are x's nearest English rows and their cosines, `bwd_*[y]` y's nearest
    source rows. Each x proposes the neighbour with the best margin, and so does each y.
    """
    fwd_mean = fwd_sim.astype(np.float64).mean(axis=1)
    bwd_mean = bwd_sim.astype(np.float64).mean(axis=1)
    fwd_scores = fwd_sim / ((fwd_mean[:, None] + bwd_mean[fwd_idx]) / 2)
    bwd_scores = bwd_sim / ((fwd_mean[bwd_idx] + bwd_mean[:, None]) / 2)
    f_best = np.argmax(fwd_scores, axis=1)
    b_best = np.argmax(bwd_scores, axis=1)
    xs = np.arange(fwd_sim.shape[0])
    ys = np.arange(bwd_sim.shape[0])
    return MarginCandidates(
        scores=np.concatenate([fwd_scores[xs, f_best], bwd_scores[ys, b_best]]),
        source=np.concatenate([xs, bwd_idx[ys, b_best]]).astype(np.int64),
        english=np.concatenate([fwd_idx[xs, f_best], ys]).astype(np.int64),
    )


def greedy_one_to_one(
    candidates: MarginCandidates, min_score: float = 0.0
) -> list[tuple[float, int, int]]:
    """Accept candidates by decreasing score when neither side is taken yet.

    As in LASER's "max" strategy, a pair is marked as taken even when its score is
    ≤ `min_score`; it is only left out of the output. Ties keep the pooled order (stable).
    """
    taken_source: set[int] = set()
    taken_english: set[int] = set()
    accepted: list[tuple[float, int, int]] = []
    for i in np.argsort(-candidates.scores, kind="stable"):
        x, y = int(candidates.source[i]), int(candidates.english[i])
        if x in taken_source or y in taken_english:
            continue
        taken_source.add(x)
        taken_english.add(y)
        score = float(candidates.scores[i])
        if score > min_score:
            accepted.append((score, x, y))
    return accepted


def mine(
    source_embeddings: np.ndarray,
    english_embeddings: np.ndarray,
    k: int = NEIGHBOURS,
    block_size: int = BLOCK_SIZE,
    device: str | torch.device = "cpu",
) -> list[tuple[float, int, int]]:
    """Mined (score, source row, English row) triples, best first, 1-to-1."""
    x = l2_normalize(source_embeddings)
    y = l2_normalize(english_embeddings)
    # k = min(4, size of the side searched), so tiny corpora still have k neighbours.
    fwd_sim, fwd_idx = cosine_topk(x, y, min(k, y.shape[0]), block_size, device=device)
    bwd_sim, bwd_idx = cosine_topk(y, x, min(k, x.shape[0]), block_size, device=device)
    return greedy_one_to_one(margin_candidates(fwd_sim, fwd_idx, bwd_sim, bwd_idx))


def candidates_by_id(
    mined: Sequence[tuple[float, int, int]], source: BuccSide, english: BuccSide
) -> dict[Pair, float]:
    """(source_id, english_id) → score; pairs with an ambiguous text are dropped and a
    repeated id pair keeps its highest score (XTREME's `read_candidate2score`)."""
    by_id: dict[Pair, float] = {}
    for score, x, y in mined:
        src_id = source.text_to_id.get(source.texts[x])
        en_id = english.text_to_id.get(english.texts[y])
        if src_id is None or en_id is None:
            continue
        pair = (src_id, en_id)
        by_id[pair] = max(score, by_id.get(pair, score))
    return by_id


@dataclass(frozen=True)
class Threshold:
    value: float
    dev_f1: float  # 0..1, F1 of the dev candidates at this threshold


def select_threshold(candidates: Mapping[Pair, float], gold: Collection[Pair]) -> Threshold:
    """The score threshold with the best F1 on the dev (BUCC sample) gold.

    Walk the candidates by decreasing score; whenever F1 strictly improves, put the
    threshold midway between this candidate's score and the next one's (XTREME's
    `bucc_optimize`). After the last candidate there is no next score: its own score is
    used (XTREME indexes past the end there). With no correct candidate the threshold
    stays 0, XTREME's starting value.
    """
    gold_set = set(gold)
    if not gold_set:
        raise ValueError("cannot tune the BUCC threshold: the dev gold is empty")
    items = sorted(candidates.items(), key=lambda item: -item[1])
    threshold, best_f1, correct = 0.0, 0.0, 0
    for i, (pair, score) in enumerate(items):
        correct += pair in gold_set
        if correct == 0:
            continue
        precision, recall = correct / (i + 1), correct / len(gold_set)
        f1 = 2 * precision * recall / (precision + recall)
        if f1 > best_f1:
            best_f1 = f1
            following = items[i + 1][1] if i + 1 < len(items) else score
            threshold = (score + following) / 2
    if correct == 0:
        log.warning("no dev candidate is in the gold: BUCC threshold left at 0")
    return Threshold(value=threshold, dev_f1=best_f1)


def apply_threshold(candidates: Mapping[Pair, float], threshold: float) -> list[Pair]:
    """Pairs with score ≥ threshold, best first."""
    kept = [(score, pair) for pair, score in candidates.items() if score >= threshold]
    kept.sort(key=lambda item: -item[0])
    return [pair for _, pair in kept]
