"""`xstilts fetch` command line: --list, --from, exit codes."""

from __future__ import annotations

import json

from xstilts.cli import run_untracked
from xstilts.tasks import sources

from .test_fetch_mirror import build_mirror


def _run(argv):
    """`xstilts fetch ARGV` as the command runs it (params validated once), without MLflow."""
    return run_untracked(["fetch", *argv])


def test_list_prints_every_source_with_url_files_and_sha256(capsys):
    assert _run(["--list"]) == 0
    out = capsys.readouterr().out
    for spec in sources():
        assert f"\n{spec.name}" in f"\n{out}", spec.name
        for f in spec.files:
            assert f.name in out and f.location in out
    assert "https://dl.fbaipublicfiles.com/XNLI/XNLI-1.0.zip" in out
    assert "SHA256-NOT-PINNED (not pinned)" in out
    assert "d06bfef918240b34b6f86fdfd8215d15fea2abced0bfca8ab99004e3bce760ec" in out
    assert "put by hand at data/manual/ccg/LDC2005T13.tgz" in out
    assert "-> data/raw/xnli/XNLI-1.0/xnli.dev.tsv" in out


def test_list_json(capsys):
    assert _run(["--list", "--json", "--task", "xquad"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [d["source"] for d in doc] == ["squad_v1", "xquad"]
    # xquad.en.json is pinned to the digest Hugging Face recorded for the same URL.
    assert doc[1]["files"][0]["sha256"] == (
        "e4c57d1c9143aaa1c5d265ba5987a65f4e69528d2a98f29d6e75019b10344f29")
    assert doc[1]["files"][0]["sha256_status"].startswith("reported by huggingface/datasets")


def test_unknown_source_exits_2_listing_valid_names(capsys):
    assert _run(["xnlii"]) == 2
    err = capsys.readouterr().err
    assert "xnlii" in err and "xnli_mt" in err


def test_fetch_from_mirror(tmp_path, capsys):
    mirror = build_mirror(tmp_path / "mirror")
    raw = tmp_path / "raw"
    assert _run(["squad_v1", "pawsx", "--from", str(mirror), "--raw-root", str(raw)]) == 0
    out = capsys.readouterr().out
    assert "squad_v1\tfetched" in out and "pawsx\tfetched" in out
    assert _run(["squad_v1", "--from", str(mirror), "--raw-root", str(raw)]) == 0
    assert "squad_v1\tcomplete" in capsys.readouterr().out


def test_missing_manual_source_exits_1_with_instructions(tmp_path, capsys):
    code = _run(["ccg", "--raw-root", str(tmp_path / "raw"),
                 "--manual-root", str(tmp_path / "manual")])
    assert code == 1
    assert "data/manual/ccg/LDC2005T13.tgz" in capsys.readouterr().err


def test_params_fetch_section_gives_mirror_and_retries(tmp_path, capsys, monkeypatch):
    """dvc.yaml runs `xstilts fetch --params params.yaml` from the pipeline root."""
    root = tmp_path / "pipeline"
    root.mkdir()
    (root / "params.yaml").write_text("fetch:\n  mirror: data/mirror\n  retries: 0\n",
                                      encoding="utf-8")
    build_mirror(root / "data" / "mirror")
    monkeypatch.chdir(root)
    assert _run(["squad_v1", "--params", "params.yaml"]) == 0
    assert "squad_v1\tfetched" in capsys.readouterr().out
    assert (root / "data" / "raw" / "squad_v1" / "dev-v1.1.json").is_file()


def test_invalid_params_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "params.yaml"
    bad.write_text("fetch:\n  mirror: 3\n  retries: many\n", encoding="utf-8")
    assert _run(["--params", str(bad), "--list"]) == 2
    assert "fetch" in capsys.readouterr().err
