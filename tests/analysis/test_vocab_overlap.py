"""Top-k word-type overlap (Gururangan et al. 2020): |V_a ∩ V_b| / k on lowercased words."""

import pytest

from xstilts.analysis.vocabulary import top_k_overlap, top_k_types, words


def test_words_are_lowercased_and_split_at_whitespace_and_punctuation():
    assert words("Hello, WORLD—it's  fine.") == ["hello", "world", "it", "s", "fine"]


def test_frequency_ties_break_alphabetically():
    # a:2, b:2, c:1 -> the top 2 are a and b in that order
    assert top_k_types(["b a c a b"], 2) == ["a", "b"]


def test_overlap_is_shared_top_k_types_over_k():
    # side a: the 2, cat 2, dog 1 -> top-2 {cat, the}; side b: bird 2, cat 1 -> {bird, cat}
    # shared: {cat} -> 1 / 2
    assert top_k_overlap(["The cat, the cat!", "dog"], ["bird bird cat"], k=2) == 0.5


def test_denominator_is_k_even_when_a_corpus_has_fewer_types():
    # both sides have only {x, y}: 2 shared types / k = 4
    assert top_k_overlap(["x y"], ["y x"], k=4) == 0.5


def test_stopwords_are_removed_before_ranking():
    a, b = ["the the the cat"], ["the the the dog"]
    assert top_k_overlap(a, b, k=1) == 1.0  # {the} vs {the}
    assert top_k_overlap(a, b, k=1, stopwords=frozenset({"the"})) == 0.0  # {cat} vs {dog}


def test_k_must_be_positive():
    with pytest.raises(ValueError, match="k must be positive"):
        top_k_types(["a"], 0)
