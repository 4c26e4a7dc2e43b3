"""Which stage may start now: DVC's own stage graph (`dvc dag --dot`), walked as stages finish.

`xstilts grid` starts a stage as soon as every stage it depends on has finished, instead of
waiting for a whole layer: the target cells of the `none` run train while HellaSwag's
intermediate run is still going, and prepare starts per task as soon as the pretrained
tokenizer is there. The edges are DVC's (a stage depends on another when it reads what the
other writes); the order among ready stages puts first the stage with the most work after it,
so the long chains start early. Each stage is still one `dvc repro --single-item`, and every
lock is DVC's (waves.py).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from graphlib import TopologicalSorter
from pathlib import Path

from xstilts.scaleout.waves import dvc

_EDGE = re.compile(r'^\s*"(?P<source>[^"]+)"\s*->\s*"(?P<target>[^"]+)";?\s*$')

# A stage's outcome when a stage it depends on failed: it is not started.
BLOCKED = -1


def dot_edges(dot: str) -> list[tuple[str, str]]:
    """(dependency, dependent) pairs of `dvc dag --dot` output."""
    return [(m["source"], m["target"]) for m in map(_EDGE.match, dot.splitlines()) if m]


def predecessors(stages: Sequence[str], edges: Sequence[tuple[str, str]]
                 ) -> dict[str, frozenset[str]]:
    """Per stage of `stages`, the stages of `stages` it depends on directly. Edges to or from
    anything else (another pipeline of the repository, a .dvc file) are dropped."""
    members = set(stages)
    found: dict[str, set[str]] = {stage: set() for stage in stages}
    for source, target in edges:
        if source in members and target in members and source != target:
            found[target].add(source)
    return {stage: frozenset(found[stage]) for stage in stages}


def stage_graph(root: Path, stages: Sequence[str]) -> dict[str, frozenset[str]]:
    """DVC's graph of `root`'s pipeline, restricted to `stages`."""
    out = subprocess.run([dvc(), "dag", "--dot"], cwd=root, check=True, capture_output=True,
                         text=True).stdout
    return predecessors(stages, dot_edges(out))


def downstream_counts(preds: Mapping[str, frozenset[str]]) -> dict[str, int]:
    """How many stages depend on each stage, directly or not."""
    succs: dict[str, set[str]] = {stage: set() for stage in preds}
    for stage, before in preds.items():
        for pred in before:
            succs[pred].add(stage)

    def below(stage: str) -> set[str]:
        seen: set[str] = set()
        stack = list(succs[stage])
        while stack:
            nxt = stack.pop()
            if nxt not in seen:
                seen.add(nxt)
                stack.extend(succs[nxt])
        return seen

    return {stage: len(below(stage)) for stage in preds}


def run_graph(
    preds: Mapping[str, frozenset[str]],
    launch: Callable[[str], int],
    width: int,
) -> dict[str, int]:
    """Run every stage of `preds` with `launch` (its exit code), at most `width` at a time,
    each once all its predecessors exited 0. A stage whose predecessor failed or was blocked is
    not launched: its outcome is BLOCKED. Returns {stage: exit code or BLOCKED}, in the order
    the stages finished."""
    TopologicalSorter(preds).prepare()  # graphlib.CycleError (a ValueError) names a cycle
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    order = {stage: k for k, stage in enumerate(preds)}
    weight = downstream_counts(preds)
    outcome: dict[str, int] = {}
    waiting = set(preds)
    running: dict[Future[int], str] = {}

    def settle_blocked() -> None:
        changed = True
        while changed:
            changed = False
            for stage in sorted(waiting, key=order.__getitem__):
                if any(outcome[p] != 0 for p in preds[stage] if p in outcome):
                    waiting.discard(stage)
                    outcome[stage] = BLOCKED
                    changed = True

    def ready() -> list[str]:
        free = [s for s in waiting if all(outcome.get(p) == 0 for p in preds[s])]
        return sorted(free, key=lambda s: (-weight[s], order[s]))

    with ThreadPoolExecutor(max_workers=width) as pool:
        while waiting or running:
            settle_blocked()
            for stage in ready()[: width - len(running)]:
                waiting.discard(stage)
                running[pool.submit(launch, stage)] = stage
            if not running:
                break  # whatever still waits depends on a stage that never ran
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                outcome[running.pop(future)] = future.result()
    for stage in waiting:
        outcome[stage] = BLOCKED
    return outcome
