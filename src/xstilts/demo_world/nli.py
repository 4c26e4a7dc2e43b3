"""NLI in the demo world: MNLI, SNLI, ANLI (intermediate) and XNLI (target, 15 languages).

Rule (what a model must learn, `oracle.nli_label` checks it):
* the hypothesis restates one premise clause, possibly with a detail dropped -> entailment;
* the same, with the negation anchor 'never' inserted -> contradiction;
* anything that adds content the premise does not hold (a new object, a new verb), negated
  or not -> neutral.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from xstilts.demo_world import formats
from xstilts.demo_world.grammar import Clause, Renderer, Thing, surface, text_of
from xstilts.demo_world.world import World, clause, nouns_of, people

LABELS = ("entailment", "neutral", "contradiction")
# Premise clauses of XNLI, its English training set (XNLI-MT), SNLI and MNLI (so MNLI's rule
# and form are XNLI's: the planted shared-rule gain); ANLI keeps three. With two clauses the
# tiny demo model never told entailment from neutral even in English (test 66: no entailment
# predicted) and predicted one class in every other language (XNLI 42); with one clause (and
# 10 epochs) English test reaches 68-75, but 1200 English rows alone do not teach it the
# neutral class: it is the large MNLI (DemoSizes.mnli_train) that plants it.
XNLI_CLAUSES = 1
GENRES = ("fiction", "government", "slate", "telephone", "travel")


@dataclass(frozen=True)
class NliItem:
    premise: tuple[Clause, ...]
    hypothesis: Clause
    label: str
    genre: str


def nli_item(
    rng: random.Random, split: str, n_clauses: int, neutral_negated: float, new_person: float
) -> NliItem:
    label = rng.choice(LABELS)
    subjects = people(rng, split, n_clauses + 1)  # the last one is not in the premise
    premise: list[Clause] = []
    for s in subjects[:n_clauses]:
        used = set().union(*(nouns_of(c) for c in premise)) if premise else set()
        premise.append(clause(rng, split, subj=s, exclude_nouns=used))
    base = rng.choice(premise)
    if label == "neutral":
        taken = set().union(*(nouns_of(c) for c in premise))
        # About someone the premise does not mention (the name is a cue shared by every
        # language), or about the same person doing something not stated (harder).
        subj = subjects[-1] if rng.random() < new_person else base.subj
        hyp = clause(rng, split, subj=subj, exclude_nouns=taken)
        if rng.random() < 0.5:  # keep the verb, so only the new object makes it neutral
            hyp = replace(hyp, verb=base.verb)
        hyp = replace(hyp, neg=rng.random() < neutral_negated)
    else:
        hyp = _drop_detail(rng, base)
        hyp = replace(hyp, neg=label == "contradiction")
    return NliItem(tuple(premise), hyp, label, rng.choice(GENRES))


def _drop_detail(rng: random.Random, c: Clause) -> Clause:
    roll = rng.random()
    if roll < 0.3 and c.place is not None:
        return replace(c, prep=None, place=None)
    if roll < 0.6 and isinstance(c.obj, Thing) and c.obj.adj is not None:
        return replace(c, obj=replace(c.obj, adj=None))
    return c


def render(item: NliItem, renderer: Renderer) -> tuple[str, str, list[str], list[str]]:
    """(premise text, hypothesis text, premise tokens, hypothesis tokens)."""
    premise = renderer.sentence(list(item.premise))
    hypothesis = renderer.sentence([item.hypothesis])
    return (
        text_of(premise),
        text_of(hypothesis),
        [f for f, _ in surface(premise)],
        [f for f, _ in surface(hypothesis)],
    )


def items(
    world: World,
    name: str,
    split: str,
    n: int,
    n_clauses: int = 2,
    neutral_negated: float = 0.15,
    new_person: float = 0.8,
) -> list[NliItem]:
    rng = world.rng(name, split)
    return [nli_item(rng, split, n_clauses, neutral_negated, new_person) for _ in range(n)]


# ------------------------------------------------------------------ official formats

_MNLI_HEAD = ["index", "promptID", "pairID", "genre", "sentence1_binary_parse",
              "sentence2_binary_parse", "sentence1_parse", "sentence2_parse", "sentence1",
              "sentence2"]  # fmt: skip


def mnli_files(world: World) -> dict[str, bytes]:
    """GLUE's MNLI.zip members: train.tsv (label1), dev_matched.tsv (label1-5), test_matched."""
    sizes, en = world.sizes, world.english
    out = {}
    for split, n, labels in (
        ("train", sizes.mnli_train, 1),
        ("dev_matched", sizes.dev, 5),
        ("test_matched", sizes.test, 0),
    ):
        rows = []
        for k, item in enumerate(items(world, "mnli", split, n, n_clauses=XNLI_CLAUSES)):
            s1, s2, t1, t2 = render(item, en)
            prompt = 10000 + k
            row = [
                k,
                prompt,
                f"{prompt}{item.label[0]}",
                item.genre,
                formats.binary_parse(t1),
                formats.binary_parse(t2),
                formats.parse(t1),
                formats.parse(t2),
                s1,
                s2,
            ]
            row += [item.label] * labels + ([item.label] if labels else [])
            rows.append(row)
        head = _MNLI_HEAD + [f"label{i}" for i in range(1, labels + 1)]
        head += ["gold_label"] if labels else []
        out[f"MNLI/{split}.tsv"] = formats.tsv(head, rows)
    return out


def snli_files(world: World) -> dict[str, bytes]:
    """snli_1.0.zip members (jsonl); a few pairs without consensus carry gold_label '-'."""
    out = {}
    for split, n in (
        ("train", world.sizes.train),
        ("dev", world.sizes.dev),
        ("test", world.sizes.test),
    ):
        rng = world.rng("snli", split, "consensus")
        objs = []
        for k, item in enumerate(items(world, "snli", split, n, n_clauses=1)):
            s1, s2, t1, t2 = render(item, world.english)
            gold = item.label if rng.random() > 0.03 else "-"
            objs.append({
                "annotator_labels": [item.label], "captionID": f"{k}.jpg#0",
                "gold_label": gold, "pairID": f"{k}.jpg#0r1{item.label[0]}",
                "sentence1": s1, "sentence1_binary_parse": formats.binary_parse(t1),
                "sentence1_parse": formats.parse(t1), "sentence2": s2,
                "sentence2_binary_parse": formats.binary_parse(t2),
                "sentence2_parse": formats.parse(t2),
            })  # fmt: skip
        out[f"snli_1.0/snli_1.0_{split}.jsonl"] = formats.jsonl(objs)
    return out


def anli_files(world: World) -> dict[str, bytes]:
    """anli_v1.0.zip members: R1-R3, each train/dev/test jsonl with labels e/n/c.

    Harder than MNLI, as ANLI is: three-clause premises and more negated neutral pairs.
    """
    sizes = world.sizes
    out = {}
    for r in (1, 2, 3):
        for split, n in (
            ("train", sizes.train // 3),
            ("dev", sizes.dev // 3),
            ("test", sizes.test // 3),
        ):
            objs = []
            for k, item in enumerate(
                items(world, f"anli-r{r}", split, max(n, 1), n_clauses=3, neutral_negated=0.5)
            ):
                s1, s2, _, _ = render(item, world.english)
                objs.append(
                    {
                        "uid": f"r{r}-{split}-{k:05d}",
                        "context": s1,
                        "hypothesis": s2,
                        "label": item.label[0],
                        "reason": "",
                        "model_label": "n",
                        "emturk": False,
                        "genre": "wiki",
                        "tag": "",
                    }
                )
            out[f"anli_v1.0/R{r}/{split}.jsonl"] = formats.jsonl(objs)
    return out


_XNLI_HEAD = ["language", "gold_label", "sentence1_binary_parse", "sentence2_binary_parse",
              "sentence1_parse", "sentence2_parse", "sentence1", "sentence2", "promptID",
              "pairID", "genre", "label1", "label2", "label3", "label4", "label5",
              "sentence1_tokenized", "sentence2_tokenized", "match"]  # fmt: skip


def xnli_files(world: World, languages: tuple[str, ...]) -> dict[str, bytes]:
    """XNLI-1.0.zip members: one dev and one test tsv holding every language.

    The same items are rendered in each language (XNLI is a translation of English items);
    English gets `dev` items, the others the first `eval_per_language` of them.
    """
    sizes = world.sizes
    out = {}
    for split in ("dev", "test"):
        pool = items(
            world, "xnli", split, max(sizes.dev, sizes.eval_per_language), n_clauses=XNLI_CLAUSES
        )
        rows = []
        for lang in languages:
            n = sizes.dev if lang == "en" else sizes.eval_per_language
            for k, item in enumerate(pool[:n]):
                s1, s2, t1, t2 = render(item, world.renderer(lang))
                rows.append(
                    [
                        lang,
                        item.label,
                        formats.binary_parse(t1),
                        formats.binary_parse(t2),
                        formats.parse(t1),
                        formats.parse(t2),
                        s1,
                        s2,
                        k,
                        k,
                        item.genre,
                        *[item.label] * 5,
                        " ".join(t1),
                        " ".join(t2),
                        "True",
                    ]
                )
        out[f"XNLI-1.0/xnli.{split}.tsv"] = formats.tsv(_XNLI_HEAD, rows)
    return out


def xnli_mt_files(world: World, languages: tuple[str, ...]) -> dict[str, bytes]:
    """XNLI-MT-1.0.zip: MultiNLI train in English (label 'contradictory') and its
    machine translations, multinli.train.<lang>.tsv, for the other XNLI languages: here the
    same items, in the same order, rendered in each language.

    A translated file holds only the first `eval_per_language` items (the real ones translate
    every row): the translated-data ablation trains on all of them at once, and when a run is
    sized in epochs 14 full copies would make it 14 times longer than the English one. Under
    the demo's `max_steps` the count changes what the run sees, not how long it trains: 600
    or all 1200 rows per language moved Tatoeba by no more than seed noise (planted.yaml, P7).
    """
    sizes = world.sizes
    pool = items(world, "xnli-mt", "train", sizes.target_train, n_clauses=XNLI_CLAUSES)
    out = {}
    for lang in languages:
        rows = []
        for item in pool if lang == "en" else pool[: sizes.eval_per_language]:
            s1, s2, _, _ = render(item, world.renderer(lang))
            label = "contradictory" if item.label == "contradiction" else item.label
            rows.append([s1, s2, label])
        path = f"XNLI-MT-1.0/multinli/multinli.train.{lang}.tsv"
        out[path] = formats.tsv(["premise", "hypo", "label"], rows)
    return out
