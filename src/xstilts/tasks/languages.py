"""XTREME's language lists and the code maps the raw files need.

The orders are XTREME's (evaluate.py, `xtreme` version; XTREME_SPEC.md §1.1): the per-task
average is taken over the languages in this order, and bit-exact averages depend on it.
"""

from __future__ import annotations

XTREME_LANGUAGES: dict[str, tuple[str, ...]] = {
    "pawsx": tuple("de en es fr ja ko zh".split()),
    "xnli": tuple("ar bg de el en es fr hi ru sw th tr ur vi zh".split()),
    "udpos": tuple(
        (
            "af ar bg de el en es et eu fa fi fr he hi hu id it ja kk ko mr nl pt ru ta te th "
            "tl tr ur vi yo zh"
        ).split()
    ),
    "panx": tuple(
        (
            "ar he vi id jv ms tl eu ml ta te af nl en de el bn hi mr ur fa fr it pt es bg ru "
            "ja ka ko th sw yo my zh kk tr et fi hu"
        ).split()
    ),
    "xquad": tuple("en es de el ru tr ar vi th zh hi".split()),
    "mlqa": tuple("en es de ar hi vi zh".split()),
    "tydiqa": tuple("en ar bn fi id ko ru sw te".split()),
    "bucc2018": tuple("de fr ru zh".split()),
    "tatoeba": tuple(
        (
            "ar he vi id jv tl eu ml ta te af nl de el bn hi mr ur fa fr it pt es bg ru ja ka "
            "ko th sw zh kk tr et fi hu"
        ).split()
    ),
}

# LASER's Tatoeba files use ISO 639-3 codes (XTREME_SPEC.md §3.9); XTREME names them by the
# 2-letter code. Persian is `pes`, Swahili `swh`, Chinese `cmn`: not the macro-language codes.
TATOEBA_CODES: dict[str, str] = {
    "af": "afr", "ar": "ara", "bg": "bul", "bn": "ben", "de": "deu", "el": "ell", "es": "spa",
    "et": "est", "eu": "eus", "fa": "pes", "fi": "fin", "fr": "fra", "he": "heb", "hi": "hin",
    "hu": "hun", "id": "ind", "it": "ita", "ja": "jpn", "jv": "jav", "ka": "kat", "kk": "kaz",
    "ko": "kor", "ml": "mal", "mr": "mar", "nl": "nld", "pt": "por", "ru": "rus", "sw": "swh",
    "ta": "tam", "te": "tel", "th": "tha", "tl": "tgl", "tr": "tur", "ur": "urd", "vi": "vie",
    "zh": "cmn",
}  # fmt: skip

# TyDi QA GoldP names languages in full: in dev file names and as the id prefix
# (`english--3215621880858840488-2`: the second dash belongs to a negative number).
TYDIQA_NAMES: dict[str, str] = {
    "ar": "arabic", "bn": "bengali", "en": "english", "fi": "finnish", "id": "indonesian",
    "ko": "korean", "ru": "russian", "sw": "swahili", "te": "telugu",
}  # fmt: skip


def all_xtreme_languages() -> tuple[str, ...]:
    """The 40 languages of XTREME, sorted."""
    return tuple(sorted({lang for langs in XTREME_LANGUAGES.values() for lang in langs}))


# The Leipzig Corpora Collection's sentence corpora, one per XTREME language, named as Leipzig
# names its downloads: `<ISO 639-3>_<genre>_<year>[_<size>]` (archive `<name>.tar.gz`, sentences
# in `<name>/<name>-sentences.txt`). The continued-MLM ablation's corpus is unknown ("probably
# multilingual Wikipedia", PAPER.md); this is a stand-in of that kind, not the paper's.
# Every name below was seen in a public list of Leipzig's downloads (LEIPZIG_EVIDENCE; no
# network here, so not downloaded): Wikipedia 2021 100K where Leipzig offers it, else the
# nearest Wikipedia corpus (English 2016 and Chinese 2018: no 2021 Wikipedia corpus; Thai and
# Yoruba: only 10K). Leipzig files Persian as `pes`, Estonian's Wikipedia as `ekk` (its `est`
# Wikipedia corpora stop in 2014) and Swahili's as `swa` (`swh` stops at 2011 30K). Burmese has
# no Leipzig Wikipedia corpus: `mya_community_2022` (community genre, no size in the name) is
# used instead. To substitute a corpus, change a name here (the source's file list, the task's
# paths and the demo follow) or serve a local archive under the same name from a mirror
# (REPRODUCE.md section 6, MLM corpus row).
LEIPZIG_WIKIPEDIA: dict[str, str] = {
    "af": "afr_wikipedia_2021_100K", "ar": "ara_wikipedia_2021_100K",
    "bg": "bul_wikipedia_2021_100K", "bn": "ben_wikipedia_2021_100K",
    "de": "deu_wikipedia_2021_100K", "el": "ell_wikipedia_2021_100K",
    "en": "eng_wikipedia_2016_100K", "es": "spa_wikipedia_2021_100K",
    "et": "ekk_wikipedia_2021_100K", "eu": "eus_wikipedia_2021_100K",
    "fa": "pes_wikipedia_2021_100K", "fi": "fin_wikipedia_2021_100K",
    "fr": "fra_wikipedia_2021_100K", "he": "heb_wikipedia_2021_100K",
    "hi": "hin_wikipedia_2021_100K", "hu": "hun_wikipedia_2021_100K",
    "id": "ind_wikipedia_2021_100K", "it": "ita_wikipedia_2021_100K",
    "ja": "jpn_wikipedia_2021_100K", "jv": "jav_wikipedia_2021_100K",
    "ka": "kat_wikipedia_2021_100K", "kk": "kaz_wikipedia_2021_100K",
    "ko": "kor_wikipedia_2021_100K", "ml": "mal_wikipedia_2021_100K",
    "mr": "mar_wikipedia_2021_100K", "ms": "msa_wikipedia_2021_100K",
    "my": "mya_community_2022", "nl": "nld_wikipedia_2021_100K",
    "pt": "por_wikipedia_2021_100K", "ru": "rus_wikipedia_2021_100K",
    "sw": "swa_wikipedia_2021_100K", "ta": "tam_wikipedia_2021_100K",
    "te": "tel_wikipedia_2021_100K", "th": "tha_wikipedia_2021_10K",
    "tl": "tgl_wikipedia_2021_100K", "tr": "tur_wikipedia_2021_100K",
    "ur": "urd_wikipedia_2021_100K", "vi": "vie_wikipedia_2021_100K",
    "yo": "yor_wikipedia_2021_10K", "zh": "zho_wikipedia_2018_300K",
}  # fmt: skip

# Where each name of LEIPZIG_WIKIPEDIA was seen offered by Leipzig ("repo:path@commit"):
# mtdata's list of Leipzig's downloads, made by collecting the `data-corpora-file` attribute of
# every language page under wortschatz.uni-leipzig.de/en/download (the command is in the
# docstring of mtdata/index/leipzig.py; the list was last changed in commit e6b07cfecd2c,
# February 2023, so a corpus Leipzig withdrew since would still be listed). A language missing
# here must be in LEIPZIG_UNVERIFIED, which the leipzig_wikipedia source's notes name.
_MTDATA_LIST = "thammegowda/mtdata:mtdata/resource/leipzig_de.txt@e6b07cfecd2c"
LEIPZIG_EVIDENCE: dict[str, str] = {lang: _MTDATA_LIST for lang in LEIPZIG_WIKIPEDIA}
# Languages whose corpus name no public evidence was found for (none at present).
LEIPZIG_UNVERIFIED: tuple[str, ...] = ()


def leipzig_language(file_name: str) -> str | None:
    """The XTREME language whose Leipzig corpus `file_name` (`<name>` or `<name>.tar.gz`) is."""
    name = file_name.removesuffix(".tar.gz")
    return next((lang for lang, corpus in LEIPZIG_WIKIPEDIA.items() if corpus == name), None)
