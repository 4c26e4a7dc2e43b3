"""XTREME's leaderboard layout and the one way this package writes a file.

Layout (XTREME_SPEC.md §1.2, INTERFACES.md): `<root>/<task>/<split>-<lang>.<ext>`, where
`root` is `predictions/<inter>/<split>` or `labels/<split>`. The extension is `json` for the
QA tasks and `tsv` for every other task; the scorer finds files by exactly this name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

QA_TASKS: frozenset[str] = frozenset({"xquad", "mlqa", "tydiqa"})


def extension(task: str, kind: str | None = None) -> str:
    """`json` for XQuAD/MLQA/TyDiQA (and any span-extraction task), else `tsv`."""
    if task in QA_TASKS or kind == "span_extraction":
        return "json"
    return "tsv"


def layout_path(root: str | Path, task: str, split: str, lang: str, kind: str | None = None) -> Path:
    """`<root>/<task>/<split>-<lang>.<ext>`: the file the XTREME scorer reads."""
    return Path(root) / task / f"{split}-{lang}.{extension(task, kind)}"


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text through a temporary file in the same folder, fsync, then rename.

    A crashed or killed stage then never leaves a half-written prediction file that the
    scorer (or DVC's cache) would take for a finished one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
