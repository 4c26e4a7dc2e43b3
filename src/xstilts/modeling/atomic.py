"""Atomic directory writes for checkpoints and training state: a folder appears under its final
name complete, or not at all. The one folder helper is `xstilts.fileio.atomic_folder`; this
module adds the sweep a resumed run does over a whole state folder.

A run killed mid-write (SIGKILL, power loss) leaves only a temporary sibling, which readers
ignore and the next write removes; a kill between the two renames of a swap leaves the aside
copy, which the next run restores.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from xstilts.fileio import ASIDE_SUFFIX, recover_folder

TMP_MARKER = ".tmp-"


def sweep_folder(parent: Path) -> None:
    """Delete the temporary folders of killed writers under `parent` (`.<name>.tmp-*`, and the
    older `.tmp-*`); restore folders whose swap a kill cut between its two renames (their aside
    copy is the last complete version)."""
    parent = Path(parent)
    if not parent.is_dir():
        return
    for path in parent.iterdir():
        if path.name.startswith(".") and path.name.endswith(ASIDE_SUFFIX):
            recover_folder(parent / path.name[1:-len(ASIDE_SUFFIX)])
        elif path.name.startswith(".") and TMP_MARKER in path.name and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
