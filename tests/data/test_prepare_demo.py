"""`prepare_task` on the demo world: the registry's splits become feature folders, and the
gold files it writes are exactly what the XTREME scorer reads."""

from __future__ import annotations

import json
import shutil

from xstilts.data.featurize import FeatureParams
from xstilts.data.prepare import prepare_task
from xstilts.tasks.registry import get_task, task_names

PARAMS = FeatureParams(max_length=64, qa_max_length=96, doc_stride=32, max_query_length=24)


def test_prepare_task_covers_every_language_and_split(tokenizer, demo_raw, tmp_path):
    results = prepare_task(
        "xnli", demo_raw, tmp_path / "prepared", tokenizer, PARAMS, labels_root=tmp_path / "labels"
    )
    spec = get_task("xnli")
    expected = {(split, e.lang) for e in spec.entries for split in e.splits}
    assert {(r.path.name.split("-")[0], r.path.name.split("-")[1]) for r in results} == expected
    meta = json.loads((tmp_path / "prepared" / "xnli" / "dev-sw" / "meta.json").read_text())
    assert (meta["task"], meta["split"], meta["lang"], meta["kind"]) == (
        "xnli",
        "dev",
        "sw",
        "classification",
    )
    # Gold files for dev and test of every language, never for train.
    for split in ("dev", "test"):
        for lang in spec.languages:
            assert (tmp_path / "labels" / "xnli" / f"{split}-{lang}.tsv").is_file()
    assert not list((tmp_path / "labels" / "xnli").glob("train-*"))


def _as_predictions(labels, predictions):
    """Gold files turned into prediction files (QA: question id -> first gold answer)."""
    for path in labels.rglob("*.*"):
        out = predictions / path.relative_to(labels)
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".json":
            doc = json.loads(path.read_text())
            answers = {
                qa["id"]: qa["answers"][0]["text"]
                for article in doc["data"]
                for paragraph in article["paragraphs"]
                for qa in paragraph["qas"]
            }
            out.write_text(json.dumps(answers, ensure_ascii=False))
        else:
            shutil.copy(path, out)


def test_gold_labels_score_100_against_themselves(tokenizer, demo_raw, tmp_path):
    from xstilts.scoring.folders import score_folders

    for task in task_names(role="target"):
        prepare_task(
            task,
            demo_raw,
            tmp_path / "prepared",
            tokenizer,
            PARAMS,
            labels_root=tmp_path / "labels",
            splits=["test"],
        )
    _as_predictions(tmp_path / "labels", tmp_path / "predictions")
    result = score_folders(tmp_path / "predictions", tmp_path / "labels", split="test")
    assert set(result["tasks"]) == set(task_names(role="target"))
    assert result["xtreme_score"] == 100.0
