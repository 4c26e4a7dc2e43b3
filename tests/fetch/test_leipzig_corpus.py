"""The MLM corpus source (Leipzig): every corpus name has its evidence or is marked unverified,
and a corpus that fails to download names its language and the URL tried."""

from __future__ import annotations

from dataclasses import replace

import pytest

from xstilts.data.fetch import FetchError, fetch, is_complete
from xstilts.tasks.languages import (
    LEIPZIG_EVIDENCE,
    LEIPZIG_UNVERIFIED,
    LEIPZIG_WIKIPEDIA,
    leipzig_language,
)
from xstilts.tasks.sources import get_source

from .conftest import Route, tar_folder


def test_every_corpus_name_has_evidence_or_is_listed_as_unverified():
    for lang in LEIPZIG_WIKIPEDIA:
        assert (lang in LEIPZIG_EVIDENCE) != (lang in LEIPZIG_UNVERIFIED), lang
    assert set(LEIPZIG_EVIDENCE) | set(LEIPZIG_UNVERIFIED) == set(LEIPZIG_WIKIPEDIA)
    for lang, where in LEIPZIG_EVIDENCE.items():
        repo, _, path = where.partition(":")
        assert repo.count("/") == 1 and path, (lang, where)  # "owner/name:path[@commit]"


def test_the_source_notes_name_the_unverified_corpora_and_only_those():
    notes = get_source("leipzig_wikipedia").notes
    unverified = notes.split("Unverified names: ", 1)[1].split(". ", 1)[0]
    if LEIPZIG_UNVERIFIED:
        assert unverified == ", ".join(f"{k}={LEIPZIG_WIKIPEDIA[k]}" for k in LEIPZIG_UNVERIFIED)
    else:
        assert unverified == "none"
    assert "UNVERIFIED" not in notes
    assert "LEIPZIG_EVIDENCE" in notes and "--from DIR" in notes  # where, and how to substitute


def test_each_file_maps_back_to_its_language():
    spec = get_source("leipzig_wikipedia")
    assert len(spec.files) == len(LEIPZIG_WIKIPEDIA) == 40
    for file in spec.files:
        lang = leipzig_language(file.name)
        assert lang is not None and file.label == f"language {lang}"
        assert file.url.endswith(f"/corpora/{LEIPZIG_WIKIPEDIA[lang]}.tar.gz")
    assert leipzig_language("nothing_wikipedia_2021_100K.tar.gz") is None


def _archive(tmp_path, name: str) -> bytes:
    root = tmp_path / "build"
    (root / name).mkdir(parents=True)
    (root / name / f"{name}-sentences.txt").write_text("1\tA sentence.\n", encoding="utf-8")
    return tar_folder(root, [f"{name}/{name}-sentences.txt"])


def test_a_missing_corpus_fails_naming_its_language_and_url(server, sleeps, tmp_path):
    langs = ("de", "sw", "yo")
    real = get_source("leipzig_wikipedia")
    files = tuple(replace(f, url=server.url(f.name)) for f in real.files
                  if leipzig_language(f.name) in langs)
    spec = replace(real, files=files)
    for lang in ("de", "yo"):  # Swahili's archive is not served: 404
        name = LEIPZIG_WIKIPEDIA[lang]
        server.routes[f"{name}.tar.gz"] = Route(_archive(tmp_path, name))
    raw = tmp_path / "raw"
    with pytest.raises(FetchError) as err:
        fetch([spec], raw_root=raw, sleep=sleeps, log=lambda m: None)
    message = str(err.value)
    missing = f"{LEIPZIG_WIKIPEDIA['sw']}.tar.gz"
    assert f"leipzig_wikipedia/{missing} (language sw) from {server.url(missing)}" in message
    assert "HTTP 404" in message
    assert server.hits[missing] == 1 and sleeps == []  # a 404 is not retried
    assert not is_complete(spec, raw)


def test_a_local_corpus_substitutes_through_a_mirror(tmp_path, sleeps):
    """REPRODUCE.md section 6: the 40 archives in DIR/leipzig_wikipedia/ (one of them your own
    text under Leipzig's name and layout), pinned by DIR/SHA256SUMS, fetched with --from DIR."""
    from xstilts.tasks.readers.corpus import read_leipzig_sentences

    from .conftest import write_manifest

    mirror = tmp_path / "mirror"
    (mirror / "leipzig_wikipedia").mkdir(parents=True)
    for lang, name in LEIPZIG_WIKIPEDIA.items():
        root = tmp_path / "build" / lang
        (root / name).mkdir(parents=True)
        text = "1\tMy own Swahili sentence.\n" if lang == "sw" else f"1\tA {lang} sentence.\n"
        (root / name / f"{name}-sentences.txt").write_text(text, encoding="utf-8")
        (mirror / "leipzig_wikipedia" / f"{name}.tar.gz").write_bytes(
            tar_folder(root, [f"{name}/{name}-sentences.txt"]))
    write_manifest(mirror)
    raw = tmp_path / "raw"
    [result] = fetch(["leipzig_wikipedia"], raw_root=raw, mirror=mirror, sleep=sleeps,
                     log=lambda m: None)
    assert result.status == "fetched"
    name = LEIPZIG_WIKIPEDIA["sw"]
    assert read_leipzig_sentences(raw / "leipzig_wikipedia" / name / f"{name}-sentences.txt") \
        == ["My own Swahili sentence."]
    [again] = fetch(["leipzig_wikipedia"], raw_root=raw, sleep=sleeps, log=lambda m: None)
    assert again.status == "complete"  # a later fetch without the mirror keeps it
