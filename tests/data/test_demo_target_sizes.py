"""The demo world's target training sets, PAWS-X negatives and the tiny tokenizer's words.

Guards the changes that lifted the demo's `none` run above chance outside English: the
target fine-tunes train on `DemoSizes.target_train` English examples (more than the
intermediate tasks' `train`), PAWS-X negatives are mostly changed places or verbs, and every
word of the pretraining corpus is one tokenizer piece.
"""

from __future__ import annotations

from dataclasses import replace

from xstilts.demo_world.paraphrase import SWAP_SHARE, pawsx_files, pawsx_pair
from xstilts.demo_world.qa import squad_v1_files
from xstilts.demo_world.tagging import panx_count, udpos_count
from xstilts.demo_world.world import DemoSizes, World

SIZES = DemoSizes(train=12, target_train=30, mnli_train=50, squad_train=40, dev=8,
                  eval_per_language=4, tagging_eval_per_language=3)


def _rows(data: bytes) -> int:
    return len(data.decode("utf-8").strip().splitlines()) - 1  # minus the header


def test_target_training_sets_have_the_target_size():
    world = World(1, SIZES)
    assert SIZES.target_train > SIZES.train
    assert _rows(pawsx_files(world, ("en", "de"))["x-final/en/train.tsv"]) == 30
    from xstilts.demo_world.nli import mnli_files, xnli_mt_files

    mt = xnli_mt_files(world, ("en", "de"))
    assert _rows(mt["XNLI-MT-1.0/multinli/multinli.train.en.tsv"]) == 30
    assert _rows(mt["XNLI-MT-1.0/multinli/multinli.train.de.tsv"]) == SIZES.eval_per_language
    assert _rows(mnli_files(world)["MNLI/train.tsv"]) == 50  # the planted rule source
    from xstilts.demo_world.paraphrase import qqp_files

    assert _rows(qqp_files(world)["QQP/train.tsv"]) == 12  # other intermediates keep `train`
    assert udpos_count(world, "en", "train") == 30 and panx_count(world, "en", "train") == 30
    assert udpos_count(world, "de", "train") == SIZES.other_train
    # Tagging languages draw their own sentences: fewer per language than the parallel pools.
    assert udpos_count(world, "de", "test") == panx_count(world, "de", "dev") == 3
    assert udpos_count(world, "en", "test") == panx_count(world, "en", "dev") == SIZES.dev
    import json

    doc = json.loads(squad_v1_files(world)["train-v1.1.json"])
    questions = sum(len(p["qas"]) for a in doc["data"] for p in a["paragraphs"])
    assert questions == 40  # SQuAD v1.1: large, as MNLI is


def test_scaled_sizes_scale_the_target_size():
    assert DemoSizes.scaled(0.5).target_train == DemoSizes().target_train // 2


def test_pawsx_negatives_are_mostly_changed_words():
    import random

    rng = random.Random(0)
    kinds = {"swap": 0, "other": 0}
    for _ in range(3000):
        first, second, label = pawsx_pair(rng, "train")
        if label == "1":
            continue
        swapped = replace(second, front_place=first.front_place) == replace(
            first, subj=first.obj, obj=first.subj
        )
        kinds["swap" if swapped else "other"] += 1
    share = kinds["swap"] / (kinds["swap"] + kinds["other"])
    assert abs(share - SWAP_SHARE) < 0.05


def test_every_corpus_word_is_one_tokenizer_piece():
    from xstilts.modeling.tiny import build_tokenizer

    lines = ["the cat sees the dog .", "ropedrya gasho never finds Anna ."] * 20
    lines += ["草本 Sofia , Nadia never 書入 Tariq ."] * 20
    tok = build_tokenizer(lines, 200)
    for word in ("the", "never", "ropedrya", "gasho", "草本", "書入", "Anna"):
        assert tok.tokenize(word) == ["\u2581" + word], word
    # An unseen word still splits into known pieces rather than <unk>.
    assert tok.unk_token not in tok.tokenize("ropedryagasho")



def test_mnli_premises_have_xnlis_one_clause(monkeypatch):
    """MNLI shares XNLI's rule and form: the planted shared-rule gain (planted.yaml P1)."""
    from xstilts.demo_world import nli

    assert nli.XNLI_CLAUSES == 1
    world = World(1, SIZES)
    clauses: dict[str, set[int]] = {}
    real = nli.items

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        clauses.setdefault(args[1], set()).update(len(i.premise) for i in out)
        return out

    monkeypatch.setattr(nli, "items", spy)
    nli.xnli_files(world, ("en", "de"))
    nli.xnli_mt_files(world, ("en", "de"))
    nli.mnli_files(world)
    assert clauses == {"xnli": {1}, "xnli-mt": {1}, "mnli": {1}}
