"""The demo mirror is what the pipeline expects: the registry's downloads, a manifest that
`fetch --from` verifies, and raw files every real reader parses."""

from __future__ import annotations

import hashlib

from xstilts.demo_world.generate import SOURCES
from xstilts.tasks.readers import read_corpus, read_examples
from xstilts.tasks.registry import all_tasks
from xstilts.tasks.sources import sources


def test_every_registry_source_is_generated_under_its_download_names(demo_world):
    mirror = demo_world.mirror
    assert {s.name for s in sources()} <= set(SOURCES), "a registry source has no demo generator"
    for spec in sources():
        for remote in spec.files:
            assert (mirror / spec.name / remote.name).is_file(), f"{spec.name}/{remote.name}"


def test_manifest_vouches_for_every_mirror_file(demo_world):
    mirror = demo_world.mirror
    listed = {}
    for line in demo_world.manifest.read_text().splitlines():
        digest, path = line.split("  ")
        listed[path] = digest
    on_disk = {
        str(p.relative_to(mirror)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in mirror.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    }
    assert listed == on_disk


def test_every_task_reads_back_with_the_real_readers(demo_raw):
    read = 0
    for spec in all_tasks():
        for entry in spec.entries:
            for split in entry.splits:
                if spec.kind == "retrieval":
                    corpus = read_corpus(spec.name, split, entry.lang, demo_raw)
                    assert corpus.source and corpus.english and corpus.gold, (spec.name, split)
                else:
                    examples = read_examples(spec.name, split, entry.lang, demo_raw)
                    assert examples, (spec.name, split, entry.lang)
                read += 1
    assert read > 300  # every language of every target task has its files


def test_bucc_corpora_hold_distractors_beyond_the_gold_pairs(demo_raw):
    for split in ("dev", "test"):
        corpus = read_corpus("bucc2018", split, "de", demo_raw)
        assert len(corpus.source) > len(corpus.gold) and len(corpus.english) > len(corpus.gold)


def test_tatoeba_sides_are_aligned_translations(demo_raw):
    corpus = read_corpus("tatoeba", "test", "fr", demo_raw)
    source = dict(corpus.source)
    english = dict(corpus.english)
    for src_index, en_index in corpus.gold:
        # Translations share their anchors: the names in the English line are in its pair.
        names = [w for w in english[en_index].split() if w[:1].isupper()]
        assert all(name.strip(".") in source[src_index] for name in names)


def test_tydiqa_train_mixes_languages_and_english_is_filtered(demo_raw):
    examples = read_examples("tydiqa", "train", "en", demo_raw)
    assert examples and all(ex.id.startswith("english-") for ex in examples)
    raw = (demo_raw / "tydiqa" / "tydiqa-goldp-v1.1-train.json").read_text()
    assert '"arabic-' in raw and "--" in raw  # other languages, and negative-number ids
