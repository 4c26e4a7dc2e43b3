"""Retrieval corpora: BUCC 2018 mining corpora and LASER's Tatoeba test sets."""

from __future__ import annotations

from pathlib import Path

from xstilts.tasks.errors import DataFormatError
from xstilts.tasks.readers._io import read_lines
from xstilts.tasks.schema import RetrievalCorpus


def _id_sentences(path: Path) -> tuple[tuple[str, str], ...]:
    """`<id>\\t<sentence>` lines (the sentence may itself hold no tab). Ids must be unique."""
    out = []
    seen: set[str] = set()
    for number, line in enumerate(read_lines(path), start=1):
        ident, tab, sentence = line.partition("\t")
        if not tab or not ident.strip():
            raise DataFormatError(path, "expected `<id>` TAB `<sentence>`", line=number)
        ident = ident.strip()
        if ident in seen:
            raise DataFormatError(path, f"duplicate sentence id {ident!r}", line=number)
        seen.add(ident)
        out.append((ident, sentence.strip()))
    return tuple(out)


def read_bucc(split: str, lang: str, paths: list[Path]) -> RetrievalCorpus:
    """The full mining corpora of both sides, not only the gold pairs.

    Mining searches every sentence of `<l>-en.<part>.<l>` against every sentence of
    `<l>-en.<part>.en`; most of them have no translation. Hugging Face's bucc18 config keeps only
    the gold pairs, which turns mining into an easy matching task (XTREME_SPEC.md §3.8).
    XTREME's dev is BUCC's sample release, its test BUCC's training release.
    """
    source_path, english_path, gold_path = paths
    source = _id_sentences(source_path)
    english = _id_sentences(english_path)
    source_ids = {i for i, _ in source}
    english_ids = {i for i, _ in english}
    gold = []
    for number, line in enumerate(read_lines(gold_path), start=1):
        fields = line.strip().split("\t")
        if len(fields) != 2:
            raise DataFormatError(gold_path, "expected `<source id>` TAB `<english id>`",
                                  line=number)
        src, eng = fields
        if src not in source_ids:
            raise DataFormatError(gold_path, f"source id {src!r} is not in {source_path.name}",
                                  line=number)
        if eng not in english_ids:
            raise DataFormatError(gold_path, f"English id {eng!r} is not in {english_path.name}",
                                  line=number)
        gold.append((src, eng))
    return RetrievalCorpus(task="bucc2018", lang=lang, split=split, source=source,
                           english=english, gold=tuple(gold))


def read_tatoeba(split: str, lang: str, paths: list[Path]) -> RetrievalCorpus:
    """LASER's line-aligned pair in XTREME's convention.

    XTREME hides the alignment by sorting the English side (stripped, stable lexicographic
    sort); the English query j then has as gold the 0-based line number, in the non-English
    file, of its translation, which is the English sentence's original line number.
    Ids are those line numbers as strings: source ids index the non-English file as published,
    English ids the sorted English list; gold[j] = (index in the non-English file, str(j)).
    """
    source_path, english_path = paths
    source_lines = [line.strip() for line in read_lines(source_path)]
    english_lines = [line.strip() for line in read_lines(english_path)]
    if len(source_lines) != len(english_lines):
        raise DataFormatError(
            english_path, f"{len(english_lines)} lines but {source_path.name} has "
            f"{len(source_lines)}; the two sides must be line-aligned",
        )
    order = sorted(range(len(english_lines)), key=lambda i: english_lines[i])
    return RetrievalCorpus(
        task="tatoeba", lang=lang, split=split,
        source=tuple((str(i), s) for i, s in enumerate(source_lines)),
        english=tuple((str(j), english_lines[i]) for j, i in enumerate(order)),
        gold=tuple((str(i), str(j)) for j, i in enumerate(order)),
    )
