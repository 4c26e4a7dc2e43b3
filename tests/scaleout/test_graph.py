"""A stage starts as soon as what it depends on in DVC's graph is done, not when its whole layer
is: the order of `xstilts grid` (the runs themselves: tests/integration/test_grid_workers.py)."""

from __future__ import annotations

import threading
import time

import pytest

from xstilts.scaleout.graph import BLOCKED, dot_edges, downstream_counts, predecessors, run_graph

# `dvc dag --dot` of a pipeline under another one (the repository root's stages are prefixed).
DOT = '''strict digraph {
"../dvc.yaml:fetch@mnli";
"fetch@mnli";
"pretrain";
"../dvc.yaml:fetch@mnli" -> "../dvc.yaml:pretrain";
"fetch@mnli" -> "pretrain";
"fetch@mnli" -> "prepare@mnli";
"pretrain" -> "prepare@mnli";
"prepare@mnli" -> "intermediate@mnli+mlm";
"intermediate@mnli+mlm" -> "report";
}
'''
STAGES = ["fetch@mnli", "pretrain", "prepare@mnli", "intermediate@mnli+mlm"]


def test_the_edges_are_dvcs_own_graph_restricted_to_this_pipeline():
    preds = predecessors(STAGES, dot_edges(DOT))
    assert preds == {"fetch@mnli": frozenset(), "pretrain": frozenset({"fetch@mnli"}),
                     "prepare@mnli": frozenset({"fetch@mnli", "pretrain"}),
                     "intermediate@mnli+mlm": frozenset({"prepare@mnli"})}


def test_long_chains_come_first_among_ready_stages():
    preds = {"a": frozenset(), "b": frozenset(), "c": frozenset({"b"}), "d": frozenset({"c"})}
    assert downstream_counts(preds) == {"a": 0, "b": 2, "c": 1, "d": 0}
    started: list[str] = []
    run_graph(preds, lambda s: started.append(s) or 0, width=1)
    assert started == ["b", "c", "a", "d"]  # ties: pipeline order


class Recorder:
    """A fake `dvc repro` per stage: records when it ran and how many ran at once."""

    def __init__(self, fail: frozenset[str] = frozenset()) -> None:
        self.fail, self.lock = fail, threading.Lock()
        self.active = self.peak = 0
        self.spans: dict[str, tuple[int, int]] = {}
        self.clock = 0

    def __call__(self, stage: str) -> int:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.clock += 1
            start = self.clock
        time.sleep(0.01)
        with self.lock:
            self.active -= 1
            self.clock += 1
            self.spans[stage] = (start, self.clock)
        return 1 if stage in self.fail else 0


def test_a_stage_starts_only_after_everything_it_depends_on_is_done():
    preds = predecessors(STAGES, dot_edges(DOT))
    rec = Recorder()
    outcome = run_graph(preds, rec, width=3)
    assert set(outcome.values()) == {0}
    for stage, before in preds.items():
        for pred in before:
            assert rec.spans[pred][1] < rec.spans[stage][0], (pred, stage)


def test_a_stage_does_not_wait_for_unrelated_stages_of_its_layer():
    # intermediate@slow and intermediate@fast are one layer; fast's target starts while slow runs
    preds = {"intermediate@slow": frozenset(), "intermediate@fast": frozenset(),
             "target@fast-x": frozenset({"intermediate@fast"})}
    gate = threading.Event()
    started: list[str] = []

    def launch(stage: str) -> int:
        started.append(stage)
        if stage == "target@fast-x":
            gate.set()
        if stage == "intermediate@slow":
            assert gate.wait(timeout=30), "target@fast-x waited for intermediate@slow"
        return 0

    assert set(run_graph(preds, launch, width=2).values()) == {0}


def test_no_more_than_width_stages_run_at_once():
    preds = {f"target@r-{k}": frozenset() for k in range(8)}
    rec = Recorder()
    run_graph(preds, rec, width=3)
    assert 1 <= rec.peak <= 3 and len(rec.spans) == 8


def test_a_failed_stage_blocks_only_what_depends_on_it():
    preds = {"intermediate@a": frozenset(), "intermediate@b": frozenset(),
             "target@a-x": frozenset({"intermediate@a"}), "score@a": frozenset({"target@a-x"}),
             "target@b-x": frozenset({"intermediate@b"})}
    outcome = run_graph(preds, Recorder(fail=frozenset({"intermediate@a"})), width=2)
    assert outcome["intermediate@a"] == 1
    assert outcome["target@a-x"] == BLOCKED and outcome["score@a"] == BLOCKED
    assert outcome["intermediate@b"] == 0 and outcome["target@b-x"] == 0


def test_a_cycle_is_refused_before_anything_runs():
    started: list[str] = []
    with pytest.raises(ValueError, match="cycle"):
        run_graph({"a": frozenset({"b"}), "b": frozenset({"a"})}, started.append, width=1)
    assert started == []
