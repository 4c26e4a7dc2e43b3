"""Each stage command runs inside one MLflow child run (tracking/), unless tracking is off.

Tracking never fails a stage (tracking/stage.py swallows its own errors and spools runs
locally when the server is unreachable); this adapter only maps params onto it and gives the
training loop its per-step callback.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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

    def set_tags(self, tags: dict[str, str]) -> None:
        if self._run is not None:
            self._run.set_tags(tags)

    def log_artifact(self, path: Path) -> None:
        if self._run is not None and Path(path).exists():
            self._run.log_artifact(Path(path))


# The run of the stage command in progress: set by `tracked_stage` (the CLI wraps every stage
# command in one), read by stage code that logs per-step metrics. One per process.
_CURRENT: ContextVar[Tracker | None] = ContextVar("xstilts_tracker", default=None)


def current_tracker() -> Tracker:
    """The active stage run, or a tracker that logs nothing (e.g. a stage called from a test)."""
    return _CURRENT.get() or Tracker()


def stage_name(command: str) -> str:
    """The DVC stage name (`target@mnli-xnli`) when DVC runs the command, else the command."""
    return os.environ.get("DVC_STAGE", command).rsplit(":", 1)[-1]


@contextmanager
def tracked_stage(stage: str, params: Params, root: Path = Path("."),
                  params_file: Path | None = None) -> Iterator[Tracker]:
    """The stage's MLflow run; none when tracking is off or on a torchrun rank other than 0."""
    from xstilts.training.distributed import launched_rank

    if not params.tracking.enabled or launched_rank() != 0:
        yield Tracker()
        return
    from xstilts.tracking.stage import stage_run

    if params.tracking.uri and "MLFLOW_TRACKING_URI" not in os.environ:
        os.environ["MLFLOW_TRACKING_URI"] = params.tracking.uri
    os.environ.setdefault("MLFLOW_EXPERIMENT_NAME", params.tracking.experiment)
    with stage_run(stage, params.model_dump(mode="json"), root,
                   experiment=params.tracking.experiment,
                   deliver=params.tracking.deliver, params_file=params_file) as run:
        tracker = Tracker(run)
        token = _CURRENT.set(tracker)
        try:
            yield tracker
        finally:
            _CURRENT.reset(token)


def run_tracked_command(stage: str, params: Params, command: Callable[[], int],
                        params_file: Path | None = None) -> int:
    """Run a stage command inside its MLflow run; a non-zero exit code marks the run FAILED,
    with the last lines the command wrote to stderr (its error message) as the error tag, and
    leaves a failure record for the pipeline summary (stages/outcomes.py)."""
    import traceback

    from xstilts.stages.outcomes import clear_failure, record_failure
    from xstilts.tracking.stage import StageFailed

    tail = _StderrTail(sys.stderr)
    try:
        with tracked_stage(stage, params, params_file=params_file):
            sys.stderr = tail
            try:
                code = int(command() or 0)
            finally:
                sys.stderr = tail.stream
            if code != 0:
                raise StageFailed(tail.text() or f"{stage} exited with code {code}", code)
    except StageFailed as failed:
        record_failure(stage, failed.exit_code, tail.text())
        return failed.exit_code
    except BaseException:
        record_failure(stage, 1, f"{tail.text()}\n{traceback.format_exc()}")
        raise
    clear_failure(stage)
    return code


class _StderrTail(io.TextIOBase):
    """sys.stderr as the stage sees it: written through at once, the last few KB kept."""

    KEEP = 4000

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self._kept = ""

    def write(self, text: str) -> int:
        self._kept = (self._kept + text)[-self.KEEP:]
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def text(self) -> str:
        return self._kept.strip()
