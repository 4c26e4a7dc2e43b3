"""MLflow tracking for the pipeline: a parent run per pipeline run, a child run per stage.

Stages use `stage_run` (stage.py). The store is `MLFLOW_TRACKING_URI`, else an sqlite file
`<pipeline root>/mlflow.db` (no server needed). If the store is unreachable at start or fails
mid-run, the stage finishes anyway, a `TrackingWarning` says so, and the run waits in
`<pipeline root>/.mlflow-spool/` until `xstilts sync-runs` delivers it (sync.py, cli.py).

Environment variables:
- `MLFLOW_TRACKING_URI`: the store (a server `http://host:port`, or any MLflow URI).
- `MLFLOW_EXPERIMENT_NAME`: the experiment (default "xstilts").
- `XSTILTS_PIPELINE_RUN_ID`: groups stage runs under one parent (pipeline.py has the default).
- `XSTILTS_IMAGE_DIGEST`: the Docker image's id (`docker run -e`), tag `docker.image_digest`.
- `XSTILTS_IMAGE_LOCK`: set by the image to the lock it installed; its sha256 is the tag
  `docker.lock_sha256`. Outside the image both tags say "none (not run in the xstilts image)".
- `MLFLOW_HTTP_REQUEST_MAX_RETRIES` / `_TIMEOUT` / `_BACKOFF_FACTOR`: bounded by default for
  remote stores (store.py); values already set win.
- `MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING=false` turns system metrics off;
  `MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL` (s, default 10) sets their cadence.
"""

from xstilts.tracking.environment import environment_tags, git_state, package_versions
from xstilts.tracking.gpu import GpuUsage, gpu_inventory
from xstilts.tracking.params import flatten_params, params_hash
from xstilts.tracking.pipeline import pipeline_run_id
from xstilts.tracking.stage import StageRun, stage_run
from xstilts.tracking.store import tracking_uri
from xstilts.tracking.sync import SyncResult, sync_spool
from xstilts.tracking.warning import TrackingWarning

__all__ = [
    "GpuUsage",
    "StageRun",
    "SyncResult",
    "TrackingWarning",
    "environment_tags",
    "flatten_params",
    "git_state",
    "gpu_inventory",
    "package_versions",
    "params_hash",
    "pipeline_run_id",
    "stage_run",
    "sync_spool",
    "tracking_uri",
]
