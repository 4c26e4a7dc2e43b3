"""The demo world's languages: one profile per XTREME language (SIMULATED, not real grammar).

Each demo language is demo-English's grammar with a few typological switches taken from the
real language (word order, adjective position, pre/postpositions, articles) and its own
script. Word forms come from `lexicon.py`. The switches make zero-shot transfer a real
(but learnable) step: the model must carry what it learned on English across a new word order
and vocabulary, helped by anchors every language shares (names, digits, punctuation).
"""

from __future__ import annotations

from dataclasses import dataclass

from xstilts.tasks.languages import all_xtreme_languages

LANGUAGES: tuple[str, ...] = all_xtreme_languages()


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    name: str  # English name, as UD folder names spell it
    script: str
    sov: bool = False  # verb last (and postpositions)
    adj_after_noun: bool = False
    articles: bool = False  # a definite article word (or prefix: ar, he)
    article_prefix: str | None = None  # the article is glued to the next word (ar "ال", he "ה")
    fused_prep_article: bool = False  # "in" + "the" written as one word (de im, fr au, ...)
    shared_vocabulary: float = 0.0  # share of content words borrowed as-is from demo-English


def _p(code: str, name: str, script: str, **kw: object) -> LanguageProfile:
    return LanguageProfile(code, name, script, **kw)  # type: ignore[arg-type]


_LATIN_SHARED = 0.2  # Latin-script languages borrow some English words as they are
_PROFILES = (
    _p("af", "Afrikaans", "latin", articles=True, shared_vocabulary=_LATIN_SHARED),
    _p("ar", "Arabic", "arabic", adj_after_noun=True, articles=True, article_prefix="ال"),
    _p("bg", "Bulgarian", "cyrillic"),
    _p("bn", "Bengali", "bengali", sov=True),
    _p("de", "German", "latin", articles=True, fused_prep_article=True,
       shared_vocabulary=_LATIN_SHARED),
    _p("el", "Greek", "greek", articles=True),
    _p("en", "English", "latin", articles=True, shared_vocabulary=1.0),
    _p("es", "Spanish", "latin", adj_after_noun=True, articles=True, fused_prep_article=True,
       shared_vocabulary=_LATIN_SHARED),
    _p("et", "Estonian", "latin", shared_vocabulary=_LATIN_SHARED),
    _p("eu", "Basque", "latin", sov=True, adj_after_noun=True, shared_vocabulary=_LATIN_SHARED),
    _p("fa", "Persian", "arabic", sov=True, adj_after_noun=True),
    _p("fi", "Finnish", "latin", shared_vocabulary=_LATIN_SHARED),
    _p("fr", "French", "latin", adj_after_noun=True, articles=True, fused_prep_article=True,
       shared_vocabulary=_LATIN_SHARED),
    _p("he", "Hebrew", "hebrew", adj_after_noun=True, articles=True, article_prefix="ה"),
    _p("hi", "Hindi", "devanagari", sov=True),
    _p("hu", "Hungarian", "latin", sov=True, articles=True, shared_vocabulary=_LATIN_SHARED),
    _p("id", "Indonesian", "latin", adj_after_noun=True, shared_vocabulary=_LATIN_SHARED),
    _p("it", "Italian", "latin", adj_after_noun=True, articles=True, fused_prep_article=True,
       shared_vocabulary=_LATIN_SHARED),
    _p("ja", "Japanese", "japanese", sov=True),
    _p("jv", "Javanese", "latin", adj_after_noun=True, shared_vocabulary=_LATIN_SHARED),
    _p("ka", "Georgian", "georgian", sov=True),
    _p("kk", "Kazakh", "cyrillic", sov=True),
    _p("ko", "Korean", "hangul", sov=True),
    _p("ml", "Malayalam", "malayalam", sov=True),
    _p("mr", "Marathi", "devanagari", sov=True),
    _p("ms", "Malay", "latin", adj_after_noun=True, shared_vocabulary=_LATIN_SHARED),
    _p("my", "Burmese", "myanmar", sov=True, adj_after_noun=True),
    _p("nl", "Dutch", "latin", articles=True, shared_vocabulary=_LATIN_SHARED),
    _p("pt", "Portuguese", "latin", adj_after_noun=True, articles=True, fused_prep_article=True,
       shared_vocabulary=_LATIN_SHARED),
    _p("ru", "Russian", "cyrillic"),
    _p("sw", "Swahili", "latin", adj_after_noun=True, shared_vocabulary=_LATIN_SHARED),
    _p("ta", "Tamil", "tamil", sov=True),
    _p("te", "Telugu", "telugu", sov=True),
    _p("th", "Thai", "thai", adj_after_noun=True),
    _p("tl", "Tagalog", "latin", adj_after_noun=True, articles=True,
       shared_vocabulary=_LATIN_SHARED),
    _p("tr", "Turkish", "latin", sov=True, shared_vocabulary=_LATIN_SHARED),
    _p("ur", "Urdu", "arabic", sov=True),
    _p("vi", "Vietnamese", "latin", adj_after_noun=True, shared_vocabulary=_LATIN_SHARED),
    _p("yo", "Yoruba", "latin", adj_after_noun=True, shared_vocabulary=_LATIN_SHARED),
    _p("zh", "Chinese", "han"),
)  # fmt: skip

PROFILES: dict[str, LanguageProfile] = {p.code: p for p in _PROFILES}
assert tuple(sorted(PROFILES)) == LANGUAGES, "one demo profile per XTREME language"


def profile(code: str) -> LanguageProfile:
    try:
        return PROFILES[code]
    except KeyError:
        raise KeyError(
            f"no demo language {code!r}; demo languages: {', '.join(LANGUAGES)}"
        ) from None
