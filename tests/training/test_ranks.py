"""Ready for torch.distributed: only rank 0 writes state and reports; ranks see other data."""

from __future__ import annotations

from tests.training.synthetic import NUM_LABELS, classification, fast_config
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData
from xstilts.training.device import Rank
from xstilts.training.loop import train

HEAD = HeadSpec("h", "classification", NUM_LABELS)


def run(model_dir, run_dir, tokens, rank):
    reports = []
    model = build_model(model_dir, [HEAD])
    result = train(
        model,
        [TaskData("t", HEAD, classification(64, 1))],
        fast_config(max_steps=4, save_every=2, log_every=1),
        run_dir,
        tokens,
        metrics_callback=lambda step, metrics: reports.append(step),
        rank=rank,
    )
    return result, reports


def test_only_rank_zero_writes_state_and_reports_metrics(tiny_model_dir, tokens, tmp_path):
    _, reports = run(tiny_model_dir, tmp_path / "rank1", tokens, Rank(1, 2))
    assert reports == [] and not (tmp_path / "rank1").exists()
    _, reports = run(tiny_model_dir, tmp_path / "rank0", tokens, Rank(0, 2))
    assert reports == [1, 2, 3, 4] and (tmp_path / "rank0" / "state").is_dir()


def test_ranks_train_on_different_batches(tiny_model_dir, tokens, tmp_path):
    first, _ = run(tiny_model_dir, tmp_path / "a", tokens, Rank(0, 2))
    second, _ = run(tiny_model_dir, tmp_path / "b", tokens, Rank(1, 2))
    assert first.train_loss != second.train_loss
