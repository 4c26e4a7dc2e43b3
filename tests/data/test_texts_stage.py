"""The texts stage writes the similarity study's texts, at most `report.max_texts` per task and
language (the knob is in params, declared in dvc.yaml; no flag), sampled with `base.seed`."""

from __future__ import annotations

from pathlib import Path

from xstilts.config import load_params
from xstilts.layout import RAW, TEXTS
from xstilts.stages.texts import write_all

ROOT = Path(__file__).resolve().parents[2]


def _params(tmp_path: Path, max_texts: int):
    text = (ROOT / "demo" / "params.yaml").read_text().replace(
        "  max_texts: 500 ", f"  max_texts: {max_texts} ")
    path = tmp_path / "params.yaml"
    path.write_text(text)
    return load_params(path)


def _root(tmp_path: Path, demo_raw: Path) -> Path:
    root = tmp_path / "pipeline"
    (root / RAW).parent.mkdir(parents=True)
    (root / RAW).symlink_to(demo_raw)
    return root


def test_texts_per_task_and_language_are_capped_by_report_max_texts(tmp_path: Path, demo_raw):
    params = _params(tmp_path, 7)
    assert params.report.max_texts == 7
    root = _root(tmp_path, demo_raw)
    assert write_all(params, root) > 0
    counts = {f: len(f.read_text(encoding="utf-8").splitlines())
              for f in (root / TEXTS).rglob("*.txt")}
    assert max(counts.values()) == 7
    assert (root / TEXTS / "mnli" / "en.txt") in counts


def test_the_same_params_write_the_same_texts(tmp_path: Path, demo_raw):
    params = _params(tmp_path, 5)
    first, second = _root(tmp_path / "a", demo_raw), _root(tmp_path / "b", demo_raw)
    write_all(params, first)
    write_all(params, second)
    for path in (first / TEXTS).rglob("*.txt"):
        assert path.read_bytes() == (second / TEXTS / path.relative_to(first / TEXTS)).read_bytes()
