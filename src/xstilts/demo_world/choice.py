"""Multiple-choice tasks in the demo world (intermediate, English only).

Rules (each checked by an oracle in `oracle.py`):
* CommonsenseQA: where an object is usually found follows a fixed table (`USUAL_PLACE`).
* Cosmos QA: the right answer to 'why did X go to C?' is the reason stated in the context.
* Social IQa: how the other person feels follows from the action (`FEELING_AFTER`).
* HellaSwag: the right ending is the usual next step of the action in the context
  (`NEXT_STEP`), said of the same person.
"""

from __future__ import annotations

import random

from xstilts.demo_world import formats
from xstilts.demo_world.lexicon import FEELINGS, NOUNS, PLACES, VERBS
from xstilts.demo_world.world import World, city, people

USUAL_PLACE: dict[str, str] = {
    "cat": "garden", "dog": "park", "book": "library", "car": "garage", "house": "park",
    "tree": "garden", "apple": "kitchen", "letter": "desk", "bike": "garage", "chair": "office",
    "lamp": "desk", "phone": "office", "key": "closet", "ball": "park", "box": "closet",
    "cup": "kitchen", "fish": "river", "bird": "garden", "shoe": "closet", "boat": "harbor",
    "horse": "stable", "coat": "closet", "hat": "shop", "pen": "desk",
}  # fmt: skip
assert set(USUAL_PLACE) == set(NOUNS) and set(USUAL_PLACE.values()) <= set(PLACES)

FEELING_AFTER: dict[str, str] = {
    "gave {b} a gift": "grateful", "shouted at {b}": "upset", "praised {b} in public": "proud",
    "tricked {b} out of money": "angry", "invited {b} to a party": "happy",
    "ignored {b} all day": "lonely",
}  # fmt: skip
assert set(FEELING_AFTER.values()) == set(FEELINGS)

NEXT_STEP: dict[str, str] = {
    "buys": "pays for it at the counter.", "sells": "counts the money.",
    "washes": "dries it with a towel.", "paints": "waits for the paint to dry.",
    "repairs": "checks that it works again.", "opens": "looks inside it.",
    "carries": "puts it down carefully.", "finds": "picks it up from the floor.",
    "hides": "makes sure nobody is looking.", "draws": "shows the drawing to a friend.",
    "sees": "points at it.", "likes": "smiles at it.",
}  # fmt: skip
assert set(NEXT_STEP) == set(VERBS)


def _sizes(world: World) -> dict[str, int]:
    return {"train": world.sizes.train, "dev": world.sizes.dev, "test": world.sizes.test}


def _hex(rng: random.Random, bits: int = 128) -> str:
    return f"{rng.getrandbits(bits):0{bits // 4}x}"


# ------------------------------------------------------------------ CommonsenseQA


def commonsenseqa_files(world: World) -> dict[str, bytes]:
    """train_rand_split.jsonl, dev_rand_split.jsonl, test_rand_split_no_answers.jsonl."""
    names = {
        "train": "train_rand_split.jsonl",
        "dev": "dev_rand_split.jsonl",
        "test": "test_rand_split_no_answers.jsonl",
    }
    out = {}
    for split, n in _sizes(world).items():
        rng = world.rng("commonsenseqa", split)
        objs = []
        for _ in range(n):
            noun = rng.choice(list(NOUNS))
            right = USUAL_PLACE[noun]
            choices = [right, *rng.sample([p for p in PLACES if p != right], 4)]
            rng.shuffle(choices)
            stem = rng.choice(
                (
                    "where would you usually find a {n}?",
                    "where is a {n} usually kept?",
                    "where do people keep a {n}?",
                )
            ).format(n=noun)
            obj: dict[str, object] = {}
            if split != "test":
                obj["answerKey"] = "ABCDE"[choices.index(right)]
            obj["id"] = _hex(rng)
            obj["question"] = {
                "question_concept": noun,
                "choices": [{"label": "ABCDE"[i], "text": c} for i, c in enumerate(choices)],
                "stem": stem,
            }
            objs.append(obj)
        out[names[split]] = formats.jsonl(objs)
    return out


# ------------------------------------------------------------------ Cosmos QA


def _reason(verb: str, noun: str) -> str:
    return f"{VERBS[verb]} the {noun}"


def cosmosqa_files(world: World) -> dict[str, bytes]:
    """cosmosqa-data.zip members: {train,valid}.jsonl + labels .lst (0-based), test.jsonl."""
    out = {}
    for split, n in _sizes(world).items():
        name = {"train": "train", "dev": "valid", "test": "test"}[split]
        rng = world.rng("cosmosqa", split)
        objs, labels = [], []
        for k in range(n):
            p, other = people(rng, split, 2)
            place = city(rng, split).name
            pairs = rng.sample([(v, n_) for v in VERBS for n_ in NOUNS], 5)
            (verb, noun), filler = pairs[0], pairs[1]
            context = (
                f"{p.first} went to {place} because {p.first} wanted to "
                f"{_reason(verb, noun)}. Later {other.first} came to "
                f"{_reason(*filler)} with {p.first}."
            )
            question = rng.choice(
                ("why did {p} go to {c}?", "what was the reason {p} went to {c}?")
            ).format(p=p.first, c=place)
            answers = [f"{p.first} wanted to {_reason(verb, noun)}."]
            answers += [f"{p.first} wanted to {_reason(v, n_)}." for v, n_ in pairs[2:]]
            if rng.random() < 0.1:
                answers[-1] = "None of the above choices."
            order = list(range(4))
            rng.shuffle(order)
            obj = {"id": f"{_hex(rng, 64)}##demo{k}", "context": context, "question": question}
            for i, j in enumerate(order):
                obj[f"answer{i}"] = answers[j]
            objs.append(obj)
            labels.append(str(order.index(0)))
        out[f"{name}.jsonl"] = formats.jsonl(objs)
        if split != "test":
            out[f"{name}-labels.lst"] = formats.text_lines(labels)
    return out


# ------------------------------------------------------------------ Social IQa


def socialiqa_files(world: World) -> dict[str, bytes]:
    """socialiqa-train-dev.zip members: {train,dev}.jsonl + labels .lst (1-based)."""
    out = {}
    for split, n in (("train", world.sizes.train), ("dev", world.sizes.dev)):
        rng = world.rng("socialiqa", split)
        objs, labels = [], []
        for _ in range(n):
            a, b = people(rng, split, 2)
            action = rng.choice(list(FEELING_AFTER))
            right = FEELING_AFTER[action]
            answers = [right, *rng.sample([f for f in FEELINGS if f != right], 2)]
            rng.shuffle(answers)
            objs.append({
                "context": f"{a.first} {action.format(b=b.first)}.",
                "question": f"How would {b.first} feel afterwards?",
                "answerA": answers[0], "answerB": answers[1], "answerC": answers[2],
            })  # fmt: skip
            labels.append(str(answers.index(right) + 1))
        out[f"socialiqa-train-dev/{split}.jsonl"] = formats.jsonl(objs)
        out[f"socialiqa-train-dev/{split}-labels.lst"] = formats.text_lines(labels)
    return out


# ------------------------------------------------------------------ HellaSwag


def hellaswag_files(world: World) -> dict[str, bytes]:
    """hellaswag_{train,val,test}.jsonl (labels inline; none on test)."""
    out = {}
    for split, n in _sizes(world).items():
        name = {"train": "train", "dev": "val", "test": "test"}[split]
        rng = world.rng("hellaswag", split)
        objs = []
        for k in range(n):
            p = people(rng, split, 1)[0]
            verb, noun = rng.choice(list(VERBS)), rng.choice(list(NOUNS))
            right = NEXT_STEP[verb]
            endings = [right, *rng.sample([s for v, s in NEXT_STEP.items() if v != verb], 3)]
            rng.shuffle(endings)
            ctx_a, ctx_b = f"{p.first} {verb} the {noun}.", f"then {p.first}"
            obj: dict[str, object] = {
                "ind": k, "activity_label": f"{VERBS[verb].capitalize()}ing {noun}s",
                "ctx_a": ctx_a, "ctx_b": ctx_b, "ctx": f"{ctx_a} {ctx_b}", "split": name,
                "split_type": "indomain", "endings": endings,
                "source_id": f"demo~{_hex(rng, 32)}",
            }  # fmt: skip
            if split != "test":
                obj["label"] = endings.index(right)
            objs.append(obj)
        out[f"hellaswag_{name}.jsonl"] = formats.jsonl(objs)
    return out
