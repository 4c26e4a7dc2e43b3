import argparse
from pathlib import Path

import pytest

from xstilts.stages import retrieval as cli
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


def test_retrieval_command_writes_dev_and_test_of_bucc_and_tatoeba(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cli, "load_corpus", fake_corpus)
    args = parse("--model", str(tiny_model_dir), "--out", str(tmp_path), "--bucc-langs", "fr",
                 "--tatoeba-langs", "de,ja", "--layer", "2", "--pooling", "cls",
                 "--device", "cpu")
    assert cli.run(args) == 0
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.tsv"))
    assert files == ["dev/bucc2018/dev-fr.tsv", "dev/tatoeba/dev-de.tsv", "dev/tatoeba/dev-ja.tsv",
                     "selection/bucc2018/selection-fr.tsv",  # BUCC selects on its dev data
                     "test/bucc2018/test-fr.tsv", "test/tatoeba/test-de.tsv",
                     "test/tatoeba/test-ja.tsv"]
    assert '"pooling": "cls"' in (tmp_path / "retrieval.json").read_text(encoding="utf-8")


def test_default_languages_are_xtreme_lists():
    args = parse("--model", "m", "--out", "o")
    assert args.bucc_langs == ["de", "fr", "ru", "zh"]
    assert len(args.tatoeba_langs) == 36


@pytest.mark.parametrize("argv", [["--tasks", "xnli"], ["--sweep", "all"]])
def test_bad_options_exit_with_2_before_reading_data(argv: list[str], monkeypatch):
    monkeypatch.setattr(cli, "load_corpus", lambda *a: pytest.fail("data was read"))
    assert cli.run(parse("--model", "m", "--out", "o", *argv)) == 2
