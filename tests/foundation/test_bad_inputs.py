"""Bad input is never accepted silently and never ends in a traceback: each row of the tables
below is one malformed input, the exit code (or error type) it must give, and a fragment of the
message, which names where the problem is and what is allowed. Commands that refuse an input
write nothing.

Four tables: params files (`xstilts validate` and a stage), command-line options, raw data of
every reader family (DataFormatError, which `prepare` turns into exit 2), and prediction/label
folders (`xstilts score`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from xstilts.cli import main
from xstilts.tasks import DataFormatError, read_corpus, read_examples
from xstilts.tasks.readers.corpus import read_leipzig_sentences

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT / "tests" / "fixtures" / "official"
SCORING = ROOT / "tests" / "fixtures" / "scoring"
DEMO_PARAMS = ROOT / "demo" / "params.yaml"


def _exit_code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exit_:  # argparse's own errors
        return int(exit_.code or 0)


def _files(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*")}


def _deep_json(depth: int = 100_000) -> str:
    return "[" * depth + "]" * depth


def _demo_params() -> dict:
    return yaml.safe_load(DEMO_PARAMS.read_text(encoding="utf-8"))


# -- params files ----------------------------------------------------------------------------

def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


PARAMS_CASES: list[tuple[str, bytes | None, str]] = [
    # (id, content of the params file; None = a folder in its place, fragment)
    ("empty-file", b"", "the file is empty"),
    ("only-comments", b"# nothing here\n\n", "the file is empty"),
    ("epochs-inf", b"target:\n  optim:\n    epochs: .inf\n",
     "target.optim.epochs: got inf (float); allowed: a finite number"),
    ("lr-nan", b"intermediate:\n  optim:\n    lr: .nan\n",
     "intermediate.optim.lr: got nan (float); allowed: a finite number"),
    ("duplicate-section", b"base:\n  seed: 1\nbase:\n  seed: 2\n",
     "line 3: key 'base' appears twice in one mapping (first at line 1)"),
    ("duplicate-nested-key", b"target:\n  save_every: 5\n  save_every: 6\n",
     "line 3: key 'save_every' appears twice"),
    ("not-utf8", b"base:\n  model: \"\xff\xfe\"\n", "line 2: not UTF-8 (byte 0xff"),
    ("a-folder", None, "is a folder; allowed: a params YAML file"),
    ("alias-bomb", _alias_bomb(), "the YAML aliases expand to more than"),
    ("not-yaml", b"base: [1, 2\n", "not valid YAML"),
    ("top-level-list", b"- 1\n- 2\n", "(top level): got list; allowed: a mapping"),
    ("string-batch-size", b"target:\n  optim:\n    batch_size: \"32\"\n",
     "target.optim.batch_size: got '32' (str); allowed: an integer"),
    ("unknown-key", b"target:\n  optim:\n    learning_rate: 0.1\n",
     "target.optim.learning_rate: got 0.1 (unknown key)"),
    ("negative-seed", b"base:\n  seed: -1\n  seeds: [-1]\n", "base.seed: got -1 (int)"),
    ("long-value-cut", b"traning: " + b"x" * 5000 + b"\n", "... (5002 characters)"),
]


@pytest.mark.parametrize(("content", "fragment"), [c[1:] for c in PARAMS_CASES],
                         ids=[c[0] for c in PARAMS_CASES])
def test_bad_params_file_exits_2_naming_the_problem(
    content: bytes | None, fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "params.yaml"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    before = _files(tmp_path)
    for argv in (["validate", str(path)], ["texts", "--params", str(path)]):
        assert _exit_code(argv) == 2
        err = capsys.readouterr().err
        assert fragment in err and str(path) in err
        assert len(err) < 2000  # one short line, even for an alias bomb
        assert "Traceback" not in err
    assert _files(tmp_path) == before  # no mlflow.db, mlruns/, spool, output


# -- command-line options ----------------------------------------------------------------------

FLAG_CASES: list[tuple[str, list[str], int, str]] = [
    # (id, argv; {params} = a valid demo params file, {tmp} = the test folder, exit, fragment)
    ("intermediate-unknown-run", ["intermediate", "--params", "{params}", "--run", "bogus"], 2,
     "--run 'bogus' is not in grid.intermediates"),
    ("target-unknown-finetune",
     ["target", "--params", "{params}", "--run", "none", "--finetune", "xquad"], 2,
     "--finetune 'xquad' is not in target.finetunes"),
    ("target-unknown-run", ["target", "--params", "{params}", "--run", "nope", "--finetune",
                            "xnli"], 2, "--run 'nope' is not in grid.intermediates"),
    ("score-run-unknown-run", ["score-run", "--params", "{params}", "--run", "nope"], 2,
     "--run 'nope' is not in grid.intermediates"),
    ("fetch-negative-retries", ["fetch", "--retries", "-1"], 2,
     "argument --retries: got '-1'; allowed: a whole number >= 0"),
    ("fetch-word-retries", ["fetch", "--retries", "many"], 2,
     "argument --retries: got 'many'; allowed: a whole number >= 0"),
    ("fetch-unknown-source", ["fetch", "--raw-root", "{tmp}/raw", "nosuchsource"], 2,
     "unknown source 'nosuchsource'"),
    ("retrieval-layer-is-a-param", ["retrieval", "--params", "{params}", "--model", "{tmp}/m",
                                    "--out", "{tmp}/out", "--layer", "2"], 2,
     "unrecognized arguments: --layer 2"),
    ("score-unknown-split", ["score", "--predictions", "{tmp}", "--labels", "{tmp}",
                             "--split", "train"], 2, "invalid choice: 'train'"),
    ("stage-params-is-a-folder", ["pretrain", "--params", "{tmp}"], 2,
     "is a folder; allowed: a params YAML file"),
    ("stage-params-missing", ["prepare", "--params", "{tmp}/nope.yaml"], 2,
     "does not exist; allowed: a params YAML file"),
]


@pytest.mark.parametrize(("argv", "code", "fragment"), [c[1:] for c in FLAG_CASES],
                         ids=[c[0] for c in FLAG_CASES])
def test_bad_option_exits_with_a_clear_message_and_writes_nothing(
    argv: list[str], code: int, fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    params = tmp_path / "params.yaml"
    shutil.copy(DEMO_PARAMS, params)
    before = _files(tmp_path)
    args = [a.format(params=params, tmp=tmp_path) for a in argv]
    assert _exit_code(args) == code
    captured = capsys.readouterr()
    assert fragment in captured.err + captured.out
    assert "Traceback" not in captured.err
    assert _files(tmp_path) == before


# -- raw data, every reader family ---------------------------------------------------------------

Mutation = Callable[[Path], None]


def _write(relative: str, text: str | bytes) -> Mutation:
    def mutate(raw: Path) -> None:
        path = raw / relative
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return mutate


def _edit(relative: str, edit: Callable[[str], str]) -> Mutation:
    def mutate(raw: Path) -> None:
        path = raw / relative
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return mutate


def _drop_column(name: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        rows = [line.split("\t") for line in text.split("\n") if line]
        keep = [i for i, column in enumerate(rows[0]) if column != name]
        return "".join("\t".join(row[i] for i in keep) + "\n" for row in rows)
    return edit


def _symlink_loop(relative: str) -> Mutation:
    def mutate(raw: Path) -> None:
        path = raw / relative
        path.unlink()
        os.symlink(path.name, path)  # points at itself: ELOOP on open
    return mutate


def _duplicate_first_token(text: str) -> str:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("1\t"))
    return "\n".join(lines[: first + 1] + [lines[first]] + lines[first + 1:])


MNLI_TRAIN = "mnli/MNLI/train.tsv"
LEIPZIG_DE = "leipzig_wikipedia/deu_wikipedia_2021_100K/deu_wikipedia_2021_100K-sentences.txt"
UD_DE = "udpos/ud-treebanks-v2.5/UD_German-GSD/de_gsd-ud-test.conllu"

RAW_CASES: list[tuple[str, str, str, str, Mutation, str]] = [
    # (id, task, split, lang, mutation of a copy of the official samples, fragment)
    ("mnli-no-label-column", "mnli", "train", "en", _edit(MNLI_TRAIN, _drop_column("gold_label")),
     "header lacks column(s) gold_label"),
    ("mnli-dev-no-label-column", "mnli", "dev", "en",
     _edit("mnli/MNLI/dev_matched.tsv", _drop_column("gold_label")),
     "header lacks column(s) gold_label"),
    ("qqp-no-label-column", "qqp", "train", "en",
     _edit("qqp/QQP/train.tsv", _drop_column("is_duplicate")), "header lacks column(s) is_duplicate"),
    ("sst2-no-label-column", "sst2", "dev", "en",
     _edit("sst2/SST-2/dev.tsv", _drop_column("label")), "header lacks column(s) label"),
    ("mnli-short-row", "mnli", "train", "en",
     _edit(MNLI_TRAIN, lambda t: t.replace("\n", "\nonly\ttwo\n", 1)), "TAB-separated fields"),
    ("xnli-unknown-label", "xnli", "test", "en",
     _edit("xnli/XNLI-1.0/xnli.test.tsv", lambda t: t.replace("\nen\tcontradiction\t", "\nen\tmaybe\t", 1)),
     "unknown label 'maybe'"),
    ("pawsx-not-utf8", "pawsx", "test", "de", _write("pawsx/x-final/de/test_2k.tsv",
                                                     b"id\tsentence1\tsentence2\tlabel\n1\t\xe4\tb\t0\n"),
     "not valid UTF-8"),
    ("snli-not-an-object", "snli", "dev", "en",
     _write("snli/snli_1.0/snli_1.0_dev.jsonl", "[1, 2]\n"), "expected a JSON object"),
    ("anli-deep-json", "anli", "dev", "en",
     _write("anli/anli_v1.0/R1/dev.jsonl", _deep_json() + "\n"), "nested too deeply"),
    ("cosmosqa-label-out-of-range", "cosmosqa", "train", "en",
     _write("cosmosqa/train-labels.lst", "9\n7\n"), "label"),
    ("hellaswag-missing-field", "hellaswag", "dev", "en",
     _write("hellaswag/hellaswag_val.jsonl", '{"ind": 1, "ctx_b": "x", "endings": []}\n'),
     "missing field 'ctx_a'"),
    ("commonsenseqa-deep-json", "commonsenseqa", "dev", "en",
     _write("commonsenseqa/dev_rand_split.jsonl", _deep_json() + "\n"), "nested too deeply"),
    ("squad-deep-json", "squad_v1", "dev", "en",
     _write("squad_v1/dev-v1.1.json", _deep_json()), "nested too deeply"),
    ("tydiqa-not-squad-format", "tydiqa", "dev", "en",
     _write("tydiqa/tydiqa-goldp-v1.1-dev/tydiqa-goldp-dev-english.json", "[]"),
     "SQuAD format"),
    ("udpos-duplicate-token-id", "udpos", "test", "de", _edit(UD_DE, _duplicate_first_token),
     "token id 1 appears twice"),
    ("panx-symlink-loop", "panx", "dev", "de", _symlink_loop("panx/panx_dataset/de/dev"),
     "cannot read (Too many levels of symbolic links)"),
    ("panx-three-fields", "panx", "dev", "de",
     _write("panx/panx_dataset/de/dev", "de:Berlin\tB-LOC\textra\n\n"), "found 3 field(s)"),
    ("ccg-no-derivation", "ccg", "test", "en",
     _write("ccg/ccgbank_1_1/data/AUTO/23/wsj_2301.auto", "ID=wsj_2301.1 PARSER=GOLD\n"),
     "has no derivation line"),
    ("leipzig-no-tab", "mlm_corpus", "train", "multi", _write(LEIPZIG_DE, "1 no tab here\n"),
     "line 1"),
    ("mnli-header-bom-is-not-a-missing-column", "mnli", "train", "en",
     _edit(MNLI_TRAIN, lambda t: "\ufeff" + _drop_column("sentence2")(t)),
     "header lacks column(s) sentence2; found index"),
]

RETRIEVAL_CASES: list[tuple[str, str, str, str, Mutation, str]] = [
    ("bucc-gold-without-tab", "bucc2018", "dev", "de",
     _write("bucc2018/bucc2018/de-en/de-en.sample.gold", "de-000001 en-000001\n"),
     "expected `<source id>` TAB `<english id>`"),
    ("tatoeba-empty-file", "tatoeba", "test", "de", _write("tatoeba/tatoeba.deu-eng.deu", b""),
     "file is empty"),
]


@pytest.mark.parametrize(("task", "split", "lang", "mutate", "fragment"),
                         [c[1:] for c in RAW_CASES + RETRIEVAL_CASES],
                         ids=[c[0] for c in RAW_CASES + RETRIEVAL_CASES])
def test_bad_raw_file_raises_data_format_error_naming_the_file(
    task: str, split: str, lang: str, mutate: Mutation, fragment: str, tmp_path: Path,
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(OFFICIAL, raw, symlinks=True)
    mutate(raw)
    with pytest.raises(DataFormatError) as err:
        if task == "mlm_corpus":  # the samples hold two of its languages: read one file
            read_leipzig_sentences(raw / LEIPZIG_DE)
        elif task in ("bucc2018", "tatoeba"):
            read_corpus(task, split, lang, raw)
        else:
            read_examples(task, split, lang, raw)
    assert fragment in str(err.value)
    assert str(raw) in str(err.value)  # the file is named


def test_prepare_turns_a_bad_raw_file_into_exit_2(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    raw = tmp_path / "raw"
    shutil.copytree(OFFICIAL, raw)
    _write("squad_v1/dev-v1.1.json", _deep_json())(raw)
    shutil.copy(DEMO_PARAMS, tmp_path / "params.yaml")
    params = _demo_params()
    params["tracking"] = {"enabled": False}
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    code = _exit_code(["prepare", "--params", "params.yaml", "--tokenizer", str(tiny_model_dir),
                       "--raw", str(raw), "--out", "prepared", "--labels", "labels",
                       "--task", "squad_v1", "--split", "dev"])
    err = capsys.readouterr().err
    assert code == 2
    assert "prepare squad_v1:" in err and "nested too deeply" in err
    assert not (tmp_path / "prepared" / "squad_v1").exists()


# -- prediction and label folders -------------------------------------------------------------

def _copy_scoring(tmp: Path) -> tuple[Path, Path]:
    shutil.copytree(SCORING / "predictions", tmp / "predictions")
    shutil.copytree(SCORING / "labels", tmp / "labels")
    return tmp / "predictions", tmp / "labels"


def _bom(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


SCORE_CASES: list[tuple[str, Callable[[Path, Path], list[str]], str]] = [
    # (id, corrupt (predictions, labels) and return extra argv, fragment)
    ("prediction-bom", lambda p, lab: _bom(p / "xnli/test-en.tsv") or [],
     "prediction file starts with a UTF-8 byte-order mark"),
    ("label-bom", lambda p, lab: _bom(lab / "pawsx/test-de.tsv") or [],
     "label file starts with a UTF-8 byte-order mark"),
    ("bucc-prediction-without-tab",
     lambda p, lab: (p / "bucc2018/test-de.tsv").write_text("de-1 en-1\n") and [],
     "line 1: expected `<source id><TAB><english id>`"),
    ("bucc-gold-without-tab",
     lambda p, lab: (lab / "bucc2018/test-fr.tsv").write_text("fr-1\ten-1\nfr-2 en-2\n") and [],
     "line 2: expected `<source id><TAB><english id>`"),
    ("bucc-three-fields",
     lambda p, lab: (p / "bucc2018/test-de.tsv").write_text("de-1\ten-1\tx\n") and [],
     "3 TAB-separated field(s)"),
    ("qa-deep-json", lambda p, lab: (p / "xquad/test-de.json").write_text(_deep_json()) and [],
     "JSON nested too deeply"),
    ("predictions-root-is-a-file", lambda p, lab: _replace_with_file(p),
     "predictions folder is a file, not a folder"),
    ("labels-root-missing", lambda p, lab: shutil.rmtree(lab) or [],
     "labels folder does not exist"),
    ("line-count-mismatch",
     lambda p, lab: (p / "xnli/test-en.tsv").write_text("neutral\n") and [],
     "1 prediction lines but"),
    ("prediction-not-utf8", lambda p, lab: (p / "pawsx/test-en.tsv").write_bytes(b"\xff\n") and [],
     "not UTF-8 text"),
    ("missing-language-file", lambda p, lab: (p / "udpos/test-af.tsv").unlink() or [],
     "missing prediction file for language 'af'"),
]


def _replace_with_file(predictions: Path) -> list[str]:
    shutil.rmtree(predictions)
    predictions.write_text("not a folder\n")
    return []


@pytest.mark.parametrize(("corrupt", "fragment"), [c[1:] for c in SCORE_CASES],
                         ids=[c[0] for c in SCORE_CASES])
def test_bad_prediction_or_label_folder_exits_2_naming_the_file(
    corrupt: Callable[[Path, Path], list[str]], fragment: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    predictions, labels = _copy_scoring(tmp_path)
    extra = corrupt(predictions, labels) or []
    before = _files(tmp_path)
    code = _exit_code(["score", "--predictions", str(predictions), "--labels", str(labels),
                       "--json", str(tmp_path / "scores.json"), *extra])
    err = capsys.readouterr().err
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err
    assert _files(tmp_path) == before  # no scores.json


@dataclass(frozen=True)
class _Count:
    params: int = len(PARAMS_CASES)
    flags: int = len(FLAG_CASES)
    raw: int = len(RAW_CASES) + len(RETRIEVAL_CASES)
    scoring: int = len(SCORE_CASES)


def test_the_tables_cover_at_least_forty_bad_inputs() -> None:
    counts = _Count()
    assert min(counts.params, counts.flags, counts.raw, counts.scoring) >= 5
    assert counts.params + counts.flags + counts.raw + counts.scoring >= 40
