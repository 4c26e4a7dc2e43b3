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


def predictions_dir(run: str, split: str) -> Path:
    return Path("predictions") / run / split


def prepared_split(task: str, split: str, lang: str) -> Path:
    return PREPARED / task / f"{split}-{lang}"


def state_dir(stage: str) -> Path:
    return STATE / stage
