"""Thin helpers over `mlflow.MlflowClient` shared by live logging and `sync-runs`.

mlflow is imported inside functions: importing it costs ~1 s, which the CLI's other
subcommands should not pay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlflow import MlflowClient
    from mlflow.entities import Metric

# MLflow's per-request limits for log_batch (MAX_PARAMS_TAGS_PER_BATCH, MAX_METRICS_PER_BATCH).
PARAMS_PER_BATCH = 100
TAGS_PER_BATCH = 100
METRICS_PER_BATCH = 1000


def make_client(uri: str) -> MlflowClient:
    from mlflow import MlflowClient

    return MlflowClient(tracking_uri=uri)


def open_store(uri: str, experiment: str, artifact_location: str | None) -> tuple[MlflowClient, str]:
    """A client and the experiment's id. For a local sqlite store this runs under a file lock
    beside the database: the first call creates MLflow's schema, and two stages doing that at
    once (DVC's parallel queue) leave a broken database (`_alembic_tmp_tags already exists`)."""
    from xstilts.locks import waiting_lock

    db = sqlite_path(uri)
    if db is None:
        client = make_client(uri)
        return client, ensure_experiment(client, experiment, artifact_location)
    with waiting_lock(db.parent / f".{db.name}.lock"):
        client = make_client(uri)
        return client, ensure_experiment(client, experiment, artifact_location)


def sqlite_path(uri: str) -> Path | None:
    """The database file of a `sqlite:///path` URI (None for any other store)."""
    prefix = "sqlite:///"
    if not uri.startswith(prefix) or uri[len(prefix):] in ("", ":memory:"):
        return None
    return Path(uri[len(prefix) - 1:] if uri.startswith("sqlite:////") else uri[len(prefix):])


def ensure_experiment(client: MlflowClient, name: str, artifact_location: str | None) -> str:
    """Id of experiment `name`, created (or restored from the trash) when needed."""
    from mlflow.exceptions import MlflowException

    experiment = client.get_experiment_by_name(name)
    if experiment is None:
        try:
            return client.create_experiment(name, artifact_location=artifact_location)
        except MlflowException:
            # Another stage process created it between our lookup and our create.
            experiment = client.get_experiment_by_name(name)
            if experiment is None:
                raise
    if experiment.lifecycle_stage == "deleted":
        client.restore_experiment(experiment.experiment_id)
    return experiment.experiment_id


def log_params(client: MlflowClient, run_id: str, params: Mapping[str, str]) -> None:
    from mlflow.entities import Param

    items = [Param(k, v) for k, v in params.items()]
    for i in range(0, len(items), PARAMS_PER_BATCH):
        client.log_batch(run_id, params=items[i : i + PARAMS_PER_BATCH])


def set_tags(client: MlflowClient, run_id: str, tags: Mapping[str, str]) -> None:
    from mlflow.entities import RunTag

    items = [RunTag(k, v) for k, v in tags.items()]
    for i in range(0, len(items), TAGS_PER_BATCH):
        client.log_batch(run_id, tags=items[i : i + TAGS_PER_BATCH])


def log_metrics(client: MlflowClient, run_id: str, metrics: Sequence[Metric]) -> None:
    for i in range(0, len(metrics), METRICS_PER_BATCH):
        client.log_batch(run_id, metrics=list(metrics[i : i + METRICS_PER_BATCH]))


def to_metrics(rows: Sequence[Sequence[object]]) -> list[Metric]:
    """Journal rows `[key, value, step, timestamp_ms]` as MLflow metrics."""
    from mlflow.entities import Metric

    return [Metric(str(k), float(v), int(ts), int(step)) for k, v, step, ts in rows]  # type: ignore[arg-type]


def upload_artifact(
    client: MlflowClient, run_id: str, path: Path, artifact_path: str | None
) -> None:
    if path.is_dir():
        client.log_artifacts(run_id, str(path), artifact_path=_join(artifact_path, path.name))
    else:
        client.log_artifact(run_id, str(path), artifact_path=artifact_path)


def _join(prefix: str | None, name: str) -> str:
    # A logged folder keeps its own name under the artifact path, like a logged file does.
    return f"{prefix.rstrip('/')}/{name}" if prefix else name
