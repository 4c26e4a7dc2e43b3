"""Time DVC on the full paper-profile graph when nothing needs to run.

    .venv/bin/python -m bench.dvc_noop [--out bench/results.json]

The real outputs (models, predictions: hundreds of GB) do not exist on a benchmark machine, so
the graph is rebuilt in a scratch folder from the repo's `dvc.yaml` and `params.yaml` with a
small placeholder at every dependency and output path, `dvc commit` records them in a lock file,
and then `dvc status`, `dvc repro --dry` and `dvc repro` are timed: the graph walk, params and
lock checks and output hashing of a no-op run. What it does not measure: hashing multi-GB outputs
the first time (DVC then keeps their hashes by inode and mtime, so a later no-op skips it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import results

ROOT = Path(__file__).resolve().parents[1]
_FILE_SUFFIXES = (".json", ".md", ".png", ".csv", ".txt", ".yaml", ".tsv")


def _dvc(args: list[str], cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "DVC_NO_ANALYTICS": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dvc", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"dvc {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return round(seconds, 2), done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _placeholder(path: Path) -> None:
    if path.exists():
        return
    if path.suffix in _FILE_SUFFIXES:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}\n" if path.suffix == ".json" else f"{path.name}\n")
    else:
        path.mkdir(parents=True, exist_ok=True)
        (path / "placeholder.txt").write_text(f"{path}\n")


def build_graph(pipeline: Path, dvc_yaml: Path, params: Path) -> int:
    """Copy the pipeline and put a placeholder at every path it reads or writes; stage count."""
    from dvc.repo import Repo

    shutil.copy(dvc_yaml, pipeline / "dvc.yaml")
    shutil.copy(params, pipeline / "params.yaml")
    subprocess.run(["git", "init", "-q"], cwd=pipeline, check=True)
    _dvc(["init", "-q"], pipeline)
    with Repo(str(pipeline)) as repo:
        stages = list(repo.index.stages)
        paths = {Path(p.def_path) for s in stages for p in [*s.outs, *s.deps] if p.def_path}
    # Outputs first (deepest paths), so a dependency on a parent folder finds them inside it.
    for path in sorted(paths, key=lambda p: -len(p.parts)):
        _placeholder(pipeline / path)
    _dvc(["commit", "-f", "-q"], pipeline)
    return len(stages)


def measure(dvc_yaml: Path, params: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Path(tmp)
        stages = build_graph(pipeline, dvc_yaml, params)
        seconds, last_lines = {}, {}
        for name, args in (
            ("dvc status", ["status"]),
            ("dvc repro --dry", ["repro", "--dry"]),
            ("dvc repro", ["repro"]),
        ):
            seconds[name], last_lines[name] = _dvc(args, pipeline)
    return {
        "stages": stages,
        "seconds": seconds,
        "last_line": last_lines,
        "graph": f"{dvc_yaml.name} + {params.name} of the repo, placeholder outputs",
        "sha256_12": {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:12] for p in (dvc_yaml, params)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dvc-yaml", type=Path, default=ROOT / "dvc.yaml")
    parser.add_argument("--params", type=Path, default=ROOT / "params.yaml")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    figures = measure(args.dvc_yaml, args.params)
    print(figures)
    if args.out:
        results.update(args.out, "cpu", {"dvc_noop": figures})


if __name__ == "__main__":
    main()
