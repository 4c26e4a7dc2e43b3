"""Atomic directory writes: a folder appears under its final name complete, or not at all.

A run killed mid-write (SIGKILL, power loss) leaves only a `.tmp-*` sibling, which readers
ignore and the next write removes. Files and the parent directory are fsynced before and after
the rename, so the rename cannot reach the disk before the data it names.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from xstilts.fileio import ASIDE_SUFFIX, recover_folder, replace_folder

TMP_PREFIX = ".tmp-"


@contextmanager
def atomic_directory(final: Path) -> Iterator[Path]:
    """Yield an empty temp dir next to `final`; on clean exit, replace `final` with it
    (fileio.replace_folder: the old folder stays whole until the new one is in place)."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    recover_folder(final)
    tmp = final.parent / f"{TMP_PREFIX}{final.name}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        yield tmp
        replace_folder(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def remove_stale_temps(parent: Path) -> None:
    """Delete `.tmp-*` leftovers of killed writers under `parent`; restore folders whose swap
    a kill cut between its two renames (their aside copy is the last complete version)."""
    parent = Path(parent)
    if not parent.is_dir():
        return
    for path in parent.iterdir():
        if path.name.startswith(".") and path.name.endswith(ASIDE_SUFFIX):
            recover_folder(parent / path.name[1:-len(ASIDE_SUFFIX)])
        elif path.name.startswith(TMP_PREFIX):
            shutil.rmtree(path, ignore_errors=True)
