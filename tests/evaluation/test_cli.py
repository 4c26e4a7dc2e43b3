"""`xstilts retrieval`: what to retrieve and how comes from the params' retrieval section; the
command takes paths only. The corpora are fakes (three sentences per language); the model is
the tiny locally built test model."""

import argparse
from pathlib import Path

import pytest

from xstilts.config import Params
from xstilts.stages import retrieval as cli
from xstilts.tasks.languages import XTREME_LANGUAGES
from xstilts.tasks.schema import RetrievalCorpus


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return parser.parse_args(list(argv))


def fake_corpus(task: str, split: str, lang: str, raw_root: Path) -> RetrievalCorpus:
    texts = ["the cat sat on a mat", "der hund lief im park", "le chat dort sur le tapis"]
    return RetrievalCorpus(
        task, lang, split,
        source=tuple((f"{lang}-{i}", t) for i, t in enumerate(texts)),
        english=tuple((f"en-{i}", t) for i, t in enumerate(texts)),
        gold=tuple((f"{lang}-{i}", f"en-{i}") for i in range(3)),
    )


def _params(**retrieval: object) -> Params:
    return Params.model_validate({"base": {"num_layers": 4}, "retrieval": retrieval})


def test_the_params_choose_tasks_layer_and_pooling_and_xtreme_the_languages(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    read: list[tuple[str, str, str]] = []

    def corpus(task: str, split: str, lang: str, raw_root: Path) -> RetrievalCorpus:
        read.append((task, split, lang))
        return fake_corpus(task, split, lang, raw_root)

    monkeypatch.setattr(cli, "load_corpus", corpus)
    args = parse("--model", str(tiny_model_dir), "--out", str(tmp_path), "--device", "cpu")
    assert cli.run(args, _params(tasks=["tatoeba"], layer=2, pooling="cls")) == 0
    assert {t for t, _, _ in read} == {"tatoeba"}  # bucc2018 is not in retrieval.tasks
    assert sorted(lang for _, s, lang in read if s == "test") == sorted(
        XTREME_LANGUAGES["tatoeba"])
    written = (tmp_path / "retrieval.json").read_text(encoding="utf-8")
    assert '"pooling": "cls"' in written and '"layer": 2' in written
    assert (tmp_path / "test" / "tatoeba" / "test-de.tsv").is_file()
    assert not (tmp_path / "layers").exists()  # retrieval.layer_sweep is off


def test_bucc_writes_dev_selection_and_test(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cli, "load_corpus", fake_corpus)
    args = parse("--model", str(tiny_model_dir), "--out", str(tmp_path), "--device", "cpu")
    assert cli.run(args, _params(tasks=["bucc2018"])) == 0
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.tsv"))
    assert files == sorted(f"{split}/bucc2018/{split}-{lang}.tsv"
                           for split in ("dev", "selection", "test")  # selects on its dev data
                           for lang in XTREME_LANGUAGES["bucc2018"])


@pytest.mark.parametrize("flag", ["--layer", "--pooling", "--tasks", "--bucc-langs"])
def test_configuration_is_not_a_flag(flag: str, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exit_info:
        parse("--model", "m", "--out", "o", flag, "1")
    assert exit_info.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err
