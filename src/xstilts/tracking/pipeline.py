"""The parent run: one per pipeline run, shared by the stage runs that DVC starts as separate
processes.

Stages find their parent by a *pipeline run id*, stored on the parent as the tag
`xstilts.pipeline_run_id`:

- `XSTILTS_PIPELINE_RUN_ID` when set (the Makefile sets one per `make demo` / `make paper`);
- else `<git commit[:12]>-<sha256(params file)[:12]>`, the file the stage was given
  (`--params`, default `<root>/params.yaml`): every `dvc repro` of one commit and one params
  file shares a parent, so a re-run after a failure lands next to the stages that had
  already succeeded. The dirty flag is left out on purpose: committed stage outputs (scores,
  results) make the tree dirty half-way through a pipeline.

The parent is looked up by tag in the store (not cached in a file), so the same id resolves in
whichever store a run is synced to later.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from xstilts.tracking.environment import git_state

if TYPE_CHECKING:
    from mlflow import MlflowClient

PIPELINE_RUN_ID_ENV = "XSTILTS_PIPELINE_RUN_ID"
PIPELINE_TAG = "xstilts.pipeline_run_id"
ROLE_TAG = "xstilts.role"  # "pipeline" on the parent, "stage" on a child
PARENT_TAG = "mlflow.parentRunId"  # MLflow's own: the UI nests children under it

# The id goes into an MLflow search filter inside single quotes; keep it to safe characters.
_UNSAFE = re.compile(r"[^A-Za-z0-9._\-:]")


def pipeline_run_id(root: Path, params_file: Path | None = None) -> str:
    """The id that groups the stage runs of one pipeline run (see the module docstring)."""
    explicit = os.environ.get(PIPELINE_RUN_ID_ENV, "").strip()
    if explicit:
        return _UNSAFE.sub("_", explicit)
    commit = git_state(root).commit
    params_file = Path(root) / "params.yaml" if params_file is None else Path(params_file)
    try:
        params_digest = hashlib.sha256(params_file.read_bytes()).hexdigest()[:12]
    except OSError:
        params_digest = "no-params"
    return f"{commit[:12]}-{params_digest}"


@contextmanager
def _exclusive(lock_file: Path | None) -> Iterator[None]:
    """Serialise find-or-create between stage processes on this machine (a file lock); without
    it two stages starting together could each create a parent."""
    if lock_file is None:
        yield
        return
    try:
        handle = open(lock_file, "a")
    except OSError:
        yield  # an unwritable spool must not stop tracking; risk a duplicate parent instead
        return
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield


def find_or_create_parent(
    client: MlflowClient,
    experiment_id: str,
    pipeline_id: str,
    tags: Mapping[str, str],
    start_time: int,
    lock_file: Path | None = None,
) -> str:
    """Run id of the parent run of `pipeline_id` in the experiment, created when missing."""
    with _exclusive(lock_file):
        found = client.search_runs(
            [experiment_id],
            filter_string=(
                f"tags.`{PIPELINE_TAG}` = '{pipeline_id}' and tags.`{ROLE_TAG}` = 'pipeline'"
            ),
            order_by=["attributes.start_time ASC"],
            max_results=1,
        )
        if found:
            return found[0].info.run_id
        run = client.create_run(
            experiment_id,
            start_time=start_time,
            tags={**tags, PIPELINE_TAG: pipeline_id, ROLE_TAG: "pipeline"},
            run_name=f"pipeline {pipeline_id}",
        )
        return run.info.run_id
