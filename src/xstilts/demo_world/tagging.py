"""Tagging tasks in the demo world: UD-POS and PAN-X (targets), CCG supertags (intermediate).

Rules: UPOS and CCG categories come from the demo grammar (one category per word class and
role); entity tags come from the capitalised name, city and company lists (IOB2: a two-word
name is B-PER I-PER). Sentences are the grammar's declaratives and questions.
"""

from __future__ import annotations

import random

from xstilts.demo_world import formats
from xstilts.demo_world.grammar import Clause, Phrase, Question, Renderer, Tree, surface, text_of
from xstilts.demo_world.languages import profile
from xstilts.demo_world.lexicon import VERBS
from xstilts.demo_world.world import World, city, clause, org, people, person

# ------------------------------------------------------------------ sentences


def tagged_sentence(rng: random.Random, split: str, r: Renderer, questions: bool = True) -> Phrase:
    """A random sentence of the grammar: one or two clauses, or a wh-question."""
    roll = rng.random()
    if questions and roll < 0.15:
        kind = rng.choice(("where_live", "which_company", "what_sell", "who_works"))
        about = org(rng, split) if kind == "who_works" else person(rng, split)
        return r.question(Question(kind, about))
    if roll < 0.35:
        a, b = people(rng, split, 2)
        c = Clause(
            a,
            rng.choice(list(VERBS)),
            b,
            "in",
            city(rng, split),
            neg=rng.random() < 0.2,
            front_place=rng.random() < 0.3,
        )
        return r.sentence([c])
    if roll < 0.5:
        p = person(rng, split)
        c = Clause(p, "works", None, "for", org(rng, split))
        return r.sentence([c])
    n = 1 if rng.random() < 0.7 else 2
    subjects = people(rng, split, n)
    clauses = [clause(rng, split, subj=s) for s in subjects]
    clauses = [
        Clause(c.subj, c.verb, c.obj, c.prep, c.place, neg=rng.random() < 0.2) for c in clauses
    ]
    return r.sentence(clauses)


# ------------------------------------------------------------------ UD-POS (CoNLL-U)


def conllu_sentence(phrase: Phrase, sent_id: str, hide_text: bool = False) -> str:
    """One CoNLL-U sentence; the '#' comments, multi-word token ranges and 10 columns."""
    written = surface(phrase)
    lines = [f"# sent_id = {sent_id}", f"# text = {text_of(phrase)}"]
    after_space = {}
    for k, (_, covered) in enumerate(written):
        nxt = written[k + 1][0] if k + 1 < len(written) else None
        after_space[covered[-1]] = nxt not in (".", ",", "?")
    for form, covered in written:
        if len(covered) > 1:
            first, last = covered[0] + 1, covered[-1] + 1
            misc = "_" if after_space[covered[-1]] else "SpaceAfter=No"
            lines.append(
                f"{first}-{last}\t{'_' if hide_text else form}\t_\t_\t_\t_\t_\t_\t_\t{misc}"
            )
        for i in covered:
            tok = phrase.toks[i]
            head = 0 if tok.head < 0 else tok.head + 1
            misc = "_" if after_space.get(i, True) or len(covered) > 1 else "SpaceAfter=No"
            shown = "_" if hide_text else tok.form
            lemma = "_" if hide_text else tok.form.lower()
            lines.append(
                f"{i + 1}\t{shown}\t{lemma}\t{tok.upos}\t_\t_\t{head}\t{tok.deprel}\t_\t{misc}"
            )
    return "\n".join(lines) + "\n\n"


def udpos_splits(lang: str) -> tuple[str, ...]:
    # UD 2.5 has no train/dev for some XTREME languages (XTREME_SPEC.md §3.3).
    if lang in ("tl", "th", "yo"):
        return ("test",)
    if lang == "kk":
        return ("train", "test")
    return ("train", "dev", "test")


def udpos_files(world: World, languages: tuple[str, ...]) -> dict[str, bytes]:
    """ud-treebanks-v2.5.tgz members: one demo treebank per language (two for English, plus
    an English treebank whose text is withheld, as English-ESL's is)."""
    out = {}
    for lang in languages:
        name = profile(lang).name
        r = world.renderer(lang)
        for split in udpos_splits(lang):
            n = tagged_count(world, lang, split)
            rng = world.rng("udpos", lang, split)
            sentences = [tagged_sentence(rng, split, r) for _ in range(n)]
            banks = [("Demo", "demo", sentences)]
            if lang == "en":  # English has several treebanks: read in sorted file order
                cut = (2 * n) // 3
                banks = [("Demo", "demo", sentences[:cut]), ("Tiny", "tiny", sentences[cut:])]
                hidden = [tagged_sentence(rng, split, r) for _ in range(3)]
                banks.append(("Hidden", "hidden", hidden))
            for folder, code, group in banks:
                text = "".join(
                    conllu_sentence(s, f"{code}-{split}-{k}", hide_text=code == "hidden")
                    for k, s in enumerate(group)
                )
                path = f"ud-treebanks-v2.5/UD_{name}-{folder}/{lang}_{code}-ud-{split}.conllu"
                out[path] = text.encode("utf-8")
    return out


def tagged_count(world: World, lang: str, split: str) -> int:
    """Sentences in one split of a tagging target (UD-POS or PAN-X): English trains on the
    target-sized set and evaluates on the English dev size; every other language keeps its
    own small set, `tagging_eval_per_language` sentences for dev and test."""
    sizes = world.sizes
    if lang == "en":
        return sizes.target_train if split == "train" else sizes.dev
    return sizes.other_train if split == "train" else sizes.tagging_eval_per_language


def udpos_count(world: World, lang: str, split: str) -> int:
    """Sentences the UD reader should return (the withheld-text treebank is dropped)."""
    return tagged_count(world, lang, split) if split in udpos_splits(lang) else 0


# ------------------------------------------------------------------ PAN-X


def panx_tokens(phrase: Phrase) -> list[tuple[str, str]]:
    """WikiANN tokens: written words split on spaces (Vietnamese syllables), with IOB2 tags."""
    out = []
    for form, covered in surface(phrase):
        tag = phrase.toks[covered[0]].ner if len(covered) == 1 else "O"
        for piece in form.split(" "):
            out.append((piece, tag))
    return out


def panx_count(world: World, lang: str, split: str) -> int:
    """Sentences in one split of a PAN-X language archive."""
    return tagged_count(world, lang, split)


def panx_archives(world: World, languages: tuple[str, ...]) -> dict[str, dict[str, bytes]]:
    """Per language, the members of panx_dataset/<lang>.tar.gz: train, dev, test."""
    out = {}
    for lang in languages:
        r = world.renderer(lang)
        members = {}
        for split in ("train", "dev", "test"):
            rng = world.rng("panx", lang, split)
            lines = []
            for _ in range(panx_count(world, lang, split)):
                sentence = tagged_sentence(rng, split, r, questions=False)
                lines += [f"{lang}:{tok}\t{tag}" for tok, tag in panx_tokens(sentence)]
                lines.append("")
            members[split] = "\n".join(lines).encode("utf-8")
        out[lang] = members
    return out


# ------------------------------------------------------------------ CCG (CCGbank AUTO)


def auto_tree(tree: Tree) -> str:
    if tree.tok is not None:
        t = tree.tok
        return f"(<L {t.ccg} {t.xpos} {t.xpos} {t.form} {t.ccg}>)"
    inner = " ".join(auto_tree(c) for c in tree.children)
    return f"(<T {tree.cat} {tree.head} {len(tree.children)}> {inner} )"


CCG_SECTIONS = {"train": tuple(range(2, 22)), "dev": (0,), "test": (23,), "unused": (1, 22, 24)}
SENTENCES_PER_FILE = 25


def ccg_files(world: World) -> dict[str, bytes]:
    """LDC2005T13.tgz members: ccgbank_1_1/data/AUTO/<sec>/wsj_<sec><nn>.auto."""
    sizes = world.sizes
    r = world.english
    out = {}
    for split, sections in CCG_SECTIONS.items():
        total = {"train": sizes.train, "dev": sizes.dev, "test": sizes.test, "unused": 6}[split]
        rng = world.rng("ccg", split)
        per_section = [
            total // len(sections) + (k < total % len(sections)) for k in range(len(sections))
        ]
        for sec, n in zip(sections, per_section, strict=True):
            for f in range(0, max(n, 1), SENTENCES_PER_FILE):
                count = min(SENTENCES_PER_FILE, n - f)
                if count <= 0:
                    break
                name = f"wsj_{sec:02d}{f // SENTENCES_PER_FILE:02d}"
                lines = []
                for k in range(count):
                    phrase = tagged_sentence(
                        rng, "train" if split == "train" else "dev", r, questions=False
                    )
                    lines.append(f"ID={name}.{k + 1} PARSER=GOLD NUMPARSE=1")
                    lines.append(auto_tree(phrase.tree))
                path = f"ccgbank_1_1/data/AUTO/{sec:02d}/{name}.auto"
                out[path] = formats.text_lines(lines)
    return out
