"""The local spool: one append-only JSON-lines journal per run under `<root>/.mlflow-spool/`.

Every stage run writes its journal as it goes, whatever the store, so a run survives a tracking
server that is down at start or dies mid-run (and a stage process that is killed). A journal is
deleted once everything in it has reached the store; those left behind are what
`xstilts sync-runs` replays.

Events, one JSON object per line, `op` first:

- `start`: spool_id, tracking_uri, experiment, run_name, pipeline_id, tags, parent_tags, start_time
- `linked`: run_id, parent_run_id (the run exists in the store under this id)
- `params`: params (flat str -> str)
- `metrics`: metrics, a list of [key, value, step, timestamp_ms]
- `tags`: tags
- `artifact`: path, artifact_path, delivered (path is a spool copy unless delivered)
- `fallback`: reason, time (live delivery stopped here)
- `end`: status, end_time
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

SPOOL_DIRNAME = ".mlflow-spool"
_FSYNC_METRICS_EVERY_S = 1.0
JOURNAL_SUFFIX = ".jsonl"


def spool_dir(root: Path) -> Path:
    return Path(root).resolve() / SPOOL_DIRNAME


def _make_spool_dir(root: Path) -> Path:
    spool = spool_dir(root)
    spool.mkdir(parents=True, exist_ok=True)
    ignore = spool / ".gitignore"
    if not ignore.exists():
        # The spool is machine-local state; keep it out of `git status` without asking the
        # repository's .gitignore for an entry.
        ignore.write_text("*\n")
    return spool


class Journal:
    """An open journal. It holds an exclusive lock on its file until `close()`, which is how
    `sync-runs` tells a run still in progress from one whose process has ended."""

    def __init__(self, root: Path, spool_id: str) -> None:
        spool = _make_spool_dir(root)
        self.path = spool / f"{spool_id}{JOURNAL_SUFFIX}"
        self.artifact_dir = spool / spool_id
        self._copies = 0
        self._synced_at = 0.0
        self._file: IO[str] | None = open(self.path, "a", encoding="utf-8")
        fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def append(self, event: dict[str, Any]) -> None:
        if self._file is None:
            raise ValueError(f"journal {self.path} is closed")
        # flush per event: a stage killed later still leaves everything logged before it. fsync
        # too, so that a machine that goes down keeps it: at once for the run's start, end,
        # params and tags, at most once a second for per-step metrics (one fsync per training
        # step would slow a fast loop down).
        self._file.write(json.dumps(event, default=str) + "\n")
        self._file.flush()
        now = time.monotonic()
        if event.get("op") != "metrics" or now - self._synced_at >= _FSYNC_METRICS_EVERY_S:
            os.fsync(self._file.fileno())
            self._synced_at = now

    def keep_copy(self, source: Path) -> Path:
        """Copy a file or folder into the spool, so a later change to the original (the next
        `dvc repro`) cannot alter what the run is synced with."""
        if source.is_relative_to(self.artifact_dir):
            return source  # already ours (params.json is written here)
        self._copies += 1
        target = self.artifact_dir / str(self._copies) / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
        return target

    def close(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()  # releases the lock
            self._file = None

    def discard(self) -> None:
        """Close and delete the journal and its copies (everything reached the store)."""
        self.close()
        remove_journal(self.path)


def remove_journal(path: Path) -> None:
    shutil.rmtree(path.with_suffix(""), ignore_errors=True)
    path.unlink(missing_ok=True)


def read_events(path: Path) -> list[dict[str, Any]]:
    """The events of a journal; a last line cut short by a killed process is skipped."""
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(event, dict) and "op" in event:
            events.append(event)
    return events


def pending_journals(root: Path) -> list[Path]:
    """Journals left in the spool, oldest first: spool ids start with the start time, so a
    pipeline's runs are replayed in the order its stages ran."""
    spool = spool_dir(root)
    if not spool.is_dir():
        return []
    return sorted(spool.glob(f"*{JOURNAL_SUFFIX}"))


@contextmanager
def claimed(path: Path) -> Iterator[bool]:
    """Lock a journal for syncing; yields False when its run is still being written."""
    with open(path, "a", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
