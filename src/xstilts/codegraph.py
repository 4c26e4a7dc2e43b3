"""Which of xstilts' own source a module runs: its imports, read from the source.

Every `import` statement counts, at module level or inside a function, so a command's lazy
imports are followed as far as its eager ones. Used by `xstilts pipeline` to declare each DVC
stage's code as a dependency (editing a stage's code re-runs it) and by the import-direction
test (library packages never import the command layer).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

PACKAGE = "xstilts"
SRC = Path(__file__).resolve().parent

# Library packages: a stage depends on the whole folder (data files such as
# analysis/claims.yaml or demo_world/planted.yaml included), not on single files.
LIBRARY = (
    "tasks", "data", "demo_world", "modeling", "training", "evaluation", "scoring", "analysis",
    "tracking",
)
COMMAND_LAYER = ("cli", "stages", "tools", "scaleout")

# Code that records, locks or schedules a stage but cannot change what it writes: MLflow
# tracking, the failure records, folder locks, the command table and the scale-out launchers.
# A change there re-runs nothing.
NOT_OUTPUT_BEARING = (
    "xstilts.cli", "xstilts.tracking", "xstilts.stages.tracked", "xstilts.stages.outcomes",
    "xstilts.locks", "xstilts.scaleout",
)


def imports(path: Path, *, top_level_only: bool = False) -> list[tuple[int, str]]:
    """(line, dotted name) of every absolute import in `path`; `from a import b` gives both
    `a` and `a.b` (b may be a module or a name inside a)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    found: list[tuple[int, str]] = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return found


def module_file(name: str, src: Path = SRC) -> Path | None:
    """The source file of xstilts module `name` (a package's __init__.py), or None."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = src.joinpath(*parts[1:])
    if len(parts) > 1 and base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _excluded(name: str) -> bool:
    return any(name == e or name.startswith(e + ".") for e in NOT_OUTPUT_BEARING)


def closure(modules: Iterable[str], src: Path = SRC) -> set[Path]:
    """The source files of `modules` and of every xstilts module they import, transitively
    (with the __init__.py of each package on the way), leaving out NOT_OUTPUT_BEARING."""
    seen: set[Path] = set()
    todo = [m for m in modules if not _excluded(m)]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__
            prefix = ".".join(parts[:i])
            path = module_file(prefix, src)
            if path is None or path in seen or _excluded(prefix):
                continue
            seen.add(path)
            todo += [n for _, n in imports(path) if n.split(".")[0] == PACKAGE]
    return seen


def code_deps(modules: Iterable[str], src: Path = SRC) -> list[str]:
    """What a stage running `modules` depends on, relative to `src`'s parent: the folder of
    each library package it reaches, and each other file (top-level and command modules)."""
    out: set[str] = set()
    for path in closure(modules, src):
        parts = path.relative_to(src).parts
        if parts == ("__init__.py",):
            continue  # the package's version string: no stage output depends on it
        if len(parts) > 1 and parts[0] in LIBRARY:
            out.add(f"{PACKAGE}/{parts[0]}")
        else:
            out.add(f"{PACKAGE}/{'/'.join(parts)}")
    return sorted(out)
