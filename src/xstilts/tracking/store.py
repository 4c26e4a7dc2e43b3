"""Where runs go: the tracking URI and how long a call to it may wait."""

from __future__ import annotations

import os
from pathlib import Path

TRACKING_URI_ENV = "MLFLOW_TRACKING_URI"
EXPERIMENT_ENV = "MLFLOW_EXPERIMENT_NAME"
DEFAULT_EXPERIMENT = "xstilts"

# Bounds for HTTP calls to a tracking server. MLflow's defaults (7 retries, 120 s timeout,
# backoff factor 2) block each call to a dead server for minutes (STACK.md measured ~250 s);
# a stage waits at most once, after which it logs to the local spool. Set only when the user
# has not chosen their own values.
HTTP_BOUNDS = {
    "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "1",
    "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR": "1",
    "MLFLOW_HTTP_REQUEST_TIMEOUT": "10",
}


def tracking_uri(root: Path) -> str:
    """MLFLOW_TRACKING_URI when set, else an sqlite file in the pipeline root (no server)."""
    uri = os.environ.get(TRACKING_URI_ENV, "").strip()
    if uri:
        return uri
    return f"sqlite:///{Path(root).resolve() / 'mlflow.db'}"


def experiment_name() -> str:
    return os.environ.get(EXPERIMENT_ENV, "").strip() or DEFAULT_EXPERIMENT


def is_remote(uri: str) -> bool:
    """True for stores reached over the network (a server can be down), False for local files."""
    return uri.split(":", 1)[0].lower() in {"http", "https", "databricks"}


def bound_http_waits() -> None:
    """Cap retries and timeouts of MLflow's HTTP calls (process-wide; user values win)."""
    for name, value in HTTP_BOUNDS.items():
        os.environ.setdefault(name, value)


def local_artifact_location(root: Path, uri: str | None = None) -> str:
    """Artifact folder for an experiment created in a local sqlite store: `mlruns/` beside the
    store's file (the Docker image keeps its store on the /mlflow volume), else in the root.

    Given explicitly because MLflow otherwise puts artifacts under the *current* directory,
    which differs between a stage (the pipeline root) and a later `mlflow ui`.
    """
    if uri is not None and uri.startswith("sqlite:///"):
        database = Path(uri.removeprefix("sqlite:///"))
        if database.is_absolute():
            return (database.parent / "mlruns").as_uri()
    return (Path(root).resolve() / "mlruns").as_uri()
