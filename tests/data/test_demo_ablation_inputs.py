"""The two ablation inputs in the demo world: the MLM corpus (Leipzig Wikipedia layout) and
MNLI's machine-translated training sets (XNLI-MT layout), mirrored, fetched and prepared."""

from __future__ import annotations

import json

from xstilts.data.featurize import FeatureParams
from xstilts.data.fetch import MANIFEST, MARKER
from xstilts.data.prepare import prepare_task
from xstilts.tasks.languages import LEIPZIG_WIKIPEDIA
from xstilts.tasks.readers import read_examples
from xstilts.tasks.readers.corpus import read_leipzig_sentences
from xstilts.tasks.registry import get_task

PARAMS = FeatureParams(max_length=64, qa_max_length=96, doc_stride=32, max_query_length=24)


def test_fetch_checks_both_demo_sources_against_the_mirror_manifest(demo_raw):
    for source in ("leipzig_wikipedia", "xnli_mt"):
        marker = json.loads((demo_raw / source / MARKER).read_text())
        checked = {f["checked_against"] for f in marker["files"]}
        assert checked == {f"the mirror's {MANIFEST}"}, source


def test_demo_mlm_corpus_has_text_in_every_language_file(demo_raw):
    per_language = {
        lang: read_leipzig_sentences(
            demo_raw / "leipzig_wikipedia" / name / f"{name}-sentences.txt"
        )
        for lang, name in LEIPZIG_WIKIPEDIA.items()
    }
    assert all(per_language.values()), [lang for lang, s in per_language.items() if not s]
    multi = read_examples("mlm_corpus", "train", "multi", demo_raw)
    assert multi == [s for lang in sorted(per_language) for s in per_language[lang]]
    assert all(isinstance(s, str) for s in multi)


def test_demo_translated_mnli_is_the_english_file_translated_line_by_line(demo_raw):
    english = read_examples("xnli", "train", "en", demo_raw)
    for lang in get_task("mnli_translated").languages:
        translated = read_examples("mnli_translated", "train", lang, demo_raw)
        assert 0 < len(translated) <= len(english), lang
        # XNLI-MT translates MultiNLI row by row: same order, same labels, other words.
        assert [ex.label for ex in translated] == [ex.label for ex in english[: len(translated)]]
        assert translated[0].text_a != english[0].text_a, lang


def test_prepare_writes_mlm_features_for_train_multi(tokenizer, demo_raw, tmp_path):
    out = tmp_path / "prepared"
    results = prepare_task("mlm_corpus", demo_raw, out, tokenizer, PARAMS,
                           labels_root=tmp_path / "labels")
    assert [r.path for r in results] == [out / "mlm_corpus" / "train-multi"]
    meta = json.loads((out / "mlm_corpus" / "train-multi" / "meta.json").read_text())
    assert (meta["kind"], meta["num_examples"]) == (
        "mlm", len(read_examples("mlm_corpus", "train", "multi", demo_raw)))

    from datasets import load_from_disk

    features = load_from_disk(str(out / "mlm_corpus" / "train-multi"))
    assert features.column_names == ["input_ids"] and len(features) >= meta["num_examples"]
    row = features[0]["input_ids"]
    assert row[0] == tokenizer.cls_token_id and row[-1] == tokenizer.sep_token_id
    assert not (tmp_path / "labels").exists()  # a corpus has no gold labels


def test_prepare_writes_one_translated_train_split_per_language(tokenizer, demo_raw, tmp_path):
    out = tmp_path / "prepared"
    results = prepare_task("mnli_translated", demo_raw, out, tokenizer, PARAMS)
    langs = get_task("mnli_translated").languages
    assert [r.path for r in results] == [out / "mnli_translated" / f"train-{x}" for x in langs]
    meta = json.loads((out / "mnli_translated" / "train-sw" / "meta.json").read_text())
    assert (meta["kind"], meta["lang"]) == ("classification", "sw")
