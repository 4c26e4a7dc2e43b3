"""The grid as waves of DVC stages: what may run at the same time, and the `dvc repro` of each.

Every cell of the paper grid is an independent DVC stage; the dependencies between them come
in layers (dvc.yaml, tools/pipeline.py): the intermediate runs need only the prepared data,
the target fine-tunes and retrieval only their run's checkpoint, the score stages only their
run's predictions. So the grid needs no scheduler of ours: each layer is a set of disjoint
stages, and each stage is one `dvc repro --single-item STAGE` that any engine may start
(threads on one machine, SLURM jobs through submitit). What DVC itself guarantees:

- `dvc repro` holds the repository lock only while it checks and records (hashing, dvc.lock),
  not while the stage's command runs (dvc/stage/run.py `unlocked_repo`); `--wait-for-lock`
  makes a second process wait for it instead of failing after ~3 s ("Unable to acquire lock").
- Per-path read/write locks (.dvc/tmp/rwlock) stop two processes writing one output; stages of
  one wave never share an output, so they never meet there.

Every wave is one `dvc repro --single-item` per stage (the demo's fetch stages share one
generation of its simulated world under a waiting lock: the first generates, the others wait
and reuse it); the closing `dvc repro --keep-going` (the report, and anything a failed stage
left undone) is one process. A stage of a kind no wave names runs in a first, serial wave.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Stage kinds (the name before `@`) whose stages may run side by side, wave after wave: each
# wave reads only what earlier waves wrote (pretrain, gold and texts read the fetched data;
# prepare the pretrained tokenizer; ...). Stages of one wave write disjoint folders; prepare
# locks each task's folder, not the whole cache.
PARALLEL_KINDS: tuple[tuple[str, ...], ...] = (
    ("fetch",), ("pretrain", "gold", "texts"), ("prepare",), ("intermediate",), ("target", "retrieval"),
    ("score",))


def dvc() -> str:
    """The dvc of this interpreter's environment (`.venv/bin/xstilts` works off PATH), else
    the one on PATH."""
    beside = Path(sys.executable).parent / "dvc"
    return str(beside) if beside.is_file() else "dvc"


def repro() -> list[str]:
    return [dvc(), "--wait-for-lock", "repro"]


@dataclass(frozen=True)
class Wave:
    """Stages that may run together (`parallel`), or in one `dvc repro` (not parallel)."""

    name: str
    stages: tuple[str, ...]
    parallel: bool

    def commands(self) -> list[list[str]]:
        """One `dvc repro -s STAGE` per stage of a parallel wave, else one for all of them."""
        if not self.stages:
            return []
        if self.parallel:
            return [[*repro(), "--single-item", stage] for stage in self.stages]
        return [[*repro(), *self.stages]]


def stage_kind(stage: str) -> str:
    return stage.split("@", 1)[0]


def plan_waves(stages: Sequence[str]) -> list[Wave]:
    """A serial wave of stages of unknown kinds (none in xstilts' pipelines), the parallel
    waves, then the closing repro.

    `report` reads the scores of every run; it runs in the closing `dvc repro --keep-going`,
    which also re-runs nothing a wave completed.
    """
    grid_kinds = {kind for kinds in PARALLEL_KINDS for kind in kinds}
    closing = {"report"}
    setup = tuple(s for s in stages if stage_kind(s) not in grid_kinds | closing)
    waves = [Wave("setup", setup, parallel=False)]
    for kinds in PARALLEL_KINDS:
        members = tuple(s for s in stages if stage_kind(s) in kinds)
        waves.append(Wave("+".join(kinds), members, parallel=True))
    return [wave for wave in waves if wave.stages]


def final_command() -> list[str]:
    """The closing `dvc repro --keep-going`: the report, and whatever a wave left undone."""
    return [*repro(), "--keep-going"]


def pipeline_stages(root: Path) -> list[str]:
    """Every stage of `root`'s dvc.yaml, foreach items expanded, as DVC itself names them."""
    out = subprocess.run([dvc(), "stage", "list", "--name-only"], cwd=root, check=True,
                         capture_output=True, text=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def dvc_status(root: Path) -> dict[str, object]:
    """`dvc status --json` of the pipeline: empty when a `dvc repro` would run nothing."""
    out = subprocess.run([dvc(), "status", "dvc.yaml", "--json"], cwd=root, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out or "{}")
