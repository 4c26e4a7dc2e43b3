"""Imports run one way: the command layer (`cli.py`, `stages/`, `tools/`, `scaleout/`) uses the
library packages, never the reverse; the light library packages load without torch.

Read from the source (every `import` statement, at module level or inside a function), so a
lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from xstilts import cli

SRC = Path(__file__).resolve().parents[2] / "src" / "xstilts"
LIBRARY = (
    "tasks", "data", "demo_world", "modeling", "training", "evaluation", "scoring", "analysis",
    "tracking",
)
COMMAND_LAYER = ("cli", "stages", "tools", "scaleout")
NO_TORCH_AT_IMPORT = ("tasks", "scoring", "analysis")


def _package(path: Path) -> str:
    return path.relative_to(SRC).with_suffix("").parts[0]


def _imports(path: Path, *, top_level_only: bool = False) -> list[tuple[int, str]]:
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


def _files(packages: tuple[str, ...]) -> list[Path]:
    return sorted(f for p in packages for f in (SRC / p).rglob("*.py"))


def test_library_packages_never_import_the_command_layer():
    arrows = [
        f"{f.relative_to(SRC)}:{line} imports {name}"
        for f in _files(LIBRARY)
        for line, name in _imports(f)
        if name.split(".")[:2] in (["xstilts", layer] for layer in COMMAND_LAYER)
    ]
    assert arrows == []


@pytest.mark.parametrize("package", NO_TORCH_AT_IMPORT)
def test_light_packages_do_not_import_torch_at_module_level(package: str):
    heavy = [
        f"{f.relative_to(SRC)}:{line} imports {name}"
        for f in _files((package,))
        for line, name in _imports(f, top_level_only=True)
        if name.split(".")[0] in ("torch", "transformers")
    ]
    assert heavy == []


def test_every_command_is_a_module_with_arguments_and_run():
    for command in cli.COMMANDS:
        module = cli._load(command.name)
        assert callable(module.add_arguments) and callable(module.run), command.name
        assert _package(Path(module.__file__)) in COMMAND_LAYER, command.name


def test_the_walker_sees_an_arrow_into_the_command_layer(tmp_path: Path):
    """The check above can fail: a planted lazy import is found."""
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    from xstilts.stages import target\n")
    assert (2, "xstilts.stages") in _imports(planted)
