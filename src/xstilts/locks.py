"""Per-folder locks between processes on one machine (POSIX `flock`).

Two stage processes on the same training state or prepare cache would delete each other's
temporary folders; the second one is stopped with the pid of the first instead. The lock dies
with its process (a killed stage leaves no stale lock: the kernel drops it), so there is
nothing to clean up by hand.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class FolderInUseError(RuntimeError):
    """Another live process holds the lock of a folder."""

    def __init__(self, folder: Path, pid: str, what: str) -> None:
        self.folder = folder
        self.pid = pid
        super().__init__(
            f"{folder}: {what} is in use by pid {pid or '?'} (another stage on the same folder); "
            "wait for it to finish, or stop it (`kill "
            f"{pid or '<pid>'}`) and run again"
        )


def lock_path(folder: Path) -> Path:
    """The lock file of `folder`: a sibling, so that swapping the folder keeps the lock."""
    folder = Path(folder)
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def folder_lock(folder: Path, what: str = "this folder") -> Iterator[None]:
    """Hold `folder`'s lock for the block; raise FolderInUseError at once if it is taken."""
    path = lock_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise FolderInUseError(Path(folder), handle.read().strip(), what) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


@contextmanager
def waiting_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on file `path` for the block, waiting for other holders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
