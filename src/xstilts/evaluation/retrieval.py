"""BUCC and Tatoeba straight from an encoder checkpoint, written in XTREME's layout.

No target training (the paper's phase 3 skips it for retrieval): sentences are embedded
with the intermediate checkpoint's encoder (`embedding`), Tatoeba takes the nearest
neighbour (`tatoeba`), BUCC mines with the ratio margin and a threshold tuned on the dev
(sample) gold (`bucc`). Files: `<out_root>/<split>/<task>/<split>-<lang>.tsv`, with
`out_root` = `predictions/<inter>` (INTERFACES.md), plus `<out_root>/retrieval.json`
recording the layer, pooling and thresholds used (LESSONS.md: XTREME's driver silently used
another layer and pooling than it asked for).

A layer sweep embeds once and evaluates every requested hidden state; each layer's files go
to `<sweep_root>/layer-<NN>/...`, ready for `xstilts score`, and `on_layer` is called with
each layer's predictions so the caller can score in-process.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import torch

from xstilts.evaluation.bucc import (
    NEIGHBOURS,
    Pair,
    Threshold,
    apply_threshold,
    bucc_side,
    candidates_by_id,
    mine,
    select_threshold,
)
from xstilts.evaluation.embedding import (
    BATCH_SIZE,
    MAX_LENGTH,
    POOLINGS,
    effective_max_length,
    embed_sentences,
    load_encoder,
    resolve_layer,
)
from xstilts.evaluation.knn import BLOCK_SIZE
from xstilts.evaluation.layout import layout_path
from xstilts.evaluation.tatoeba import tatoeba_predictions
from xstilts.evaluation.writers import write_indices, write_pairs
from xstilts.fileio import write_text_atomic
from xstilts.tasks.registry import get_task
from xstilts.tasks.schema import RetrievalCorpus
from xstilts.tasks.spec import SELECTION

log = logging.getLogger(__name__)

TATOEBA, BUCC = "tatoeba", "bucc2018"


@dataclass
class LayerPredictions:
    """Everything one hidden-state index produced. Keys are (split, lang)."""

    layer: int
    pooling: str
    root: Path  # where its files went last: the sweep folder when the layer was swept
    tatoeba: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    bucc: dict[tuple[str, str], list[Pair]] = field(default_factory=dict)
    bucc_thresholds: dict[str, Threshold] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def _check_split(corpora: Sequence[RetrievalCorpus], split: str) -> None:
    for corpus in corpora:
        if corpus.split != split:
            raise ValueError(
                f"{corpus.task}/{corpus.lang}: corpus of split {corpus.split!r} passed as {split}"
            )
        if corpus.task not in (TATOEBA, BUCC):
            raise ValueError(f"unknown retrieval task {corpus.task!r} (allowed: {TATOEBA}, {BUCC})")


def _layer_root(out_root: Path, sweep_root: Path | None, layer: int, main: int) -> list[Path]:
    roots = [out_root] if layer == main else []
    if sweep_root is not None:
        roots.append(sweep_root / f"layer-{layer:02d}")
    return roots


def run_retrieval(
    model_dir: str | Path,
    corpora_dev: Sequence[RetrievalCorpus],
    corpora_test: Sequence[RetrievalCorpus],
    out_root: str | Path,
    *,
    layer: int | None = None,
    pooling: str = "mean",
    sweep_layers: Sequence[int] | Literal["all"] | None = None,
    sweep_root: str | Path | None = None,
    max_length: int = MAX_LENGTH,
    batch_size: int = BATCH_SIZE,
    k: int = NEIGHBOURS,
    block_size: int = BLOCK_SIZE,
    device: str | None = None,
    layers_per_pass: int | None = None,
    on_layer: Callable[[LayerPredictions], None] | None = None,
) -> dict[int, LayerPredictions]:
    """Embed, retrieve and write predictions; return them per hidden-state index.

    `layer` None = the relative-depth default (14 of 24). BUCC test needs the dev corpus of
    the same language (its threshold comes from there); dev predictions use the threshold
    tuned on that same dev gold, so dev BUCC scores are optimistic by construction.

    Memory: one BUCC language holds `layers × sentences × hidden × 4` bytes of embeddings
    (BUCC test, ~4e5 sentences a side at hidden 1024: 1.6 GB per layer and side). For a
    full sweep, `layers_per_pass` bounds that by re-running the encoder per group of layers.
    """
    if pooling not in POOLINGS:
        raise ValueError(f"unknown pooling {pooling!r} (allowed: {', '.join(POOLINGS)})")
    _check_split(corpora_dev, "dev")
    _check_split(corpora_test, "test")
    if layers_per_pass is not None and layers_per_pass < 1:
        raise ValueError(f"layers_per_pass must be at least 1, got {layers_per_pass}")
    if sweep_layers is not None and sweep_root is None:
        raise ValueError("a layer sweep needs sweep_root (where the per-layer files go)")
    dev_bucc = {c.lang: c for c in corpora_dev if c.task == BUCC}
    for corpus in corpora_test:
        if corpus.task == BUCC and corpus.lang not in dev_bucc:
            raise ValueError(
                f"bucc2018/{corpus.lang}: test mining needs the dev (sample) corpus of the "
                "same language to choose the score threshold; pass it in corpora_dev"
            )
    for corpus in dev_bucc.values():
        if not corpus.gold:
            raise ValueError(f"bucc2018/{corpus.lang}: the dev corpus has no gold pairs")

    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    model, tokenizer = load_encoder(model_dir, device)
    num_layers = model.config.num_hidden_layers
    max_length = effective_max_length(model, max_length)  # warns once if capped
    main = resolve_layer(num_layers, layer)
    if sweep_layers == "all":
        sweep = list(range(num_layers + 1))
    else:
        sweep = [resolve_layer(num_layers, s) for s in (sweep_layers or [])]
    layers = sorted({main, *sweep})
    log.info("retrieval with hidden_states[%d] of %d layers, %s pooling, max_length %d (%s); "
             "sweep: %s", main, num_layers, pooling, max_length, model_dir, sweep or "none")

    out_root = Path(out_root)
    sweep_path = Path(sweep_root) if sweep_root is not None else None
    results = {
        layer_: LayerPredictions(layer=layer_, pooling=pooling, root=out_root)
        for layer_ in layers
    }

    def embed(texts: Sequence[str], group: Sequence[int] = layers) -> dict[int, np.ndarray]:
        return embed_sentences(model, tokenizer, texts, group, pooling, max_length, batch_size)

    step = layers_per_pass or len(layers)
    groups = [layers[i : i + step] for i in range(0, len(layers), step)]

    for split, corpora in (("dev", corpora_dev), ("test", corpora_test)):
        for corpus in (c for c in corpora if c.task == TATOEBA):
            source = embed([text for _, text in corpus.source])
            english = embed([text for _, text in corpus.english])
            for layer_ in layers:
                results[layer_].tatoeba[(split, corpus.lang)] = tatoeba_predictions(
                    source[layer_], english[layer_], block_size, device
                )

    test_bucc = {c.lang: c for c in corpora_test if c.task == BUCC}
    for lang, dev in dev_bucc.items():
        # Both splits of one language at a time: peak memory is one language's embeddings.
        runs = [("dev", dev)] + ([("test", test_bucc[lang])] if lang in test_bucc else [])
        candidates: dict[str, dict[int, dict[Pair, float]]] = {split: {} for split, _ in runs}
        for split, corpus in runs:
            src, en = bucc_side(corpus.source), bucc_side(corpus.english)
            for group in groups:
                src_emb, en_emb = embed(src.texts, group), embed(en.texts, group)
                for layer_ in group:
                    mined = mine(src_emb[layer_], en_emb[layer_], k, block_size, device)
                    candidates[split][layer_] = candidates_by_id(mined, src, en)
                del src_emb, en_emb
        for layer_ in layers:
            threshold = select_threshold(candidates["dev"][layer_], dev.gold)
            results[layer_].bucc_thresholds[lang] = threshold
            for split, _ in runs:
                results[layer_].bucc[(split, lang)] = apply_threshold(
                    candidates[split][layer_], threshold.value
                )
        log.info("bucc2018/%s: threshold %.4f (dev F1 %.1f) at hidden_states[%d]", lang,
                 results[main].bucc_thresholds[lang].value,
                 100 * results[main].bucc_thresholds[lang].dev_f1, main)

    for layer_ in layers:
        prediction = results[layer_]
        for root in _layer_root(out_root, sweep_path, layer_, main):
            prediction.root = root
            prediction.files.extend(
                _write_layer(root, prediction, model_dir, num_layers, max_length, k)
            )
        if on_layer is not None:
            on_layer(prediction)
    return results


def _write_layer(
    root: Path, prediction: LayerPredictions, model_dir: str | Path, num_layers: int,
    max_length: int, k: int,
) -> list[Path]:
    written: list[Path] = []
    for (split, lang), indices in prediction.tatoeba.items():
        written.append(write_indices(layout_path(root / split, TATOEBA, split, lang), indices))
    selection = get_task(BUCC).selection
    for (split, lang), pairs in prediction.bucc.items():
        written.append(write_pairs(layout_path(root / split, BUCC, split, lang), pairs))
        if selection is not None and split == selection.split and lang in selection.languages:
            # BUCC's model-selection set is its dev (sample) data: the same pairs, under the
            # name the score stage reads for selection (scores/<run>/selection.json).
            written.append(write_pairs(layout_path(root / SELECTION, BUCC, SELECTION, lang),
                                       pairs))
    meta = {
        "model_dir": str(model_dir),
        "num_layers": num_layers,
        "layer": prediction.layer,
        "layer_indexing": "hidden_states[0] = embeddings",
        "pooling": prediction.pooling,
        "max_length": max_length,
        "neighbours": k,
        "bucc_thresholds": {
            lang: asdict(t) for lang, t in sorted(prediction.bucc_thresholds.items())
        },
    }
    written.append(write_text_atomic(root / "retrieval.json", json.dumps(meta, indent=1) + "\n"))
    return written
