"""torchrun + DDP for one stage: two CPU ranks (gloo) at the global batch of one process train
the same model, rank 0 alone writes, and a preempted two-rank run resumes from its state."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from tests.training import ddp_job
from xstilts.training.sampler import BatchStream

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TORCHRUN = Path(sys.executable).parent / "torchrun"
# Two half-batch gradients averaged by DDP equal the full batch's up to float summation order.
TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def model_dir(tiny_model_dir, tmp_path_factory) -> Path:
    """The tiny model without dropout: every difference left is the ranks' arithmetic."""
    out = tmp_path_factory.mktemp("tiny-no-dropout") / "model"
    shutil.copytree(tiny_model_dir, out)
    config = json.loads((out / "config.json").read_text())
    config.update(hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    (out / "config.json").write_text(json.dumps(config))
    return out


def torchrun(model_dir: Path, run_dir: Path, out_dir: Path, *extra: str) -> str | None:
    """Run the job as two ranks; None when it succeeded, else its output (torchrun exits 1
    when a rank fails, naming the rank's own exit code)."""
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    cmd = [str(TORCHRUN), "--standalone", "--nproc_per_node=2", "-m", "tests.training.ddp_job",
           str(model_dir), str(run_dir), str(out_dir), *extra]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    return None if done.returncode == 0 else done.stdout + done.stderr


@pytest.fixture(scope="module")
def two_ranks(model_dir, tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("ddp")
    failure = torchrun(model_dir, base / "run", base / "out")
    assert failure is None, failure[-3000:]
    return base


def max_difference(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> float:
    assert a.keys() == b.keys()
    return max(float((a[k].float() - b[k].float()).abs().max()) for k in a)


def test_each_rank_takes_its_share_of_every_global_batch():
    lengths = torch.randint(5, 50, (100,)).numpy()
    whole = BatchStream(lengths, 32, 0, 0).batches_of_pass(0)
    halves = [BatchStream(lengths, 32, 0, 0, rank=r, world=2).batches_of_pass(0) for r in (0, 1)]
    assert len(halves[0]) == len(halves[1]) == len(whole)  # same steps as one process
    for batch, first, second in zip(whole, *halves, strict=True):
        assert sorted([*first, *second]) == sorted(batch)


def test_two_ranks_train_the_model_of_one_process(model_dir, two_ranks, tmp_path):
    weights, result = ddp_job.run(model_dir, tmp_path / "single")
    ddp = json.loads((two_ranks / "out" / "result.json").read_text())
    assert ddp["world"] == 2
    assert ddp["metrics"]["steps"] == result.steps
    assert ddp["metrics"]["examples"] == result.examples / 2  # rank 0's half of each batch
    difference = max_difference(weights, load_file(two_ranks / "out" / "model.safetensors"))
    assert difference < TOLERANCE
    initial = ddp_job.build_model(model_dir, [ddp_job.HEAD], seed=0).state_dict()
    assert max_difference(weights, initial) > 100 * TOLERANCE  # it did train


def test_only_rank_zero_writes_training_state(two_ranks):
    states = sorted(p.name for p in (two_ranks / "run" / "state").iterdir())
    assert len(states) == 1 and states[0].endswith(f"{ddp_job.STEPS:08d}")


def test_a_preempted_two_rank_run_resumes_from_its_saved_state(model_dir, two_ranks, tmp_path):
    stop = ddp_job.SAVE_EVERY + 1
    preempted = torchrun(model_dir, tmp_path / "run", tmp_path / "first", str(stop))
    assert preempted is not None and "exitcode  : 3" in preempted
    assert not (tmp_path / "first").exists()
    failure = torchrun(model_dir, tmp_path / "run", tmp_path / "out")
    assert failure is None, failure[-3000:]
    resumed = json.loads((tmp_path / "out" / "result.json").read_text())
    assert resumed["resumed_from"] == ddp_job.SAVE_EVERY
    difference = max_difference(load_file(tmp_path / "out" / "model.safetensors"),
                                load_file(two_ranks / "out" / "model.safetensors"))
    assert difference < TOLERANCE


def test_only_rank_zero_opens_the_stage_mlflow_run(monkeypatch, tmp_path):
    from xstilts.config import load_params
    from xstilts.stages.tracked import tracked_stage

    params = load_params(ROOT / "demo" / "params.yaml")
    assert params.tracking.enabled
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RANK", "1")
    with tracked_stage("target@none-xnli", params, tmp_path) as tracker:
        assert tracker._run is None
    assert list(tmp_path.iterdir()) == []  # no mlflow.db, no spool
