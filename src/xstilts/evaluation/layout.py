"""XTREME's leaderboard layout and the one way this package writes a file.

Layout (XTREME_SPEC.md §1.2, INTERFACES.md): `<root>/<task>/<split>-<lang>.<ext>`, where
`root` is `predictions/<inter>/<split>` or `labels`. The extension is `json` for the
QA tasks and `tsv` for every other task; the scorer finds files by exactly this name.
"""

from __future__ import annotations

from pathlib import Path

from xstilts.tasks.registry import get_task
from xstilts.tasks.spec import file_extension


def extension(task: str, kind: str | None = None) -> str:
    """The registry's extension for `task` (`json` for QA, else `tsv`), or `kind`'s when given
    (a task outside the registry)."""
    return file_extension(kind if kind is not None else get_task(task).kind)


def layout_path(root: str | Path, task: str, split: str, lang: str, kind: str | None = None) -> Path:
    """`<root>/<task>/<split>-<lang>.<ext>`: the file the XTREME scorer reads."""
    return Path(root) / task / f"{split}-{lang}.{extension(task, kind)}"
