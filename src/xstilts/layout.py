"""Where each stage reads and writes, relative to the pipeline root (docs/INTERFACES.md)."""

from __future__ import annotations

from pathlib import Path

RAW = Path("data/raw")
PREPARED = Path("data/prepared")
LABELS = Path("labels")
PRETRAINED = Path("models/pretrained")
TEXTS = Path("data/texts")
# Resumable training state lives outside DVC outs: DVC deletes a stage's outs before it runs,
# and a killed run must find its last complete state there.
STATE = Path(".xstilts-state")


def intermediate_dir(run: str) -> Path:
    return Path("models/intermediate") / run


def target_dir(run: str, finetune: str) -> Path:
    """The checkpoint of one target cell: `run`'s encoder fine-tuned as `finetune`."""
    return Path("models/target") / f"{run}-{finetune}"


def run_predictions(run: str) -> Path:
    return Path("predictions") / run


def target_predictions(run: str, finetune: str) -> Path:
    """One target cell's predictions (its only DVC output besides the checkpoint), in XTREME's
    layout per split: `<split>/<task>/<split>-<lang>.<ext>` for dev, test and `selection`, for
    every target task of the fine-tune (`squad`: xquad and mlqa)."""
    return run_predictions(run) / "target" / finetune


def retrieval_predictions(run: str) -> Path:
    """The retrieval stage's predictions (BUCC, Tatoeba), same layout, plus retrieval.json
    and the layer sweep under layers/."""
    return run_predictions(run) / "retrieval"


def seeds_root(run: str, finetune: str) -> Path:
    """Predictions of a target cell's extra seeds (inside the cell's own output folder)."""
    return target_predictions(run, finetune) / "seeds"


def seed_predictions_root(run: str, finetune: str, seed: int) -> Path:
    """Like target_predictions: holds <split>/<task>/<split>-<lang>.<ext> for one extra seed."""
    return seeds_root(run, finetune) / f"seed-{seed}"


def prepared_split(task: str, split: str, lang: str) -> Path:
    return PREPARED / task / f"{split}-{lang}"


def state_dir(stage: str) -> Path:
    return STATE / stage
