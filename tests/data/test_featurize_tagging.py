"""Tagging: labels on first sub-words only, long sentences windowed without losing a word."""

from __future__ import annotations

import pytest

from xstilts.data.featurize import IGNORE_INDEX, UnknownLabelError, featurize_tagging
from xstilts.tasks.schema import TaggingExample

LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC")


def _sentence(n_words: int, ident: str = "s0") -> TaggingExample:
    words = ("Anna", "sat", "in", "the", "park", "near", "Paris", "and", "birds", "sang")
    tags = ("B-PER", "O", "O", "O", "O", "O", "B-LOC", "O", "O", "O")
    tokens = tuple(words[k % len(words)] for k in range(n_words))
    return TaggingExample(ident, tokens, tuple(tags[k % len(tags)] for k in range(n_words)))


def test_tagging_first_subword_labels_only(tokenizer):
    ex = _sentence(10)
    cols = featurize_tagging([ex], tokenizer, LABELS, max_length=128)
    assert len(cols["input_ids"]) == 1
    ids, labels, words = cols["input_ids"][0], cols["labels"][0], cols["word_index"][0]
    pieces = [tokenizer(w, add_special_tokens=False)["input_ids"] for w in ex.tokens]
    assert any(len(p) > 1 for p in pieces), "the test needs words of several sub-words"
    expected_labels, expected_words = [IGNORE_INDEX], [-1]
    for k, p in enumerate(pieces):
        expected_labels += [LABELS.index(ex.tags[k])] + [IGNORE_INDEX] * (len(p) - 1)
        expected_words += [k] + [-1] * (len(p) - 1)
    assert labels == expected_labels + [IGNORE_INDEX]
    assert words == expected_words + [-1]
    assert ids[1:-1] == [i for p in pieces for i in p]


def test_tagging_window_keeps_every_token(tokenizer):
    ex = _sentence(60)
    cols = featurize_tagging([ex], tokenizer, LABELS, max_length=24)
    assert len(cols["input_ids"]) > 3, "the sentence must need several windows"
    assert all(len(ids) <= 24 for ids in cols["input_ids"])
    assert set(cols["example_index"]) == {0}
    labelled = [
        (w, lab)
        for words, labels in zip(cols["word_index"], cols["labels"], strict=True)
        for w, lab in zip(words, labels, strict=True)
        if w != -1
    ]
    # Every word exactly once, in order, with its own label.
    assert [w for w, _ in labelled] == list(range(60))
    assert [LABELS[lab] for _, lab in labelled] == list(ex.tags)


def test_word_without_subwords_becomes_unk(tokenizer):
    ex = TaggingExample("s-empty", ("Anna", "", "sat"), ("B-PER", "O", "O"))
    cols = featurize_tagging([ex], tokenizer, LABELS, max_length=64)
    first = [i for i, w in zip(cols["input_ids"][0], cols["word_index"][0], strict=True) if w == 1]
    assert first == [tokenizer.unk_token_id]


def test_unlabelled_sentence_marks_words_but_no_labels(tokenizer):
    ex = TaggingExample("s-test", ("Anna", "sat"), None)
    cols = featurize_tagging([ex], tokenizer, LABELS, max_length=64)
    assert set(cols["labels"][0]) == {IGNORE_INDEX}
    assert [w for w in cols["word_index"][0] if w != -1] == [0, 1]


def test_unknown_tag_names_the_sentence(tokenizer):
    ex = TaggingExample("s-bad", ("Anna", "sat"), ("B-PER", "B-MISC"))
    with pytest.raises(UnknownLabelError, match="'s-bad'.*'B-MISC'"):
        featurize_tagging([ex], tokenizer, LABELS, max_length=64)


def test_open_label_set_ignores_tags_unseen_in_training(tokenizer):
    # CCG's labels are the supertags seen in training; a rarer one in dev is not an error.
    ex = TaggingExample("ccg-dev-1", ("Anna", "sat"), ("N", "(S\\NP)/PP"))
    cols = featurize_tagging([ex], tokenizer, ("N", "S\\NP"), max_length=64, ignore_unknown=True)
    firsts = [
        lab for lab, w in zip(cols["labels"][0], cols["word_index"][0], strict=True) if w != -1
    ]
    assert firsts == [0, IGNORE_INDEX]
