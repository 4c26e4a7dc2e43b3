"""Each DVC stage depends on its code: the source its command runs, found by following every
import (lazy ones inside functions too), so editing a stage's code re-runs it and editing code
it never runs does not."""

from __future__ import annotations

from pathlib import Path

import yaml

from xstilts.codegraph import closure, code_deps
from xstilts.config import load_params
from xstilts.tools.pipeline import code_root, render

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo"


def _deps(stage: str) -> list[str]:
    body = yaml.safe_load(render(load_params(DEMO / "params.yaml"), DEMO))["stages"][stage]
    return (body.get("do") or body)["deps"]


def test_a_stage_depends_on_its_own_module_and_the_packages_it_runs() -> None:
    deps = _deps("intermediate")
    assert "../src/xstilts/stages/intermediate.py" in deps
    assert {"../src/xstilts/training", "../src/xstilts/modeling"} <= set(deps)
    assert "../src/xstilts/stages/target.py" not in deps  # another stage's code


def test_data_files_of_a_library_package_come_with_its_folder() -> None:
    assert "../src/xstilts/analysis" in _deps("report")  # analysis/claims.yaml
    assert "../src/xstilts/demo_world" in _deps("report")  # demo_world/planted.yaml
    assert "../src/xstilts/demo_world" in _deps("fetch")  # demo_world/planted.yaml, generators


def test_code_that_cannot_change_a_stage_output_is_not_a_dependency() -> None:
    deps = " ".join(_deps("target"))
    for recorder in ("xstilts/tracking", "stages/tracked.py", "xstilts/cli.py", "scaleout"):
        assert recorder not in deps


def test_the_paper_profile_names_the_same_code_from_the_repo_root() -> None:
    params = load_params(ROOT / "params.yaml")
    report = yaml.safe_load(render(params, ROOT))["stages"]["report"]
    assert "src/xstilts/stages/report.py" in report["deps"]


def test_a_pipeline_root_outside_a_checkout_declares_no_code(tmp_path: Path) -> None:
    assert code_root(tmp_path) is None
    body = yaml.safe_load(render(load_params(DEMO / "params.yaml"), tmp_path))["stages"]
    deps = [d for stage in body.values() for d in (stage.get("do") or stage).get("deps", [])]
    assert deps and not [d for d in deps if "src/xstilts" in d]


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    src = tmp_path / "src" / "xstilts"
    for name, text in {"__init__.py": "", **files}.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    return src


def test_a_lazy_import_inside_a_function_is_followed(tmp_path: Path) -> None:
    src = _package(tmp_path, {
        "stages/__init__.py": "",
        "stages/a.py": "def run():\n    from xstilts.training import loop\n",
        "training/__init__.py": "",
        "training/loop.py": "import xstilts.helper\n",
        "helper.py": "",
        "unused.py": "",
    })
    found = {p.relative_to(src).as_posix() for p in closure(["xstilts.stages.a"], src)}
    assert found == {"__init__.py", "stages/__init__.py", "stages/a.py", "training/__init__.py",
                     "training/loop.py", "helper.py"}
    assert code_deps(["xstilts.stages.a"], src) == [
        "xstilts/helper.py", "xstilts/stages/__init__.py", "xstilts/stages/a.py",
        "xstilts/training"]
