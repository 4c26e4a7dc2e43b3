"""Deliver spooled runs (journals left under `<root>/.mlflow-spool/`) to their MLflow store.

Idempotent: a run already in the store (created live before the server died, or by an earlier
sync that was interrupted) is found again, by the id the journal recorded or by its
`xstilts.spool_id` tag, and only what it lacks is added: params it does not have, metric
points (key, step, timestamp, value) not in its history, artifacts that were never uploaded.
A journal is deleted once its run is complete in the store, so a second sync has nothing to do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from xstilts.tracking import client as mlc
from xstilts.tracking.journal import claimed, pending_journals, read_events, remove_journal
from xstilts.tracking.pipeline import PARENT_TAG, find_or_create_parent
from xstilts.tracking.stage import SPOOL_ID_TAG
from xstilts.tracking.store import bound_http_waits, is_remote, local_artifact_location

if TYPE_CHECKING:
    from mlflow import MlflowClient

Outcome = Literal["synced", "running", "failed"]


@dataclass(frozen=True)
class SyncResult:
    journal: Path
    outcome: Outcome  # "running": its stage is still writing it; left for a later sync
    run_id: str | None
    tracking_uri: str | None
    detail: str


def sync_spool(root: str | Path = ".", tracking_uri: str | None = None) -> list[SyncResult]:
    """Sync every journal in the spool of pipeline root `root`, oldest first.

    Each run goes to `tracking_uri` when given, else to the store it was started against.
    """
    return [sync_journal(path, tracking_uri) for path in pending_journals(Path(root))]


def sync_journal(path: Path, tracking_uri: str | None = None) -> SyncResult:
    """Deliver one journal; never raises (a failure is reported in the result)."""
    with claimed(path) as ours:
        if not ours:
            return SyncResult(path, "running", None, None, "its stage is still running")
        uri: str | None = tracking_uri
        try:
            events = read_events(path)
            if not events and not path.read_text(encoding="utf-8").strip():
                # Opened by a stage that died before writing anything: nothing to deliver.
                remove_journal(path)
                return SyncResult(path, "synced", None, uri, "empty journal removed")
            start = next((e for e in events if e["op"] == "start"), None)
            if start is None:
                return SyncResult(path, "failed", None, uri, "no start event: not a run journal")
            uri = tracking_uri or start["tracking_uri"]
            run_id, detail = _replay(events, start, str(uri))
        except Exception as error:
            return SyncResult(path, "failed", None, uri, f"{type(error).__name__}: {error}")
        remove_journal(path)
        return SyncResult(path, "synced", run_id, uri, detail)


def _replay(events: list[dict[str, Any]], start: dict[str, Any], uri: str) -> tuple[str, str]:
    if is_remote(uri):
        bound_http_waits()
    artifacts = None if is_remote(uri) else local_artifact_location(Path(start["root"]), uri)
    client, experiment_id = mlc.open_store(uri, start["experiment"], artifacts)

    run_id = _existing_run(client, experiment_id, events, start["spool_id"])
    created = run_id is None
    if run_id is None:
        lock = Path(start["root"]) / ".mlflow-spool" / "pipeline.lock"
        parent = find_or_create_parent(
            client,
            experiment_id,
            start["pipeline_id"],
            start["parent_tags"],
            start["start_time"],
            lock if lock.parent.is_dir() else None,
        )
        run = client.create_run(
            experiment_id,
            start_time=start["start_time"],
            tags={**start["tags"], PARENT_TAG: parent},
            run_name=start["run_name"],
        )
        run_id = run.info.run_id
    notes: list[str] = []

    params: dict[str, str] = {}
    tags: dict[str, str] = {}
    rows: list[list[Any]] = []
    for event in events:
        if event["op"] == "params":
            params.update(event["params"])
        elif event["op"] == "tags":
            tags.update(event["tags"])
        elif event["op"] == "metrics":
            rows.extend(event["metrics"])

    if not created:
        existing = client.get_run(run_id).data.params
        conflicts = sorted(k for k, v in params.items() if k in existing and existing[k] != v)
        if conflicts:
            notes.append(f"params already set with other values, kept: {', '.join(conflicts)}")
        params = {k: v for k, v in params.items() if k not in existing}
        rows = _new_points(client, run_id, rows)
    mlc.log_params(client, run_id, params)
    mlc.set_tags(client, run_id, tags)
    mlc.log_metrics(client, run_id, mlc.to_metrics(rows))
    notes.extend(_replay_artifacts(client, run_id, events, created))

    end = next((e for e in reversed(events) if e["op"] == "end"), None)
    if end is None:
        # The stage process died without ending its run.
        status, end_time = "KILLED", _last_time(events, start["start_time"])
    else:
        status, end_time = end["status"], end["end_time"]
    client.set_terminated(run_id, status=status, end_time=end_time)
    _close_parent(client, run_id, status, end_time)
    return run_id, "; ".join(notes) or f"{len(rows)} metric points, {len(params)} params"


def _existing_run(
    client: MlflowClient, experiment_id: str, events: list[dict[str, Any]], spool_id: str
) -> str | None:
    from mlflow.exceptions import MlflowException

    linked = next((e for e in reversed(events) if e["op"] == "linked"), None)
    if linked is not None:
        try:
            run = client.get_run(linked["run_id"])
            if run.data.tags.get(SPOOL_ID_TAG) == spool_id:
                return run.info.run_id
        except MlflowException:
            pass  # not in this store (synced elsewhere, or the store was reset)
    found = client.search_runs(
        [experiment_id], filter_string=f"tags.`{SPOOL_ID_TAG}` = '{spool_id}'", max_results=1
    )
    return found[0].info.run_id if found else None


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def _new_points(client: MlflowClient, run_id: str, rows: list[list[Any]]) -> list[list[Any]]:
    """The metric rows the run's history does not hold yet."""
    fresh = []
    history: dict[str, list[Any]] = {}
    for key, value, step, timestamp in rows:
        if key not in history:
            history[key] = client.get_metric_history(run_id, key)
        if not any(
            m.step == step and m.timestamp == timestamp and _same(m.value, float(value))
            for m in history[key]
        ):
            fresh.append([key, value, step, timestamp])
    return fresh


def _replay_artifacts(
    client: MlflowClient, run_id: str, events: list[dict[str, Any]], created: bool
) -> list[str]:
    notes = []
    for event in (e for e in events if e["op"] == "artifact"):
        if event["delivered"] and not created:
            continue  # uploaded live to this very run
        path = Path(event["path"])
        if not path.exists():
            notes.append(f"artifact {path} no longer exists, not uploaded")
            continue
        mlc.upload_artifact(client, run_id, path, event["artifact_path"])
    return notes


def _last_time(events: list[dict[str, Any]], default: int) -> int:
    times = [default]
    for event in events:
        if event["op"] == "metrics":
            times.extend(int(row[3]) for row in event["metrics"])
        elif event["op"] == "fallback":
            times.append(int(event["time"]))
    return max(times)


def _close_parent(client: MlflowClient, run_id: str, status: str, end_time: int) -> None:
    """Mark the parent ended, unless a later stage already ended it later."""
    parent_id = client.get_run(run_id).data.tags.get(PARENT_TAG)
    if not parent_id:
        return
    parent = client.get_run(parent_id)
    if parent.info.end_time is None or parent.info.end_time <= end_time:
        parent_status = "FINISHED" if status == "FINISHED" else "FAILED"
        client.set_terminated(parent_id, status=parent_status, end_time=end_time)
