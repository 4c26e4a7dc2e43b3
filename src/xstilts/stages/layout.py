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


def target_dir(run: str, task: str) -> Path:
    return Path("models/target") / f"{run}-{task}"


def run_predictions(run: str) -> Path:
    return Path("predictions") / run


def predictions_dir(run: str, split: str) -> Path:
    return run_predictions(run) / split


def seeds_root(run: str, task: str) -> Path:
    """Predictions of a target task's extra seeds: one folder per (run, task), so each target
    stage owns exactly one DVC output for all its extra seeds."""
    return Path("predictions") / run / "seeds" / task


def seed_predictions_root(run: str, task: str, seed: int) -> Path:
    """Like predictions/<run>: holds <split>/<task>/<split>-<lang>.<ext> for one extra seed."""
    return seeds_root(run, task) / f"seed-{seed}"


def prepared_split(task: str, split: str, lang: str) -> Path:
    return PREPARED / task / f"{split}-{lang}"


def state_dir(stage: str) -> Path:
    return STATE / stage
