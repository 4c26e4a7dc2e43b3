"""The demo world's vocabulary: concepts, and their word forms in every demo language.

Demo-English uses real English words. Every other language gets, per concept, a made-up word
in its own script (seeded, so a seed fixes the whole world), except that Latin-script
languages borrow a share of content words from English as they are. Names, cities,
companies, digits and punctuation are the same everywhere: they are the anchors that make
zero-shot transfer possible, as shared names and numbers are in real multilingual text.
SIMULATED: none of these words is a real word of the language it is filed under.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from xstilts.demo_world.languages import LanguageProfile, profile

# ------------------------------------------------------------------ concepts (demo-English)

NOUNS: dict[str, str] = {
    "cat": "cats", "dog": "dogs", "book": "books", "car": "cars", "house": "houses",
    "tree": "trees", "apple": "apples", "letter": "letters", "bike": "bikes", "chair": "chairs",
    "lamp": "lamps", "phone": "phones", "key": "keys", "ball": "balls", "box": "boxes",
    "cup": "cups", "fish": "fish", "bird": "birds", "shoe": "shoes", "boat": "boats",
    "horse": "horses", "coat": "coats", "hat": "hats", "pen": "pens",
}  # fmt: skip
ADJECTIVES: tuple[str, ...] = (
    "red", "blue", "green", "yellow", "big", "small", "old", "new", "heavy", "cheap", "quiet",
    "long",
)  # fmt: skip
VERBS: dict[str, str] = {  # third person singular -> base form
    "sees": "see", "likes": "like", "buys": "buy", "sells": "sell", "finds": "find",
    "paints": "paint", "carries": "carry", "opens": "open", "washes": "wash",
    "repairs": "repair", "draws": "draw", "hides": "hide",
}  # fmt: skip
POSITIVE: tuple[str, ...] = ("wonderful", "great", "lovely", "brilliant", "charming", "moving")
NEGATIVE: tuple[str, ...] = ("awful", "boring", "terrible", "dull", "clumsy", "painful")
REVIEW_NOUNS: tuple[str, ...] = ("movie", "film", "story", "plot", "music", "ending", "cast")
PLACES: tuple[str, ...] = (  # CommonsenseQA answers
    "kitchen", "garage", "library", "river", "garden", "stable", "office", "closet", "harbor",
    "park", "shop", "desk",
)  # fmt: skip
FEELINGS: tuple[str, ...] = ("happy", "upset", "grateful", "angry", "proud", "lonely")
FUNCTION_WORDS: tuple[str, ...] = (
    "the", "in", "never", "and", "not", "for", "is", "who", "where", "what", "how", "many",
    "which", "company", "does", "did", "lives", "live", "works", "work", "has", "have", "to",
    "went", "go", "because", "wanted", "why", "would", "you", "find", "usually", "then", "feel",
    "afterwards", "it", "with", "was", "reason", "at", "time",
)  # fmt: skip

# Anchors: identical in every language (Latin script, capitalised).
FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kofi", "Lena", "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq",
    "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zara",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "Adler", "Brandt", "Costa", "Duval", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito",
    "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi",
    "Silva", "Tanaka",
)  # fmt: skip
CITIES: tuple[str, ...] = (
    "Paris", "Lima", "Oslo", "Cairo", "Delhi", "Tokyo", "Quito", "Accra", "Hanoi", "Kyiv",
    "Buenos Aires", "Hong Kong", "San Jose",  # two-word names: B-LOC I-LOC
    "Porto", "Seoul", "Dakar", "Perth", "Riga", "Sofia", "Austin", "Bergen", "Cusco", "Dubai",
)  # fmt: skip
CITY_WORDS: frozenset[str] = frozenset(w for c in CITIES for w in c.split())
ORG_HEADS: tuple[str, ...] = ("Nordic", "Apex", "Orion", "Delta", "Vega", "Atlas", "Zenith")
ORG_SUFFIXES: tuple[str, ...] = ("Bank", "Group", "Motors", "Labs", "Airways", "Foods")

CONTENT_CONCEPTS: tuple[str, ...] = (
    *NOUNS, *ADJECTIVES, *VERBS, *POSITIVE, *NEGATIVE, *REVIEW_NOUNS, *PLACES, *FEELINGS,
)  # fmt: skip

# ------------------------------------------------------------------ scripts

_LATIN_EXTRA: dict[str, str] = {
    "de": "äöüß", "es": "ñáéíó", "fr": "éèçàê", "pt": "ãõçáé", "it": "àèò", "tr": "çğışöü",
    "vi": "ăâđêôơư", "fi": "äö", "et": "äõöü", "hu": "áéöőü", "af": "êë", "yo": "ẹọṣ",
    "eu": "x", "nl": "ij", "tl": "", "sw": "", "id": "", "ms": "", "jv": "",
}  # fmt: skip
_ALPHABETS: dict[str, tuple[str, str]] = {  # script -> (consonants, vowels)
    "latin": ("bcdfghklmnprstvz", "aeiou"),
    "cyrillic": ("бвгджзклмнпрстфхцчш", "аеиоуыэюя"),
    "greek": ("βγδζθκλμνξπρστφχ", "αεηιουωάέό"),
    "georgian": ("ბგდვზთკლმნპრსტფქღყშჩცძწხ", "აეიოუ"),
    "arabic": ("بتثجحخدذرزسشصضطعغفقكلمنه", "اوي"),
    "hebrew": ("בגדזחטכלמנסעפצקרשת", "ויא"),
    "devanagari": ("कखगचजटडतदनपबमयरलवसह", "ािीुूेो"),
    "bengali": ("কখগচজটডতদনপবমযরলসহ", "ািীুূেো"),
    "tamil": ("கசடதநபமயரலவழளறன", "ாிீுூெேை"),
    "telugu": ("కగచజటడతదనపబమయరలవసహ", "ాిీుూెేో"),
    "malayalam": ("കഗചജടഡതദനപബമയരലവസഹ", "ാിീുൂെേൊ"),
    "thai": ("กขคงจชซดตทนบปพฟมยรลวสหอ", "ะาิีึุู"),
    "myanmar": ("ကခဂငစဆဇညတထဒနပဖဗမယရလဝသဟ", "ါာိီုူေဲ"),
}
_ABUGIDAS = ("devanagari", "bengali", "tamil", "telugu", "malayalam", "thai", "myanmar")
_HAN = (
    "人大中小上下山川日月水火木金土田口目手足心力文字書車馬魚鳥花草竹米雨雪風雲石門"
    "見走出入生長高白黑紅青黄新古多少安明京東西南北家店市町村学校先年国語本道電話猫犬"
)
_KANA = (
    "かきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"
    "カキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ"
)


def _hangul(rng: random.Random) -> str:
    lead, vowel, tail = rng.randrange(19), rng.randrange(21), rng.choice((0, 0, 4, 8, 16, 21))
    return chr(0xAC00 + (lead * 21 + vowel) * 28 + tail)


def _syllable(rng: random.Random, lang: LanguageProfile) -> str:
    script = lang.script
    if script == "han":
        return rng.choice(_HAN)
    if script == "japanese":
        return rng.choice(_KANA) if rng.random() < 0.8 else rng.choice(_HAN)
    if script == "hangul":
        return _hangul(rng)
    consonants, vowels = _ALPHABETS[script]
    if script == "latin":
        extra = _LATIN_EXTRA.get(lang.code, "")
        vowels += "".join(c for c in extra if c in "äöüáéíóúàèòãõâêôăơưëẹọőõ")
        consonants += "".join(c for c in extra if c not in vowels)
    if script in _ABUGIDAS:  # consonant letter, then maybe a vowel sign
        return rng.choice(consonants) + (rng.choice(vowels) if rng.random() < 0.6 else "")
    onset = rng.choice(consonants)
    coda = rng.choice(consonants) if rng.random() < 0.3 else ""
    return onset + rng.choice(vowels) + coda


def _word(rng: random.Random, lang: LanguageProfile, syllables: int) -> str:
    parts = [_syllable(rng, lang) for _ in range(syllables)]
    if lang.code == "vi":
        # Vietnamese writes one syllable per space-separated unit; UD keeps a multi-syllable
        # word as one token with an inner space ("sinh viên"), which XTREME's reader removes.
        return " ".join(parts)
    return "".join(parts)


# ------------------------------------------------------------------ lexicon


@dataclass
class Lexicon:
    """Word forms of one language: concept -> form, plus inflection."""

    lang: str
    forms: dict[str, str]
    plural: dict[str, str] = field(default_factory=dict)  # noun -> plural form
    base: dict[str, str] = field(default_factory=dict)  # verb (3sg concept) -> base form

    def __getitem__(self, concept: str) -> str:
        return self.forms[concept]


def build_lexicon(lang: str, seed: int) -> Lexicon:
    """The forms of every concept in `lang`; English is real English, others are generated."""
    if lang == "en":
        forms = {c: c for c in (*CONTENT_CONCEPTS, *FUNCTION_WORDS)}
        base = {**VERBS, "lives": "live", "works": "work", "has": "have", "went": "go"}
        return Lexicon("en", forms, dict(NOUNS), base)
    prof = profile(lang)
    rng = random.Random(f"xstilts-demo:{seed}:lexicon:{lang}")
    used: set[str] = set(FIRST_NAMES) | set(LAST_NAMES) | set(CITY_WORDS)
    forms: dict[str, str] = {}

    def fresh(max_syllables: int) -> str:
        for _ in range(1000):
            candidate = _word(rng, prof, rng.randint(1, max_syllables))
            if candidate not in used and len(candidate.replace(" ", "")) > 1:
                used.add(candidate)
                return candidate
        raise RuntimeError(f"demo lexicon for {lang}: no unused word form left")

    for concept in FUNCTION_WORDS:
        forms[concept] = fresh(2)
    for concept in CONTENT_CONCEPTS:
        # Decide borrowing first so the draw sequence does not depend on the outcome.
        borrow = rng.random() < prof.shared_vocabulary
        forms[concept] = concept if borrow and concept not in used else fresh(3)
        used.add(forms[concept])
    inflects = prof.script not in ("han", "japanese", "thai") and lang not in ("vi", "id", "ms")
    plural_suffix = _syllable(rng, prof) if inflects else ""
    verb_suffix = _syllable(rng, prof) if inflects else ""
    plural = {n: forms[n] + plural_suffix for n in NOUNS}
    base = {v: forms[v] + verb_suffix for v in VERBS}
    for pair in (("lives", "live"), ("works", "work"), ("has", "have"), ("went", "go")):
        base[pair[0]] = forms[pair[1]]
    return Lexicon(lang, forms, plural, base)


def build_lexicons(langs: tuple[str, ...], seed: int) -> dict[str, Lexicon]:
    return {lang: build_lexicon(lang, seed) for lang in langs}
