"""XTREME's leaderboard layout and the one way this package writes a file.

Layout (XTREME_SPEC.md §1.2, INTERFACES.md): `<root>/<task>/<split>-<lang>.<ext>`, where
`root` is `predictions/<inter>/<split>` or `labels`. The extension is `json` for the
QA tasks and `tsv` for every other task; the scorer finds files by exactly this name.
"""

from __future__ import annotations

from pathlib import Path

from xstilts import fileio

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
    """A crashed or killed stage never leaves a half-written prediction file that the scorer
    (or DVC's cache) would take for a finished one."""
    return fileio.write_text_atomic(path, text)
