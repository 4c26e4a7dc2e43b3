"""Early stopping and the selection gold read only the model-selection files, never a target's
test files: recorded at the readers and the feature cache while they run on the demo world
(simulated data, a tiny locally built model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xstilts.data.featurize import FeatureParams
from xstilts.data.prepare import _write_selection_gold, prepare_task
from xstilts.tasks.readers._io import expand
from xstilts.tasks.registry import all_tasks, get_task

PARAMS = FeatureParams(max_length=64, qa_max_length=96, doc_stride=32, max_query_length=24)
TRAINED = [t.name for t in all_tasks() if t.role == "target" and t.train_task]
OPTIONS = {"n_best": 5, "max_answer_length": 30}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory, demo_raw: Path, tokenizer) -> Path:
    """A pipeline root whose prepared features hold only the selection sets of the targets."""
    root = tmp_path_factory.mktemp("selection-root")
    (root / "data").mkdir()
    (root / "data" / "raw").symlink_to(demo_raw)
    for name in TRAINED:
        sel = get_task(name).selection
        prepare_task(sel.task, root / "data" / "raw", root / "data" / "prepared", tokenizer,
                     PARAMS, splits=[sel.split], languages=list(sel.languages))
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, root: Path) -> list[Path]:
    """Every raw file a reader opens and every raw file behind a feature folder loaded."""
    import xstilts.data.load as features
    import xstilts.tasks.readers as readers

    seen: list[Path] = []
    real_paths, real_load = readers._paths, features.load_features

    def paths(spec, split, lang, raw_root):
        found = real_paths(spec, split, lang, raw_root)
        seen.extend(found)
        return found

    def load(task, split, lang, root_=Path(".")):
        seen.extend(_raw_files(task, split, lang, root))
        return real_load(task, split, lang, root_)

    monkeypatch.setattr(readers, "_paths", paths)
    monkeypatch.setattr(features, "load_features", load)
    return seen


def _raw_files(task: str, split: str, lang: str, root: Path) -> list[Path]:
    entry = get_task(task).entry(lang)
    return [p for pattern in (entry.paths(split) or ()) for p in expand(root / "data/raw", pattern)]


def _test_files(task: str, root: Path) -> set[Path]:
    spec = get_task(task)
    return {p.resolve() for e in spec.entries for p in _raw_files(task, "test", e.lang, root)}


@pytest.mark.parametrize("task", TRAINED)
def test_early_stopping_reads_only_the_selection_files(task, root, reads, tiny_model_dir):
    from xstilts.data.load import head_for
    from xstilts.evaluation.zero_shot import selection_score
    from xstilts.modeling.checkpoint import build_model

    model = build_model(tiny_model_dir, [head_for(task, root)])
    score = selection_score(model, task, root, batch_size=16, max_examples=8,
                            span_options=OPTIONS)
    assert 0.0 <= score <= 100.0
    read = {p.resolve() for p in reads}
    assert read, "nothing recorded"
    assert read.isdisjoint(_test_files(task, root))
    sel = get_task(task).selection
    allowed = {p.resolve() for lang in sel.languages
               for p in _raw_files(sel.task, sel.split, lang, root)}
    assert read <= allowed


@pytest.mark.parametrize("task", [*TRAINED, "bucc2018"])
def test_selection_gold_is_written_from_the_selection_files(task, root, reads, tmp_path):
    _write_selection_gold(get_task(task), root / "data" / "raw", tmp_path, None)
    written = sorted(p.name for p in (tmp_path / task).iterdir())
    assert written == sorted(f"selection-{lang}.{'json' if task in ('xquad', 'mlqa', 'tydiqa') else 'tsv'}"
                             for lang in get_task(task).selection.languages)
    read = {p.resolve() for p in reads}
    assert read and read.isdisjoint(_test_files(task, root))
