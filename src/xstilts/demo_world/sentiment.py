"""SST-2 in the demo world (intermediate task, English only).

Rule (`oracle.sst2_label`): the polar anchor words decide (wonderful, great, ... -> 1;
awful, boring, ... -> 0); 'not' in front of them flips the label. Sentences are lowercased
and tokenized with spaces, as GLUE's SST-2 files are.
"""

from __future__ import annotations

import random

from xstilts.demo_world import formats
from xstilts.demo_world.lexicon import NEGATIVE, POSITIVE, REVIEW_NOUNS
from xstilts.demo_world.world import World, person

FILLERS = ("honestly", "in the end", "at times", "for the most part", "all in all")


def sst2_sentence(rng: random.Random, split: str) -> tuple[str, str]:
    positive = rng.random() < 0.5
    negated = rng.random() < 0.25
    words = POSITIVE if positive != negated else NEGATIVE
    p1, p2 = rng.sample(words, 2)
    noun = rng.choice(REVIEW_NOUNS)
    name = person(rng, split, full_name=0.0).first.lower()
    filler = rng.choice(FILLERS)
    if negated:
        template = rng.choice((
            "the {n} is not {p1} .", "{f} , the {n} with {name} is not {p1} .",
            "it is not a {p1} {n} .",
        ))  # fmt: skip
    else:
        template = rng.choice((
            "the {n} is {p1} .", "the {n} with {name} is {p1} and {p2} .", "a {p1} {n} .",
            "{f} , it was a {p1} {n} .", "{name} 's {n} is {p1} , {f} .",
        ))  # fmt: skip
    text = template.format(n=noun, p1=p1, p2=p2, name=name, f=filler)
    return text, "1" if positive else "0"


def sst2_files(world: World) -> dict[str, bytes]:
    """SST-2.zip members: SST-2/{train,dev}.tsv (sentence, label) and test.tsv (index, sentence)."""
    sizes = world.sizes
    out = {}
    for split, n in (("train", sizes.train), ("dev", sizes.dev), ("test", sizes.test)):
        rng = world.rng("sst2", split)
        rows = [sst2_sentence(rng, split) for _ in range(n)]
        if split == "test":
            out["SST-2/test.tsv"] = formats.tsv(
                ["index", "sentence"], [[k, s] for k, (s, _) in enumerate(rows)]
            )
        else:
            out[f"SST-2/{split}.tsv"] = formats.tsv(["sentence", "label"], rows)
    return out
