"""Progress: a tqdm bar on a terminal, plain log lines elsewhere; the metrics hook gets steps."""

from __future__ import annotations

import io
import logging

from tests.training.synthetic import NUM_LABELS, classification, fast_config
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData
from xstilts.training.loop import train
from xstilts.training.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_with_loss_and_throughput():
    stream = Terminal()
    progress = Progress(total_steps=4, start_step=0, log_every=2, stream=stream)
    for step in range(1, 5):
        progress.update(step, loss=0.5, examples=16)
    progress.close()
    text = stream.getvalue()
    assert "4/4" in text and "loss=0.5000" in text and "ex_s=" in text


def test_a_log_file_gets_plain_periodic_lines(caplog):
    stream = io.StringIO()
    with caplog.at_level(logging.INFO, logger="xstilts.training"):
        progress = Progress(total_steps=6, start_step=0, log_every=2, stream=stream)
        for step in range(1, 7):
            progress.update(step, loss=0.25, examples=8)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3 and stream.getvalue() == ""
    assert lines[-1].startswith("train step 6/6 loss 0.2500") and "examples/s eta" in lines[-1]


def test_metrics_callback_receives_training_metrics_every_log_step(
    tiny_model_dir, tokens, tmp_path
):
    seen = []
    head = HeadSpec("h", "classification", NUM_LABELS)
    model = build_model(tiny_model_dir, [head])
    train(
        model,
        [TaskData("t", head, classification(50, 1))],
        fast_config(max_steps=7, log_every=3),
        tmp_path,
        tokens,
        metrics_callback=lambda step, metrics: seen.append((step, metrics)),
    )
    assert [s for s, _ in seen] == [3, 6, 7]
    assert set(seen[0][1]) == {"train_loss", "lr", "grad_norm", "examples_per_second"}
