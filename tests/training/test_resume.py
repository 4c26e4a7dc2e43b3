"""Done criterion (c): a run killed at any point resumes from its last complete state and ends
bitwise equal to an uninterrupted run; half-written states are never taken as complete."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from tests.training.resume_job import run
from tests.training.synthetic import NUM_LABELS, classification, fast_config
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData
from xstilts.training.loop import train
from xstilts.training.state import complete_states, latest_state

REPO = Path(__file__).resolve().parents[2]


def job(model_dir: Path, run_dir: Path, out_dir: Path, seconds_per_step: float = 0.0):
    cmd = [
        sys.executable,
        "-m",
        "tests.training.resume_job",
        str(model_dir),
        str(run_dir),
        str(out_dir),
        str(seconds_per_step),
    ]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_first_state(run_dir: Path, process: subprocess.Popen, limit_s: float = 120) -> None:
    deadline = time.monotonic() + limit_s
    while not complete_states(run_dir):
        if process.poll() is not None:
            raise AssertionError(f"job ended before writing a state: {process.stderr.read()}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("job wrote no state in time")
        time.sleep(0.05)


@pytest.mark.slow
def test_sigkilled_run_resumes_to_the_same_weights_and_metrics(tiny_model_dir, tmp_path):
    reference_weights, reference = run(tiny_model_dir, tmp_path / "reference")

    killed = job(tiny_model_dir, tmp_path / "run", tmp_path / "out", seconds_per_step=0.2)
    wait_for_first_state(tmp_path / "run", killed)
    os.kill(killed.pid, signal.SIGKILL)
    assert killed.wait() == -signal.SIGKILL
    assert not (tmp_path / "out").exists()

    resumed = job(tiny_model_dir, tmp_path / "run", tmp_path / "out")
    assert resumed.wait() == 0, resumed.stderr.read()
    result = json.loads((tmp_path / "out" / "result.json").read_text())
    assert result["resumed_from"] and result["resumed_from"] > 0
    assert result["metrics"] == json.loads(json.dumps(reference.metrics()))
    weights = load_file(tmp_path / "out" / "model.safetensors")
    assert weights.keys() == reference_weights.keys()
    assert all(torch.equal(weights[k], reference_weights[k]) for k in weights)


def test_half_written_states_are_ignored(tiny_model_dir, tmp_path):
    run(tiny_model_dir, tmp_path / "run")
    states = tmp_path / "run" / "state"
    good = latest_state(tmp_path / "run")
    # A writer killed before its rename, and a folder whose files are not all there.
    (states / ".tmp-step-00000099-123").mkdir()
    (states / ".tmp-step-00000099-123" / "model.safetensors").write_bytes(b"partial")
    partial = states / "step-00000098"
    partial.mkdir()
    (partial / "progress.json").write_text("{}")
    truncated = states / "step-00000097"
    truncated.mkdir()
    for item in good.iterdir():
        (truncated / item.name).write_bytes(item.read_bytes())
    with open(truncated / "model.safetensors", "r+b") as f:
        f.truncate(10)
    assert latest_state(tmp_path / "run") == good


def test_resuming_with_a_changed_config_is_refused(tiny_model_dir, tokens, tmp_path):
    head = HeadSpec("h", "classification", NUM_LABELS)
    task = TaskData("t", head, classification(50, 1))
    train(build_model(tiny_model_dir, [head]), [task], fast_config(max_steps=4), tmp_path, tokens)
    # Display-only knobs may change; anything that changes the numbers may not.
    train(
        build_model(tiny_model_dir, [head]),
        [task],
        fast_config(max_steps=4, log_every=1),
        tmp_path,
        tokens,
    )
    with pytest.raises(ValueError, match="different run.*'lr'"):
        train(
            build_model(tiny_model_dir, [head]),
            [task],
            fast_config(max_steps=4, lr=1e-4),
            tmp_path,
            tokens,
        )
