"""Each stage command runs inside one MLflow child run (tracking/), unless tracking is off.

Tracking never fails a stage (tracking/stage.py swallows its own errors and spools runs
locally when the server is unreachable); this adapter only maps params onto it and gives the
training loop its per-step callback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xstilts.config import Params


class Tracker:
    """What a stage logs: per-step training metrics, final metrics, artifacts."""

    def __init__(self, run: Any = None) -> None:
        self._run = run

    def log_step(self, step: int, metrics: dict[str, float]) -> None:
        if self._run is not None:
            self._run.log_metrics(metrics, step=step)

    def log_metrics(self, metrics: dict[str, float]) -> None:
        if self._run is not None:
            self._run.log_metrics(metrics)

    def log_artifact(self, path: Path) -> None:
        if self._run is not None and Path(path).exists():
            self._run.log_artifact(Path(path))


@contextmanager
def tracked_stage(stage: str, params: Params, root: Path = Path(".")) -> Iterator[Tracker]:
    if not params.tracking.enabled:
        yield Tracker()
        return
    from xstilts.tracking.stage import stage_run

    if params.tracking.uri and "MLFLOW_TRACKING_URI" not in os.environ:
        os.environ["MLFLOW_TRACKING_URI"] = params.tracking.uri
    with stage_run(stage, params.model_dump(mode="json"), root,
                   experiment=params.tracking.experiment) as run:
        yield Tracker(run)
