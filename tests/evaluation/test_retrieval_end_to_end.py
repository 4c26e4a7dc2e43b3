"""Tatoeba and BUCC from the tiny encoder, through files. Translations are identical strings
(cosine exactly 1), so the expected retrieval is known without trusting a random model."""

import json
import random
from pathlib import Path

import pytest

from xstilts.evaluation.retrieval import LayerPredictions, run_retrieval
from xstilts.tasks.schema import RetrievalCorpus

WORDS = "the cat sat on a mat while dogs ran in park der hund lief le chat dort".split()


def sentences(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10)))
        if s not in out:
            out.append(s)
    return out


def bucc_corpus(split: str) -> RetrievalCorpus:
    """10 translation pairs (in reversed order on the English side) + 3 distractors a side.

    dev and test hold the same texts under other ids, so the margin scores are the same and
    the threshold tuned on dev must select on test exactly what it selects on dev.
    """
    s = sentences(16, seed=1)
    pairs, src_only, en_only = s[:10], s[10:13], s[13:]
    source = tuple((f"de-{split}{i}", t) for i, t in enumerate(src_only + pairs))
    english = tuple((f"en-{split}{i}", t) for i, t in enumerate(pairs[::-1] + en_only))
    gold = tuple((f"de-{split}{3 + i}", f"en-{split}{9 - i}") for i in range(10))
    return RetrievalCorpus("bucc2018", "de", split, source, english, gold)


def tatoeba_corpus() -> RetrievalCorpus:
    s = sentences(8, seed=3)
    english = sorted(s)  # XTREME sorts the English side
    return RetrievalCorpus(
        "tatoeba", "fr", "test",
        source=tuple((str(i), t) for i, t in enumerate(s)),
        english=tuple((str(j), t) for j, t in enumerate(english)),
        gold=tuple((str(s.index(t)), str(j)) for j, t in enumerate(english)),
    )


@pytest.fixture(scope="module")
def run(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("retrieval")
    seen: list[LayerPredictions] = []
    dev, test, tatoeba = bucc_corpus("dev"), bucc_corpus("test"), tatoeba_corpus()
    results = run_retrieval(
        tiny_model_dir, [dev], [test, tatoeba], out / "predictions",
        sweep_layers="all", sweep_root=out / "sweep", device="cpu", on_layer=seen.append,
    )
    return out, results, seen, test, tatoeba


def test_predictions_are_written_in_xtreme_layout_under_each_split(run):
    out, *_ = run
    root = out / "predictions"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) == [
        "dev/bucc2018/dev-de.tsv",
        "retrieval.json",
        "selection/bucc2018/selection-de.tsv",  # BUCC's selection set is its dev data
        "test/bucc2018/test-de.tsv",
        "test/tatoeba/test-fr.tsv",
    ]


def test_tatoeba_retrieves_the_identical_sentence_for_every_english_line(run):
    out, _, _, _, tatoeba = run
    lines = (out / "predictions/test/tatoeba/test-fr.tsv").read_text(encoding="utf-8").split()
    assert lines == [src for src, _ in tatoeba.gold]


def test_bucc_mines_exactly_the_gold_pairs_with_the_dev_threshold(run):
    out, results, _, test, _ = run
    text = (out / "predictions/test/bucc2018/test-de.tsv").read_text(encoding="utf-8")
    assert {tuple(line.split("\t")) for line in text.splitlines()} == set(test.gold)
    assert results[1].bucc_thresholds["de"].dev_f1 == 1.0


def test_layer_and_pooling_used_are_recorded(run):
    out, *_ = run
    meta = json.loads((out / "predictions/retrieval.json").read_text(encoding="utf-8"))
    # The tiny encoder has 2 layers: round(14/24 * 2) = 1.
    assert (meta["layer"], meta["pooling"], meta["num_layers"]) == (1, "mean", 2)
    assert set(meta["bucc_thresholds"]) == {"de"}


def test_a_sweep_writes_and_reports_every_hidden_state(run):
    out, results, seen, _, _ = run
    assert sorted(results) == [0, 1, 2]
    assert [p.layer for p in seen] == [0, 1, 2]
    for layer in (0, 1, 2):
        folder = out / "sweep" / f"layer-{layer:02d}"
        assert (folder / "test/tatoeba/test-fr.tsv").is_file()
        meta = json.loads((folder / "retrieval.json").read_text(encoding="utf-8"))
        assert meta["layer"] == layer


def test_sweeping_in_several_encoder_passes_gives_the_same_predictions(
    tiny_model_dir: Path, tmp_path: Path, run
):
    _, results, _, _, _ = run
    again = run_retrieval(
        tiny_model_dir, [bucc_corpus("dev")], [bucc_corpus("test"), tatoeba_corpus()],
        tmp_path / "p", sweep_layers="all", sweep_root=tmp_path / "s", device="cpu",
        layers_per_pass=1,
    )
    for layer in (0, 1, 2):
        assert again[layer].bucc == results[layer].bucc
        assert again[layer].tatoeba == results[layer].tatoeba


def test_bucc_test_without_its_dev_corpus_is_refused(tiny_model_dir: Path, tmp_path: Path):
    with pytest.raises(ValueError, match="dev \\(sample\\) corpus"):
        run_retrieval(tiny_model_dir, [], [bucc_corpus("test")], tmp_path)
