"""Demo languages are related to demo-English: the same structure and shared anchors
(names, digits, punctuation), but their own vocabulary, so zero-shot transfer is possible
and not trivial."""

from __future__ import annotations

from xstilts.tasks.readers import read_examples


def _words(text: str) -> set[str]:
    return set(text.replace(".", " ").replace(",", " ").replace("?", " ").split())


def _parallel(task: str, lang: str, raw):
    """XNLI dev is a translation: row k is the same item in every language."""
    english = read_examples(task, "dev", "en", raw)
    other = read_examples(task, "dev", lang, raw)
    return list(zip(english, other, strict=False))


def test_target_languages_share_anchors_with_english(demo_raw):
    for lang in ("de", "zh", "ar", "hi", "ru", "sw"):
        for en, other in _parallel("xnli", lang, demo_raw):
            anchors = {w for w in _words(en.text_a) if w[:1].isupper() or w.isdigit()}
            assert anchors and anchors <= _words(other.text_a), (lang, en.text_a, other.text_a)
            assert en.label == other.label


def test_target_languages_have_their_own_vocabulary(demo_raw):
    for lang in ("de", "zh", "ar", "hi", "ru", "sw"):
        pairs = _parallel("xnli", lang, demo_raw)
        english = set().union(*(_words(en.text_a) for en, _ in pairs))
        other = set().union(*(_words(o.text_a) for _, o in pairs))
        anchors = {w for w in english if w[:1].isupper() or w.isdigit()}
        own = other - english
        assert len(own) > len(other - own - anchors), f"{lang} mostly reuses English words"


def test_spans_in_other_languages_are_real_spans(demo_raw):
    for lang in ("el", "th", "zh", "ar"):
        for ex in read_examples("xquad", "test", lang, demo_raw):
            answer = ex.answers[0]
            assert ex.context[answer.answer_start :].startswith(answer.text)
