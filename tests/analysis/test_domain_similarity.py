"""Domain similarity per (intermediate, target, language), with an injected embedding function."""

import numpy as np
import pytest

from xstilts.analysis.embedders import hashed_bow_embedder
from xstilts.analysis.similarity import domain_similarity, measure_table, subsample
from xstilts.analysis.texts import example_text, load_texts, write_texts
from xstilts.tasks.schema import MultipleChoiceExample

TEXTS = {
    "mnli": {"en": ["a man plays a guitar", "the woman sings", "a dog runs outside"]},
    "squad": {"en": ["who wrote the book", "the book was written in paris", "when was it"]},
    "xnli": {"en": ["a man plays music", "the woman dances"], "de": ["ein mann spielt", "die frau"]},
}


def test_every_pair_and_target_language_gets_all_four_measures():
    pairs = domain_similarity(TEXTS, ["mnli", "squad"], ["xnli"], hashed_bow_embedder(16), k=5)
    assert {(p.inter, p.target, p.lang) for p in pairs} == {
        ("mnli", "xnli", "de"), ("mnli", "xnli", "en"), ("squad", "xnli", "de"), ("squad", "xnli", "en")}
    assert all(set(p.measures) == {"vocab_overlap", "embedding_cosine", "mmd", "frechet"}
               for p in pairs)


def test_without_an_embedder_only_the_vocabulary_measure_is_computed():
    pairs = domain_similarity(TEXTS, ["mnli"], ["xnli"], None, per_language=False, k=5)
    assert [set(p.measures) for p in pairs] == [{"vocab_overlap"}]


def test_each_text_set_is_embedded_once_however_many_pairs_use_it():
    calls = []

    def embed(texts):
        calls.append(tuple(texts))
        return np.arange(len(texts) * 2, dtype=float).reshape(len(texts), 2) + len(calls)

    domain_similarity(TEXTS, ["mnli", "squad"], ["xnli"], embed, k=5)
    assert len(calls) == len(set(calls)) == 4  # mnli/en, squad/en, xnli/de, xnli/en


def test_measure_table_picks_one_language():
    pairs = domain_similarity(TEXTS, ["mnli"], ["xnli"], None, k=4)
    # mnli top-4 types: a (3), then dog, guitar, man (1 each, alphabetical); xnli/en top-4: a, dances, man, music -> {a, man}
    assert measure_table(pairs, "vocab_overlap", "en") == {("mnli", "xnli"): pytest.approx(2 / 4)}


def test_subsampling_is_seeded_and_keeps_the_original_order():
    texts = [str(i) for i in range(100)]
    picked = subsample(texts, 10, seed=5)
    assert picked == subsample(texts, 10, seed=5)
    assert picked == sorted(picked, key=int) and len(picked) == 10


def test_multiple_choice_text_keeps_context_question_and_every_choice():
    ex = MultipleChoiceExample(id="1", context="She opens the jar.", question="",
                               choices=("It spills.", "It sings."), label=0)
    assert example_text(ex) == "She opens the jar. It spills. It sings."


def test_texts_round_trip_through_one_file_per_task_and_language(tmp_path):
    write_texts(tmp_path, "squad", "en", ["line one\nwith a break", "line two"])
    assert load_texts(tmp_path) == {"squad": {"en": ["line one with a break", "line two"]}}
