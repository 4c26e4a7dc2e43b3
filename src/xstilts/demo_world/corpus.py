"""The demo pretraining corpus: multilingual text for the tiny model's tokenizer and MLM.

Monolingual lines in every language, code-switched lines (a demo-English sentence with some
words replaced by their form in another language) and parallel lines (a sentence followed by
its translation, as in XLM's translation language modelling). Both stand in for the shared
contexts that align languages in a real multilingual corpus: with only a few minutes of MLM,
they are what lets English fine-tuning carry over to the other languages.

The pipeline reads it as the `leipzig_wikipedia` source (one Leipzig archive per language,
`leipzig_archives`), i.e. the `mlm_corpus` task, the way the paper profile reads real
Wikipedia text.
"""

from __future__ import annotations

import random
from dataclasses import replace

from xstilts.demo_world import formats
from xstilts.demo_world.grammar import surface, text_of
from xstilts.demo_world.lexicon import NOUNS, VERBS
from xstilts.demo_world.qa import clause_of, paragraph
from xstilts.demo_world.sentiment import sst2_sentence
from xstilts.demo_world.tagging import tagged_sentence
from xstilts.demo_world.world import World, clause, person


def _english_line(world: World, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return sst2_sentence(rng, "train")[0]
    if roll < 0.35:
        p = paragraph(rng, "train", "corpus", 0.0)
        return " ".join(text_of(world.english.sentence([clause_of(f)])) for f in p.facts[:2])
    return text_of(tagged_sentence(rng, "train", world.english))


def _codeswitch(world: World, rng: random.Random, lang: str) -> str:
    """A demo-English sentence whose words are swapped into `lang` half the time (function
    words too: 'never' must meet its translations for NLI to transfer)."""
    tokens = [form for form, _ in surface(tagged_sentence(rng, "train", world.english))]
    lex = world.lexicon(lang)
    plural_of = {plural: noun for noun, plural in NOUNS.items()}
    base_of = {base: verb for verb, base in VERBS.items()}
    out = []
    for token in tokens:
        swapped = token
        if rng.random() < 0.5:
            if token in lex.forms:
                swapped = lex[token]
            elif token in plural_of:
                swapped = lex.plural[plural_of[token]]
            elif token in base_of:
                swapped = lex.base[base_of[token]]
        out.append(swapped)
    return " ".join(out)


def _parallel(world: World, rng: random.Random, lang: str) -> str:
    """A short demo-English sentence followed by its translation into `lang`."""
    c = clause(rng, "train", subj=person(rng, "train"))
    # Negated often: 'never' is the NLI contradiction cue, and its translations must align.
    c = replace(c, neg=rng.random() < 0.5)
    return f"{text_of(world.english.sentence([c]))} {text_of(world.renderer(lang).sentence([c]))}"


def corpus_by_language(world: World, languages: tuple[str, ...]) -> dict[str, list[str]]:
    """Pretraining lines filed under the language they teach: monolingual lines, and the
    code-switched and parallel lines of each other language under that language."""
    sizes = world.sizes
    rng = world.rng("corpus", "en")
    out = {"en": [_english_line(world, rng) for _ in range(sizes.corpus_english)]}
    others = [lang for lang in languages if lang != "en"]
    for lang in others:
        rng = world.rng("corpus", lang)
        r = world.renderer(lang)
        out[lang] = [
            text_of(tagged_sentence(rng, "train", r)) for _ in range(sizes.corpus_per_language)
        ]
    rng = world.rng("corpus", "mixed")
    for _ in range(sizes.corpus_mixed):
        lang = rng.choice(others)
        out[lang].append(_codeswitch(world, rng, lang))
    rng = world.rng("corpus", "parallel")
    for _ in range(sizes.corpus_parallel):
        lang = rng.choice(others)
        out[lang].append(_parallel(world, rng, lang))
    return out


def corpus_lines(world: World, languages: tuple[str, ...]) -> list[str]:
    """Every pretraining line, shuffled, as one list (`corpus.txt` beside the mirror). No stage
    reads that file any more: pretraining reads the same lines as the `mlm_corpus` task."""
    lines = [
        line for per_lang in corpus_by_language(world, languages).values() for line in per_lang
    ]
    world.rng("corpus", "shuffle").shuffle(lines)
    return lines


def leipzig_archives(world: World, corpora: dict[str, str]) -> dict[str, dict[str, bytes]]:
    """Per Leipzig corpus name (`corpora`: language -> name), the members of `<name>.tar.gz`,
    laid out as Leipzig's downloads: `<name>/<name>-sentences.txt` (`<n>TAB<sentence>`,
    deduplicated and sorted, as Leipzig's are) and `<name>/<name>-words.txt`
    (`<n>TAB<word>TAB<frequency>`). The real archives hold more tables, which nothing reads."""
    lines = corpus_by_language(world, tuple(sorted(corpora)))
    out = {}
    for lang, name in corpora.items():
        sentences = sorted(set(lines[lang]))
        counts: dict[str, int] = {}
        for sentence in sentences:
            for word in sentence.split():
                counts[word] = counts.get(word, 0) + 1
        words = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out[name] = {
            f"{name}/{name}-sentences.txt": formats.tsv(
                None, ([k, s] for k, s in enumerate(sentences, start=1))
            ),
            f"{name}/{name}-words.txt": formats.tsv(
                None, ([k, w, c] for k, (w, c) in enumerate(words, start=1))
            ),
        }
    return out
