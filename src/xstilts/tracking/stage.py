"""The facade the stages use: one MLflow child run per stage, under the pipeline's parent run.

    with stage_run("intermediate@xnli", config, root) as run:
        for step, loss in enumerate(losses):
            run.log_metrics({"train/loss": loss}, step=step)
        run.log_metrics({"dev/accuracy": acc})
        run.log_artifact(root / "scores" / "xnli.json")

Tracking never makes a stage fail: every method swallows its own errors. If the store cannot
be reached at start, or a call to it fails mid-run, the run carries on into the local spool
(journal.py), a `TrackingWarning` says so, and `xstilts sync-runs` delivers it afterwards.
Exceptions raised by the stage itself inside the `with` block propagate unchanged (the run is
marked FAILED, or KILLED on Ctrl-C).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xstilts.fileio import write_text_atomic
from xstilts.tracking import client as mlc
from xstilts.tracking.environment import environment_tags
from xstilts.tracking.gpu import GpuUsage, gpu_inventory
from xstilts.tracking.journal import Journal
from xstilts.tracking.params import canonical_json, clean_key, flatten_params
from xstilts.tracking.pipeline import (
    PARENT_TAG,
    PIPELINE_TAG,
    ROLE_TAG,
    find_or_create_parent,
    pipeline_run_id,
)
from xstilts.tracking.store import (
    bound_http_waits,
    experiment_name,
    is_remote,
    local_artifact_location,
    tracking_uri,
)
from xstilts.tracking.warning import SYNC_COMMAND, warn

if TYPE_CHECKING:
    from mlflow import MlflowClient

SPOOL_ID_TAG = "xstilts.spool_id"
# Why a FAILED run failed: the error's message (a stage that exits non-zero, or raises).
ERROR_TAG = "xstilts.error"
_ERROR_TAG_CHARS = 5000  # MLflow's limit on a tag value is 8000

# Metrics are written to the journal at once but sent to the store in batches: one HTTP call
# per training step would slow a fast loop down. A batch leaves when it is this big or old.
_FLUSH_EVERY_METRICS = 500
_FLUSH_EVERY_S = 5.0


def _now_ms() -> int:
    return int(time.time() * 1000)


def _new_spool_id() -> str:
    # Time first, so that journals sort in the order their stages started.
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:12]


class StageRun:
    """One stage's run. Use `stage_run(...)`, which starts and ends it."""

    def __init__(self, stage: str, root: Path, uri: str, deliver: str = "live",
                 params_file: Path | None = None) -> None:
        self.stage = stage
        self.params_file = params_file  # the stage's --params: names the pipeline run
        # "at_end": the run goes to the spool only and reaches the store with the next
        # `xstilts sync-runs` (scripts/repro.sh runs it after `dvc repro`): no MLflow import
        # per stage, which is most of a short stage's time (the demo's 114 stages).
        self._deferred = deliver == "at_end"
        self.root = root
        self.tracking_uri = uri
        self.spool_id = _new_spool_id()
        self.run_id: str | None = None  # id in the store; None when the store was never reached
        self.parent_run_id: str | None = None
        self._client: MlflowClient | None = None  # None once delivery has fallen back to spool
        self._journal: Journal | None = None
        self._lock = threading.RLock()  # the system-metrics thread logs too
        self._pending: list[list[Any]] = []  # metric rows not yet sent to the store
        self._last_flush = time.monotonic()
        self._fell_back = False
        self._lost_warned = False
        self._sampler: Any = None
        self._gpu_usage: GpuUsage | None = None

    # -- what stages call -------------------------------------------------------------------

    @property
    def spooled(self) -> bool:
        """True once the run is (also) kept in the local spool, waiting for `sync-runs`."""
        return self._fell_back or self._deferred

    @property
    def journal_path(self) -> Path | None:
        return None if self._journal is None else self._journal.path

    def log_params(self, params: Mapping[str, Any]) -> None:
        """Log (nested) params as flat `section.key` MLflow params."""
        try:
            flat = flatten_params(params)
            with self._lock:
                self._record({"op": "params", "params": flat})
                self._deliver(lambda c: mlc.log_params(c, self._run_id(), flat))
        except Exception as error:  # tracking must never fail the stage
            warn(f"tracking: could not log params of {self.stage}: {error}")

    def log_metrics(self, metrics: Mapping[str, Any], step: int | None = None) -> None:
        """Log metrics at `step` (0 when omitted: final metrics). Values must convert to float;
        others are skipped with a warning."""
        try:
            timestamp = _now_ms()
            rows = []
            for key, value in metrics.items():
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    warn(f"tracking: metric {key!r} of {self.stage} is not a number: {value!r}")
                    continue
                rows.append([clean_key(str(key)), number, int(step or 0), timestamp])
            if not rows:
                return
            with self._lock:
                self._record({"op": "metrics", "metrics": rows})
                if self._client is not None:
                    self._pending.extend(rows)
                    if (
                        len(self._pending) >= _FLUSH_EVERY_METRICS
                        or time.monotonic() - self._last_flush >= _FLUSH_EVERY_S
                    ):
                        self.flush()
        except Exception as error:
            warn(f"tracking: could not log metrics of {self.stage}: {error}")

    def log_metric(self, key: str, value: float, step: int | None = None) -> None:
        self.log_metrics({key: value}, step=step)

    def set_tags(self, tags: Mapping[str, Any]) -> None:
        try:
            clean = {clean_key(str(k)): str(v) for k, v in tags.items()}
            with self._lock:
                self._record({"op": "tags", "tags": clean})
                self._deliver(lambda c: mlc.set_tags(c, self._run_id(), clean))
        except Exception as error:
            warn(f"tracking: could not set tags of {self.stage}: {error}")

    def log_artifact(self, path: str | Path, artifact_path: str | None = None) -> None:
        """Log a file, or a folder (kept under its own name), under `artifact_path`."""
        try:
            source = Path(path).resolve()
            if not source.exists():
                warn(f"tracking: artifact {source} of {self.stage} does not exist; not logged")
                return
            with self._lock:
                delivered = self._deliver(
                    lambda c: mlc.upload_artifact(c, self._run_id(), source, artifact_path)
                )
                if delivered:
                    kept = source
                elif self._journal is not None:
                    kept = self._journal.keep_copy(source)
                else:
                    self._warn_lost()
                    return
                self._record(
                    {
                        "op": "artifact",
                        "path": str(kept),
                        "artifact_path": artifact_path,
                        "delivered": delivered,
                    }
                )
        except Exception as error:
            warn(f"tracking: could not log artifact {path} of {self.stage}: {error}")

    def flush(self) -> None:
        """Send buffered metrics to the store now (the end of the run does this too)."""
        with self._lock:
            self._last_flush = time.monotonic()
            if not self._pending:
                return
            rows, self._pending = self._pending, []
            self._deliver(lambda c: mlc.log_metrics(c, self._run_id(), mlc.to_metrics(rows)))

    # -- delivery and fallback --------------------------------------------------------------

    def _run_id(self) -> str:
        assert self.run_id is not None, "delivery is only attempted once the run exists"
        return self.run_id

    def _deliver(self, call: Any) -> bool:
        """Run `call(client)` against the store; on any error switch to the spool for good."""
        if self._client is None:
            return False
        try:
            call(self._client)
            return True
        except Exception as error:
            self._fall_back(f"{type(error).__name__}: {error}")
            return False

    def _fall_back(self, reason: str) -> None:
        # Once the store has failed, the rest of the run goes to the spool only: retrying every
        # call against a dead server would stall training for a timeout each time.
        self._client = None
        self._pending = []
        self._fell_back = True
        self._record({"op": "fallback", "reason": reason[:2000], "time": _now_ms()})
        where = f"kept in {self._journal.path}" if self._journal else "NOT kept (spool unusable)"
        warn(
            f"tracking: the MLflow store {self.tracking_uri} failed for stage {self.stage} "
            f"({reason.splitlines()[0][:300] if reason else 'unknown error'}); the stage goes "
            f"on and its run is {where}. Deliver it afterwards with "
            f"`{SYNC_COMMAND} --root {self.root}`."
        )

    def _record(self, event: dict[str, Any]) -> None:
        """Append to the journal; a failing journal is dropped (the store still gets the data)."""
        if self._journal is None:
            if self._client is None:
                self._warn_lost()
            return
        try:
            self._journal.append(event)
        except Exception as error:
            journal, self._journal = self._journal, None
            journal.close()
            warn(f"tracking: spool journal {journal.path} failed ({error}); not journaling")
            if self._client is None:
                self._warn_lost()

    def _warn_lost(self) -> None:
        if not self._lost_warned:
            self._lost_warned = True
            warn(
                f"tracking: neither the MLflow store {self.tracking_uri} nor the spool under "
                f"{self.root} works; tracking data of {self.stage} is being lost (the stage "
                "itself goes on)"
            )

    # -- start and end ----------------------------------------------------------------------

    def _start(self, params: Mapping[str, Any], experiment: str, with_system_metrics: bool) -> None:
        start_time = _now_ms()
        try:
            self._journal = Journal(self.root, self.spool_id)
        except Exception as error:
            warn(f"tracking: cannot open the spool under {self.root} ({error}); not journaling")
        pipeline_id = self._describe("the pipeline run id", "unknown", pipeline_run_id, self.root,
                                     self.params_file)
        tags = {
            **self._describe(
                "environment tags", {}, environment_tags, self.root, params, self.stage
            ),
            **self._describe("GPU tags", {}, gpu_inventory),
            ROLE_TAG: "stage",
            PIPELINE_TAG: pipeline_id,
            SPOOL_ID_TAG: self.spool_id,
        }
        parent_tags = self._describe("environment tags", {}, environment_tags, self.root)
        self._record(
            {
                "op": "start",
                "version": 1,
                "spool_id": self.spool_id,
                "root": str(self.root),
                "tracking_uri": self.tracking_uri,
                "experiment": experiment,
                "run_name": self.stage,
                "pipeline_id": pipeline_id,
                "tags": tags,
                "parent_tags": parent_tags,
                "start_time": start_time,
            }
        )
        if self._deferred:
            self._record({"op": "deferred", "time": start_time})
        else:
            self._connect(experiment, pipeline_id, tags, parent_tags, start_time)
        self.log_params(params)
        self._log_params_file(params)
        self._gpu_usage = GpuUsage()  # peak memory and energy, with or without system metrics
        if with_system_metrics and not self._deferred:  # MLflow's sampler imports mlflow
            self._start_sampler()

    def _describe(self, what: str, default: Any, function: Any, *args: Any) -> Any:
        # A run with fewer tags is better than no run: a failure here only costs the tags.
        try:
            return function(*args)
        except Exception as error:
            warn(f"tracking: no {what} for {self.stage}: {type(error).__name__}: {error}")
            return default

    def _connect(
        self,
        experiment: str,
        pipeline_id: str,
        tags: dict[str, str],
        parent_tags: dict[str, str],
        start_time: int,
    ) -> None:
        if is_remote(self.tracking_uri):
            bound_http_waits()
        try:
            artifacts = None if is_remote(self.tracking_uri) else local_artifact_location(
                self.root, self.tracking_uri)
            client, experiment_id = mlc.open_store(self.tracking_uri, experiment, artifacts)
            lock = None if self._journal is None else self._journal.path.parent / "pipeline.lock"
            parent = find_or_create_parent(
                client, experiment_id, pipeline_id, parent_tags, start_time, lock
            )
            run = client.create_run(
                experiment_id,
                start_time=start_time,
                tags={**tags, PARENT_TAG: parent},
                run_name=self.stage,
            )
            client.update_run(parent, status="RUNNING")
        except Exception as error:
            self._fall_back(f"{type(error).__name__}: {error}")
            return
        self._client = client
        self.run_id = run.info.run_id
        self.parent_run_id = parent
        self._record({"op": "linked", "run_id": self.run_id, "parent_run_id": parent})

    def _log_params_file(self, params: Mapping[str, Any]) -> None:
        # The full resolved params as one artifact: flat MLflow params lose types and cut long
        # values. Written inside the spool so that a later sync can still upload it.
        if self._journal is not None:
            folder = self._journal.artifact_dir / "params"
            folder.mkdir(parents=True, exist_ok=True)
        else:
            folder = Path(tempfile.mkdtemp(prefix="xstilts-params-"))
        try:
            path = folder / "params.json"
            write_text_atomic(path, json.dumps(json.loads(canonical_json(params)), indent=2) + "\n")
            self.log_artifact(path)
        except Exception as error:
            warn(f"tracking: could not write params.json of {self.stage}: {error}")
        finally:
            if self._journal is None:
                shutil.rmtree(folder, ignore_errors=True)

    def _start_sampler(self) -> None:
        try:
            from xstilts.tracking.system_metrics import SystemMetricsSampler

            self._sampler = SystemMetricsSampler(
                lambda metrics, step: self.log_metrics(metrics, step=step),
                self.tracking_uri,
                self._gpu_usage,
            )
            self._sampler.start()
        except Exception as error:
            self._sampler = None
            warn(f"tracking: no system metrics for {self.stage}: {error}")

    def _end(self, status: str, error: BaseException | None = None) -> None:
        if status == "FAILED" and error is not None:
            self.set_tags({ERROR_TAG: _error_text(error)})
        try:
            if self._sampler is not None:
                self._sampler.finish()
            if self._gpu_usage is not None:
                self.log_metrics(self._gpu_usage.finish())
        except Exception as error:
            warn(f"tracking: could not collect final system metrics of {self.stage}: {error}")
        with self._lock:
            end_time = _now_ms()
            self.flush()
            self._deliver(lambda c: self._terminate(c, status, end_time))
            self._record({"op": "end", "status": status, "end_time": end_time})
            if self._journal is None:
                return
            if self._deferred:
                self._journal.close()  # delivered by the pipeline's `sync-runs`
            elif self._fell_back:
                self._journal.close()
                warn(
                    f"tracking: run of stage {self.stage} is waiting in {self._journal.path}; "
                    f"deliver it with `{SYNC_COMMAND} --root {self.root}`"
                )
            else:
                self._journal.discard()  # everything reached the store

    def _terminate(self, client: MlflowClient, status: str, end_time: int) -> None:
        client.set_terminated(self._run_id(), status=status, end_time=end_time)
        if self.parent_run_id is not None:
            parent_status = "FINISHED" if status == "FINISHED" else "FAILED"
            client.set_terminated(self.parent_run_id, status=parent_status, end_time=end_time)


def _system_metrics_enabled(requested: bool | None) -> bool:
    if requested is not None:
        return requested
    # MLflow's own switch for system metrics, honoured when set to false.
    setting = os.environ.get("MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING", "true").strip().lower()
    return setting not in {"false", "0", "no"}


def _error_text(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    if not isinstance(error, StageFailed):
        text = f"{type(error).__name__}: {text}"
    return text[-_ERROR_TAG_CHARS:]


class StageFailed(Exception):
    """Raised inside `stage_run` for a stage that reported its error and returned an exit
    code instead of raising; the run is marked FAILED with the message as ERROR_TAG."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _status_for(error: BaseException | None) -> str:
    if error is None:
        return "FINISHED"
    if isinstance(error, SystemExit) and error.code in (0, None):
        return "FINISHED"
    if isinstance(error, KeyboardInterrupt):
        return "KILLED"
    return "FAILED"


@contextmanager
def stage_run(
    stage: str,
    params: Mapping[str, Any],
    root: str | Path = ".",
    *,
    experiment: str | None = None,
    log_system_metrics: bool | None = None,
    deliver: str = "live",
    params_file: Path | None = None,
) -> Iterator[StageRun]:
    """Track one stage as an MLflow child run of the pipeline's parent run.

    `stage` is the DVC stage name (`intermediate@xnli`), `params` the resolved params the stage
    runs with, `root` the pipeline root (where `mlflow.db` and `.mlflow-spool/` live). The store
    is `MLFLOW_TRACKING_URI`, else `sqlite:///<root>/mlflow.db`; the experiment is
    `experiment`, else `MLFLOW_EXPERIMENT_NAME`, else "xstilts". System metrics are on unless
    `log_system_metrics=False` or `MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING=false`.
    `deliver="at_end"` keeps the run in the spool for `xstilts sync-runs` (params
    `tracking.deliver`); system metrics are then limited to the GPU peak memory and energy.
    `params_file` (the stage's `--params`, default `<root>/params.yaml`) names the pipeline run.
    """
    pipeline_root = Path(root).resolve()
    run = StageRun(stage, pipeline_root, tracking_uri(pipeline_root), deliver, params_file)
    try:
        run._start(
            params, experiment or experiment_name(), _system_metrics_enabled(log_system_metrics)
        )
    except Exception as error:  # a bug in tracking itself: still never the stage's problem
        warn(f"tracking: could not start the run of {stage}: {error}")
    error: BaseException | None = None
    try:
        yield run
    except BaseException as raised:
        error = raised
        raise
    finally:
        try:
            run._end(_status_for(error), error)
        except Exception as end_error:
            warn(f"tracking: could not end the run of {stage}: {end_error}")
