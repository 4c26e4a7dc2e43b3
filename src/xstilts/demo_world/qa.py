"""Extractive QA in the demo world: SQuAD v1.1/v2.0 (intermediate), XQuAD, MLQA, TyDi QA.

Rule (`oracle.qa_answer`): a paragraph states facts about people (where they live, which
company they work for, how many things they have, what they sell); a question's wh-word
says which fact and which slot is asked for ('where' -> the city, 'how many' -> the number,
'which company' -> the company, 'who works for' -> the person, 'what ... sell' -> the goods).
The answer is that slot's span in the paragraph. SQuAD v2 adds questions about people the
paragraph does not mention: unanswerable.

Answers are mostly anchors (names, cities, companies, digits) shared by all languages, plus
the goods of 'sell' facts, whose words differ per language.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from xstilts.demo_world import formats
from xstilts.demo_world.grammar import (
    City,
    Clause,
    Org,
    Person,
    Question,
    Renderer,
    Thing,
    detokenize,
    surface,
    text_of,
)
from xstilts.demo_world.lexicon import ADJECTIVES, NOUNS
from xstilts.demo_world.world import World, city, org, people

FACT_KINDS = ("live", "work", "have", "sell")


@dataclass(frozen=True)
class Fact:
    kind: str
    person: Person
    value: City | Org | Thing


@dataclass(frozen=True)
class QA:
    qid: str
    question: Question
    fact: Fact | None  # None: unanswerable (SQuAD v2)
    slot: str  # "value" or "person"


@dataclass(frozen=True)
class Paragraph:
    facts: tuple[Fact, ...]
    qas: tuple[QA, ...]


def _fact(rng: random.Random, split: str, kind: str, p: Person, used_orgs: set[Org]) -> Fact:
    if kind == "live":
        return Fact(kind, p, city(rng, split))
    if kind == "work":
        o = org(rng, split)
        while o in used_orgs:
            o = org(rng, split)
        used_orgs.add(o)
        return Fact(kind, p, o)
    if kind == "have":
        return Fact(
            kind, p, Thing(rng.choice(list(NOUNS)), rng.choice(ADJECTIVES), rng.randint(2, 9))
        )
    return Fact(kind, p, Thing(rng.choice(list(NOUNS)), rng.choice(ADJECTIVES), 0))


def clause_of(f: Fact) -> Clause:
    if f.kind == "live":
        return Clause(f.person, "lives", None, "in", f.value)
    if f.kind == "work":
        return Clause(f.person, "works", None, "for", f.value)
    if f.kind == "have":
        return Clause(f.person, "has", f.value)
    return Clause(f.person, "sells", f.value)


def _question(f: Fact, rng: random.Random) -> tuple[Question, str]:
    if f.kind == "live":
        return Question("where_live", f.person), "value"
    if f.kind == "work":
        if rng.random() < 0.5:
            return Question("who_works", f.value), "person"
        return Question("which_company", f.person), "value"
    if f.kind == "have":
        assert isinstance(f.value, Thing)
        return Question("how_many", f.person, f.value.noun), "value"
    return Question("what_sell", f.person), "value"


def paragraph(rng: random.Random, split: str, prefix: str, unanswerable: float) -> Paragraph:
    n = rng.randint(3, 5)
    members = people(rng, split, n + 1)  # the last one is never mentioned
    used_orgs: set[Org] = set()
    facts = tuple(_fact(rng, split, rng.choice(FACT_KINDS), p, used_orgs) for p in members[:n])
    qas = []
    for k, f in enumerate(rng.sample(facts, min(len(facts), rng.randint(1, 3)))):
        q, slot = _question(f, rng)
        qas.append(QA(f"{prefix}-{k}", q, f, slot))
    if rng.random() < unanswerable:
        absent = members[n]
        kind = rng.choice(("where_live", "which_company", "what_sell"))
        qas.append(QA(f"{prefix}-{len(qas)}", Question(kind, absent), None, "value"))
    return Paragraph(facts, tuple(qas))


def paragraphs(
    world: World, name: str, split: str, n_questions: int, unanswerable: float = 0.0
) -> list[Paragraph]:
    """Paragraphs holding `n_questions` questions in all (the last one trimmed to fit)."""
    rng = world.rng(name, split)
    out: list[Paragraph] = []
    count = 0
    while count < n_questions:
        p = paragraph(rng, split, f"{name}-{split}-{len(out)}", unanswerable)
        keep = p.qas[: n_questions - count]
        out.append(Paragraph(p.facts, keep))
        count += len(keep)
    return out


# ------------------------------------------------------------------ rendering


def _find(tokens: list[str], needle: list[str]) -> int:
    for i in range(len(tokens) - len(needle) + 1):
        if tokens[i : i + len(needle)] == needle:
            return i
    raise AssertionError(f"answer {needle} not in sentence {tokens}")


def render_paragraph(p: Paragraph, r: Renderer) -> tuple[str, list[dict]]:
    """(context, qas in SQuAD form) in the renderer's language."""
    sentences, spans_by_fact = [], {}
    offset = 0
    for f in p.facts:
        tokens = [form for form, _ in surface(r.sentence([clause_of(f)]))]
        text, spans = detokenize(tokens)
        for slot, entity in (("person", f.person), ("value", f.value)):
            needle = [form for form, _ in surface(r.entity(entity))]
            if f.kind == "have" and slot == "value":
                assert isinstance(f.value, Thing)
                needle = [str(f.value.count)]  # 'how many' asks for the number only
            start = _find(tokens, needle)
            end = start + len(needle) - 1
            spans_by_fact[(f, slot)] = (offset + spans[start][0], offset + spans[end][1])
        sentences.append(text)
        offset += len(text) + 1
    context = " ".join(sentences)
    qas = []
    for qa in p.qas:
        entry: dict[str, object] = {"id": qa.qid, "question": text_of(r.question(qa.question))}
        if qa.fact is None:
            entry["answers"] = []
        else:
            s, e = spans_by_fact[(qa.fact, qa.slot)]
            entry["answers"] = [{"answer_start": s, "text": context[s:e]}]
        qas.append(entry)
    return context, qas


def squad_document(
    world: World,
    lang: str,
    paras: list[Paragraph],
    version: str,
    title: str,
    v2: bool = False,
    golds: int = 1,
) -> dict:
    """A SQuAD-format document; `golds` repeats each answer (SQuAD dev has 3 annotators)."""
    r = world.renderer(lang)
    articles: list[dict] = []
    for k, p in enumerate(paras):
        if k % 5 == 0:
            articles.append({"title": f"{title}_{k // 5}", "paragraphs": []})
        context, qas = render_paragraph(p, r)
        for qa, source in zip(qas, p.qas, strict=True):
            answers = qa.pop("answers")
            if v2:
                qa["is_impossible"] = source.fact is None
                if source.fact is None:
                    qa["plausible_answers"] = []
            qa["answers"] = answers * golds
        articles[-1]["paragraphs"].append({"context": context, "qas": qas})
    return {"version": version, "data": articles}


# ------------------------------------------------------------------ official files


def squad_v1_files(world: World) -> dict[str, bytes]:
    """SQuAD v1.1 trains the XQuAD/MLQA fine-tune and the squad_v1 intermediate run."""
    s = world.sizes
    return {
        "train-v1.1.json": formats.json_bytes(squad_document(
            world, "en", paragraphs(world, "squad_v1", "train", s.squad_train), "1.1", "Demo")),
        "dev-v1.1.json": formats.json_bytes(squad_document(
            world, "en", paragraphs(world, "squad_v1", "dev", s.dev), "1.1", "Demo", golds=3)),
    }  # fmt: skip


def squad_v2_files(world: World) -> dict[str, bytes]:
    s = world.sizes
    return {
        f"{split}-v2.0.json": formats.json_bytes(squad_document(
            world, "en", paragraphs(world, "squad_v2", split, n, unanswerable=0.5), "v2.0",
            "Demo", v2=True, golds=1 if split == "train" else 2))
        for split, n in (("train", s.train), ("dev", s.dev))
    }  # fmt: skip


def _per_language(world: World, lang: str) -> int:
    return world.sizes.dev if lang == "en" else world.sizes.eval_per_language


def xquad_files(world: World, languages: tuple[str, ...]) -> dict[str, bytes]:
    """xquad.<lang>.json: the same questions (same ids) in every language."""
    pool = paragraphs(world, "xquad", "test", world.sizes.dev)
    return {
        f"xquad.{lang}.json": formats.json_bytes(
            squad_document(world, lang, _take(pool, _per_language(world, lang)), "1.1", "Xquad")
        )
        for lang in languages
    }


def mlqa_files(world: World, languages: tuple[str, ...]) -> dict[str, bytes]:
    """MLQA_V1.zip members: {dev,test}/<split>-context-<l>-question-<l>.json, 40-hex ids."""
    out = {}
    for split in ("dev", "test"):
        pool = _hex_ids(
            world.rng("mlqa-ids", split), paragraphs(world, "mlqa", split, world.sizes.dev)
        )
        for lang in languages:
            doc = squad_document(
                world, lang, _take(pool, _per_language(world, lang)), "1.0", "Mlqa"
            )
            out[f"MLQA_V1/{split}/{split}-context-{lang}-question-{lang}.json"] = (
                formats.json_bytes(doc)
            )
    return out


def tydiqa_files(
    world: World, languages: tuple[str, ...], names: dict[str, str]
) -> dict[str, bytes]:
    """tydiqa-goldp-v1.1-train.json (all languages mixed; English is `train` questions) and
    the dev archive's tydiqa-goldp-v1.1-dev/tydiqa-goldp-dev-<language name>.json."""
    version = "TyDiQA-GoldP-1.1-for-SQuAD-1.1"
    train_articles: list[dict] = []
    for lang in languages:
        n = world.sizes.target_train if lang == "en" else world.sizes.other_train
        paras = _tydi_ids(
            world.rng("tydiqa-ids", "train", lang),
            names[lang],
            paragraphs(world, f"tydiqa-{lang}", "train", n),
        )
        train_articles += squad_document(world, lang, paras, version, names[lang])["data"]
    out = {
        "tydiqa-goldp-v1.1-train.json": formats.json_bytes(
            {"version": version, "data": train_articles}
        )
    }
    for lang in languages:
        paras = _tydi_ids(
            world.rng("tydiqa-ids", "dev", lang),
            names[lang],
            paragraphs(world, f"tydiqa-{lang}", "dev", _per_language(world, lang)),
        )
        out[f"tydiqa-goldp-v1.1-dev/tydiqa-goldp-dev-{names[lang]}.json"] = formats.json_bytes(
            squad_document(world, lang, paras, version, names[lang])
        )
    return out


def _take(pool: list[Paragraph], n: int) -> list[Paragraph]:
    out, count = [], 0
    for p in pool:
        if count >= n:
            break
        keep = p.qas[: n - count]
        out.append(Paragraph(p.facts, keep))
        count += len(keep)
    return out


def _retag(pool: list[Paragraph], make_id: Callable[[QA], str]) -> list[Paragraph]:
    return [
        Paragraph(p.facts, tuple(QA(make_id(qa), qa.question, qa.fact, qa.slot) for qa in p.qas))
        for p in pool
    ]


def _hex_ids(rng: random.Random, pool: list[Paragraph]) -> list[Paragraph]:
    return _retag(pool, lambda qa: f"{rng.getrandbits(160):040x}")


def _tydi_ids(rng: random.Random, name: str, pool: list[Paragraph]) -> list[Paragraph]:
    # TyDi ids embed a signed 64-bit number: negative ones give a double dash
    # ('english--3215621880858840488-2'), which naive id splitting gets wrong.
    return _retag(
        pool, lambda qa: f"{name}-{rng.getrandbits(64) - 2**63}-{qa.qid.rsplit('-', 1)[1]}"
    )
