"""The results grid: every score JSON the `score` stage wrote, read once into plain numbers.

Layout (relative to the scores folder, usually `<pipeline root>/scores/`):

    <inter>/<split>.json               one run (one seed) of intermediate run <inter>
    <inter>/seed-<n>/<split>.json      run with seed n; several seed folders = replicates
    <inter>/seeds/seed-<n>/<split>.json   the same, as the score stage writes it (one DVC out)

`<inter>` is an intermediate task name, `multitask`, `none` (the baseline) or an ablation such as
`mnli+mlm` / `mnli+translated`. When an (inter, split) has seed folders, its top-level file is
ignored and a note says so: pipelines commonly copy the default seed's scores there too, and
counting it twice would shrink the seed spread.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any

from xstilts.analysis.names import TARGETS
from xstilts.tasks.registry import get_task

# inter -> target -> score, on XTREME's 0-100 scale.
Cells = dict[str, dict[str, float]]

_SEED_DIR = re.compile(r"^seed-(\d+)$")


class GridError(ValueError):
    """A score file that cannot be read as the score JSON of ARCHITECTURE.md."""


@dataclass(frozen=True)
class Run:
    """One score JSON: intermediate run `inter`, split, seed (None for an unseeded folder)."""

    inter: str
    split: str
    seed: int | None
    tasks: Mapping[str, float]
    languages: Mapping[str, Mapping[str, float]]  # target -> lang -> main metric
    metrics: Mapping[str, Mapping[str, float]]  # target -> metric -> language average
    path: str = ""


@dataclass(frozen=True)
class ResultsGrid:
    runs: tuple[Run, ...]
    notes: tuple[str, ...] = field(default=())

    def inters(self, split: str) -> list[str]:
        return sorted({r.inter for r in self.runs if r.split == split})

    def splits(self) -> list[str]:
        return sorted({r.split for r in self.runs})

    def seeds(self, split: str) -> list[int]:
        """Seeds seen in any run of `split` (empty when no run is seeded)."""
        return sorted({r.seed for r in self.runs if r.split == split and r.seed is not None})

    def runs_of(self, inter: str, split: str) -> list[Run]:
        return [r for r in self.runs if r.inter == inter and r.split == split]

    def values(self, split: str) -> dict[str, dict[str, list[float]]]:
        """inter -> target -> one score per replicate."""
        out: dict[str, dict[str, list[float]]] = {}
        for run in self.runs:
            if run.split != split:
                continue
            for target, score in run.tasks.items():
                out.setdefault(run.inter, {}).setdefault(target, []).append(score)
        return out

    def _chosen(self, inter: str, split: str, seed: int | None) -> list[Run]:
        """The run of `seed`, or every replicate when seed is None or the inter lacks that seed.

        The fallback lets a baseline run once be compared with intermediates run under several
        seeds; its own noise is then not counted.
        """
        runs = self.runs_of(inter, split)
        chosen = [r for r in runs if r.seed == seed] if seed is not None else []
        return chosen or runs

    def cells(self, split: str, seed: int | None = None) -> Cells:
        """inter -> target -> task score: mean over replicates, or the run of one seed."""
        return {
            inter: _mean_nested([{"": r.tasks} for r in self._chosen(inter, split, seed)]).get("", {})
            for inter in self.inters(split)
        }

    def language_cells(
        self, split: str, seed: int | None = None
    ) -> dict[str, dict[str, dict[str, float]]]:
        """inter -> target -> lang -> main metric (see `main_metric`)."""
        return {
            inter: _mean_nested([r.languages for r in self._chosen(inter, split, seed)])
            for inter in self.inters(split)
        }

    def metric_cells(
        self, split: str, seed: int | None = None
    ) -> dict[str, dict[str, dict[str, float]]]:
        """inter -> target -> metric -> language average (e.g. QA's f1 and exact_match)."""
        return {
            inter: _mean_nested([r.metrics for r in self._chosen(inter, split, seed)])
            for inter in self.inters(split)
        }


def _mean_nested(tables: list[Mapping[str, Mapping[str, float]]]) -> dict[str, dict[str, float]]:
    """Element-wise mean of two-level tables; a key missing from some runs averages the others."""
    acc: dict[str, dict[str, list[float]]] = {}
    for table in tables:
        for outer, row in table.items():
            for inner, value in row.items():
                acc.setdefault(outer, {}).setdefault(inner, []).append(value)
    return {o: {i: fmean(v) for i, v in row.items()} for o, row in acc.items()}


def main_metric(target: str, metrics: Mapping[str, float]) -> float:
    """XTREME's task metric (XTREME_SPEC.md §1.5), by the registry's `task_score`."""
    try:
        return get_task(target).score_of(metrics)
    except (KeyError, ValueError) as err:
        raise GridError(f"{target}: no task score from metrics {sorted(metrics)} ({err})") from err


def xtreme_score(tasks: Mapping[str, float]) -> float | None:
    """Mean of the nine XTREME task scores; None unless all nine are present (as XTREME does)."""
    if not all(t in tasks for t in TARGETS):
        return None
    return fmean(tasks[t] for t in TARGETS)


def parse_score_json(data: Any, *, inter: str, split: str, seed: int | None, path: str) -> Run:
    """Check and flatten one score JSON (pure: the dict in, a Run out)."""
    if not isinstance(data, dict) or not isinstance(data.get("tasks"), dict):
        raise GridError(f"{path}: expected an object with a 'tasks' object (score JSON)")
    tasks: dict[str, float] = {}
    languages: dict[str, dict[str, float]] = {}
    metrics: dict[str, dict[str, float]] = {}
    for target, entry in data["tasks"].items():
        if not isinstance(entry, dict):
            raise GridError(f"{path}: tasks.{target} must be an object")
        score = entry.get("score")
        if score is None:
            continue  # the scorer writes null for a task it could not score; treat as missing
        if not isinstance(score, int | float):
            raise GridError(f"{path}: tasks.{target}.score must be a number, got {score!r}")
        tasks[target] = float(score)
        metrics[target] = {k: float(v) for k, v in (entry.get("metrics") or {}).items()}
        langs = entry.get("languages") or {}
        languages[target] = {lang: main_metric(target, m) for lang, m in langs.items() if m}
    return Run(inter, split, seed, tasks, languages, metrics, path)


def load_grid(scores_dir: Path) -> ResultsGrid:
    """Read every score JSON under `scores_dir` (layout in the module docstring)."""
    if not scores_dir.is_dir():
        raise GridError(f"{scores_dir}: no such folder (expected scores/<inter>/<split>.json)")
    runs: list[Run] = []
    notes: list[str] = []
    for inter_dir in sorted(p for p in scores_dir.iterdir() if p.is_dir()):
        inter = inter_dir.name
        seeded: dict[str, list[tuple[int, Path]]] = {}
        nested = inter_dir / "seeds"
        candidates = [*inter_dir.iterdir(), *(nested.iterdir() if nested.is_dir() else ())]
        for seed_dir in sorted(candidates):
            match = _SEED_DIR.match(seed_dir.name)
            if seed_dir.is_dir() and match:
                for f in sorted(seed_dir.glob("*.json")):
                    seeded.setdefault(f.stem, []).append((int(match.group(1)), f))
        for f in sorted(inter_dir.glob("*.json")):
            if f.stem in seeded:
                notes.append(f"{f} ignored: seed folders hold this split's replicates")
                continue
            runs.append(_read(f, inter, f.stem, None))
        for split, files in seeded.items():
            runs.extend(_read(f, inter, split, seed) for seed, f in files)
    if not runs:
        raise GridError(f"{scores_dir}: no score files (expected <inter>/<split>.json)")
    return ResultsGrid(tuple(runs), tuple(notes))


def _read(path: Path, inter: str, split: str, seed: int | None) -> Run:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise GridError(f"{path}:{err.lineno}: not valid JSON ({err.msg})") from err
    return parse_score_json(data, inter=inter, split=split, seed=seed, path=str(path))
