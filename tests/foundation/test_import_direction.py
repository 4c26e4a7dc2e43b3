"""Imports run one way: the command layer (`cli.py`, `stages/`, `tools/`, `scaleout/`) uses the
library packages, never the reverse; the light library packages load without torch.

Read from the source by codegraph.imports (every `import` statement, at module level or inside
a function), so a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xstilts import cli
from xstilts.codegraph import COMMAND_LAYER, LIBRARY, SRC
from xstilts.codegraph import imports as _imports

NO_TORCH_AT_IMPORT = ("tasks", "scoring", "analysis")


def _package(path: Path) -> str:
    return path.relative_to(SRC).with_suffix("").parts[0]


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
        module = cli.load_command(command.name)
        assert callable(module.add_arguments) and callable(module.run), command.name
        assert _package(Path(module.__file__)) in COMMAND_LAYER, command.name


def test_the_walker_sees_an_arrow_into_the_command_layer(tmp_path: Path):
    """The check above can fail: a planted lazy import is found."""
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    from xstilts.stages import target\n")
    assert (2, "xstilts.stages") in _imports(planted)
