from pathlib import Path

import pytest

from xstilts.evaluation.layout import layout_path
from xstilts.fileio import write_text_atomic


def test_qa_tasks_are_json_and_every_other_task_is_tsv(tmp_path: Path):
    assert layout_path(tmp_path, "xquad", "test", "de") == tmp_path / "xquad" / "test-de.json"
    assert layout_path(tmp_path, "mlqa", "dev", "ar") == tmp_path / "mlqa" / "dev-ar.json"
    assert layout_path(tmp_path, "tydiqa", "test", "sw") == tmp_path / "tydiqa" / "test-sw.json"
    for task in ("xnli", "pawsx", "udpos", "panx", "bucc2018", "tatoeba"):
        assert layout_path(tmp_path, task, "test", "fr") == tmp_path / task / "test-fr.tsv"


def test_span_extraction_kind_is_json_for_tasks_outside_xtreme(tmp_path: Path):
    assert layout_path(tmp_path, "squad", "dev", "en", "span_extraction").suffix == ".json"


def test_atomic_write_leaves_only_the_final_file(tmp_path: Path):
    path = write_text_atomic(tmp_path / "task" / "test-de.tsv", "a\n")
    write_text_atomic(path, "b\n")
    assert path.read_text(encoding="utf-8") == "b\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["test-de.tsv"]


def test_failed_atomic_write_keeps_the_old_file(tmp_path: Path):
    path = write_text_atomic(tmp_path / "f.tsv", "old\n")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(path, "\udcff")  # a lone surrogate cannot be encoded as UTF-8
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.tsv"]
