"""Retrieval tasks in the demo world: BUCC 2018 mining corpora and Tatoeba test pairs.

BUCC: each side is a full monolingual corpus; only some sentences have a translation on the
other side (the gold pairs), the rest are distractors on similar topics, and some English
distractors differ from a gold sentence's translation in one detail, so mining needs more
than topic overlap. Tatoeba: line-aligned translations of short sentences.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

from xstilts.demo_world import formats
from xstilts.demo_world.grammar import Clause, text_of
from xstilts.demo_world.world import World, city, clause, person

BUCC_PARTS = (("sample", "bucc_sample"), ("training", "bucc_training"))


def _sentence_clause(rng: random.Random, split: str) -> Clause:
    c = clause(rng, split, subj=person(rng, split))
    return replace(c, neg=rng.random() < 0.2)


def _unique(
    world: World,
    rng: random.Random,
    lang: str,
    split: str,
    seen: set[str],
    make: Callable[[], Clause] | None = None,
) -> tuple[Clause, str]:
    r = world.renderer(lang)
    for _ in range(1000):
        c = _sentence_clause(rng, split) if make is None else make()
        text = text_of(r.sentence([c]))
        if text not in seen:
            seen.add(text)
            return c, text
    raise RuntimeError(f"demo BUCC {lang}: cannot draw a new sentence; lower the BUCC sizes")


def bucc_corpus(world: World, lang: str, part: str) -> dict[str, bytes]:
    """Members of bucc2018-<lang>-en.<part>-gold.tar.bz2 under bucc2018/<lang>-en/."""
    n_source, n_english, n_gold = getattr(world.sizes, dict(BUCC_PARTS)[part])
    rng = world.rng("bucc2018", lang, part)
    split = "dev" if part == "sample" else "test"
    seen_src: set[str] = set()
    seen_en: set[str] = set()
    source: list[str] = []
    english: list[str] = []
    gold_pairs: list[tuple[int, int]] = []
    for _ in range(n_gold):
        c = None
        for _ in range(1000):
            c = _sentence_clause(rng, split)
            src_text = text_of(world.renderer(lang).sentence([c]))
            en_text = text_of(world.english.sentence([c]))
            if src_text not in seen_src and en_text not in seen_en:
                break
        assert c is not None
        seen_src.add(src_text)
        seen_en.add(en_text)
        gold_pairs.append((len(source), len(english)))
        source.append(src_text)
        english.append(en_text)
        if len(english) < n_english - (n_gold - len(gold_pairs)) and rng.random() < 0.3:
            # A near miss: the same sentence with another place or object, English side only.
            def near(c: Clause = c) -> Clause:
                return replace(c, place=city(rng, split), prep="in")

            english.append(_unique(world, rng, "en", split, seen_en, near)[1])
    while len(source) < n_source:
        source.append(_unique(world, rng, lang, split, seen_src)[1])
    while len(english) < n_english:
        english.append(_unique(world, rng, "en", split, seen_en)[1])
    src_ids = _ids(rng, lang, len(source))
    en_ids = _ids(rng, "en", len(english))
    src_order = list(range(len(source)))
    en_order = list(range(len(english)))
    rng.shuffle(src_order)
    rng.shuffle(en_order)
    base = f"bucc2018/{lang}-en/{lang}-en.{part}"
    return {
        f"{base}.{lang}": formats.tsv(None, ([src_ids[i], source[i]] for i in src_order)),
        f"{base}.en": formats.tsv(None, ([en_ids[i], english[i]] for i in en_order)),
        f"{base}.gold": formats.tsv(None, ([src_ids[s], en_ids[e]] for s, e in gold_pairs)),
    }


def _ids(rng: random.Random, lang: str, n: int) -> list[str]:
    numbers = rng.sample(range(1, 10**9), n)
    return [f"{lang}-{k:09d}" for k in numbers]


def tatoeba_files(
    world: World, languages: tuple[str, ...], codes: dict[str, str]
) -> dict[str, bytes]:
    """tatoeba.<xxx>-eng.<xxx> and tatoeba.<xxx>-eng.eng: line-aligned short sentences."""
    out = {}
    for lang in languages:
        rng = world.rng("tatoeba", lang)
        seen_src: set[str] = set()
        seen_en: set[str] = set()
        src_lines, en_lines = [], []
        while len(src_lines) < world.sizes.tatoeba:
            c = replace(_sentence_clause(rng, "test"), prep=None, place=None)
            src = text_of(world.renderer(lang).sentence([c]))
            en = text_of(world.english.sentence([c]))
            if src in seen_src or en in seen_en:
                continue
            seen_src.add(src)
            seen_en.add(en)
            src_lines.append(src)
            en_lines.append(en)
        code = codes[lang]
        out[f"tatoeba.{code}-eng.{code}"] = formats.text_lines(src_lines)
        out[f"tatoeba.{code}-eng.eng"] = formats.text_lines(en_lines)
    return out
