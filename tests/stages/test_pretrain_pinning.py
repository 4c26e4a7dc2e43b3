"""The pretrained model is pinned: `base.revision` is a hub commit (or the marked placeholder
`main`), resolved to a commit before anything is downloaded; model and tokenizer come from that
one commit, safetensors only; the commit is written to models/pretrained and to MLflow.

Never the network: the hub API and the download are replaced by a fake hub serving the tiny
local XLM-R (simulated, not xlm-roberta-large) as the snapshot of one commit.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from xstilts.cli import main
from xstilts.config import ConfigError, Params, load_params, parse_params
from xstilts.layout import PRETRAINED
from xstilts.stages import pretrain, tracked

ROOT = Path(__file__).resolve().parents[2]
COMMIT = "0123456789abcdef0123456789abcdef01234567"
MODEL = "xlm-roberta-large"


class FakeHub:
    """`HfApi().model_info` and `snapshot_download` over one commit; records every call."""

    def __init__(self, snapshot: Path, commit: str = COMMIT,
                 extra_files: tuple[str, ...] = ("pytorch_model.bin", "onnx/model.onnx")) -> None:
        self.snapshot, self.commit = snapshot, commit
        self.files = sorted({p.name for p in snapshot.iterdir()} | set(extra_files))
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> FakeHub:
        import huggingface_hub
        from transformers import AutoModelForMaskedLM, AutoTokenizer

        hub = self

        class Api:
            def model_info(self, repo_id: str, *, revision: str | None = None,
                           **_: Any) -> SimpleNamespace:
                hub.calls.append(("model_info", {"repo_id": repo_id, "revision": revision}))
                siblings = [SimpleNamespace(rfilename=name) for name in hub.files]
                return SimpleNamespace(id=repo_id, sha=hub.commit, siblings=siblings)

        def snapshot_download(repo_id: str, *, revision: str | None = None,
                              allow_patterns: list[str] | None = None, **_: Any) -> str:
            hub.calls.append(("download", {"repo_id": repo_id, "revision": revision,
                                           "allow_patterns": allow_patterns}))
            assert revision == hub.commit, "the fake hub serves its commit only"
            return str(hub.snapshot)

        def recording(kind: str, original: Any) -> Any:
            def load(source: Any, *args: Any, **kwargs: Any) -> Any:
                hub.calls.append((kind, {"source": str(source), **kwargs}))
                return original(source, *args, **kwargs)
            return load

        monkeypatch.setattr(huggingface_hub, "HfApi", Api)
        monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
        monkeypatch.setattr(AutoModelForMaskedLM, "from_pretrained",
                            recording("model", AutoModelForMaskedLM.from_pretrained))
        monkeypatch.setattr(AutoTokenizer, "from_pretrained",
                            recording("tokenizer", AutoTokenizer.from_pretrained))
        return self

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.calls]

    def first(self, kind: str) -> dict[str, Any]:
        return next(args for k, args in self.calls if k == kind)


class RecordingRun:
    def __init__(self) -> None:
        self.tags: dict[str, str] = {}
        self.artifacts: list[Path] = []

    def set_tags(self, tags: dict[str, str]) -> None:
        self.tags.update(tags)

    def log_artifact(self, path: Path) -> None:
        self.artifacts.append(path)


def _paper(revision: str) -> dict[str, Any]:
    """The paper profile's `base` section with `revision`; other sections at their defaults
    (the paper path: pretrain.enabled is false)."""
    base = yaml.safe_load((ROOT / "params.yaml").read_text())["base"]
    return {"base": {**base, "revision": revision}}


def _params(revision: str = COMMIT) -> Params:
    return parse_params(_paper(revision))


@pytest.fixture
def snapshot(tiny_model_dir: Path, tmp_path: Path) -> Path:
    """The tiny model as the hub snapshot of COMMIT (a copy: the stage must not write to it)."""
    return Path(shutil.copytree(tiny_model_dir, tmp_path / "hub-snapshot"))


def test_revision_resolved_to_commit_before_download(
    snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = FakeHub(snapshot).install(monkeypatch)
    result = pretrain.snapshot_hub_model(_params("main"), tmp_path)
    assert hub.kinds()[0] == "model_info"
    assert hub.first("model_info") == {"repo_id": MODEL, "revision": "main"}
    assert hub.first("download")["revision"] == COMMIT  # the commit, never the branch
    assert result.commit == COMMIT and result.requested == "main" and not result.pinned


def test_model_and_tokenizer_from_same_commit(
    snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = FakeHub(snapshot).install(monkeypatch)
    pretrain.snapshot_hub_model(_params(), tmp_path)
    downloads = [args for kind, args in hub.calls if kind == "download"]
    assert len(downloads) == 1 and downloads[0]["revision"] == COMMIT
    # Both read the one local snapshot of COMMIT, not the hub by name.
    assert hub.first("model")["source"] == hub.first("tokenizer")["source"] == str(snapshot)
    assert hub.first("model")["use_safetensors"] is True
    # Only the safetensors weights and the tokenizer/config files are fetched.
    allowed = downloads[0]["allow_patterns"]
    assert "model.safetensors" in allowed and "config.json" in allowed
    assert "pytorch_model.bin" not in allowed and "onnx/model.onnx" not in allowed


def test_revision_without_safetensors_refused(
    snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (snapshot / "model.safetensors").unlink()
    hub = FakeHub(snapshot, extra_files=("pytorch_model.bin",)).install(monkeypatch)
    with pytest.raises(pretrain.UnsafeWeightsError) as info:
        pretrain.snapshot_hub_model(_params(), tmp_path)
    message = str(info.value)
    assert "has no model.safetensors" in message and "pytorch_model.bin" in message
    assert COMMIT in message and "base.revision" in message
    assert "download" not in hub.kinds()  # refused before anything is fetched
    assert not (tmp_path / PRETRAINED).exists()
    # Through the stage command: exit 2 with the same one line.
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(_paper(COMMIT)))
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert pretrain.run(argparse.Namespace(params=path), load_params(path)) == 2
    assert capsys.readouterr().err == f"pretrain: {message}\n"


def test_commit_recorded_in_outputs(
    snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    FakeHub(snapshot).install(monkeypatch)
    run = RecordingRun()
    monkeypatch.setattr(tracked, "current_tracker", lambda: tracked.Tracker(run))
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(_paper(COMMIT)))
    monkeypatch.chdir(tmp_path)
    assert pretrain.run(argparse.Namespace(params=path), load_params(path)) == 0
    source = json.loads((tmp_path / PRETRAINED / pretrain.SOURCE_FILE).read_text())
    assert source["model"] == MODEL
    assert source["requested_revision"] == source["resolved_commit"] == COMMIT
    assert source["pinned"] is True
    assert (tmp_path / PRETRAINED / "model.safetensors").is_file()
    assert run.tags["pretrained_commit"] == COMMIT
    assert PRETRAINED / pretrain.SOURCE_FILE in run.artifacts
    assert "WARNING" not in capsys.readouterr().err  # pinned: nothing to warn about


def test_unpinned_run_warns_with_the_resolved_commit(
    snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    FakeHub(snapshot).install(monkeypatch)
    pretrain.snapshot_hub_model(_params("main"), tmp_path, params_file="params.yaml")
    err = capsys.readouterr().err  # transformers' progress bars follow on stderr
    (warning,) = [line for line in err.splitlines() if line.startswith("pretrain:")]
    assert "unpinned" in warning and f"`base.revision: {COMMIT}`" in warning
    source = json.loads((tmp_path / PRETRAINED / pretrain.SOURCE_FILE).read_text())
    assert source["requested_revision"] == "main" and source["resolved_commit"] == COMMIT
    assert source["pinned"] is False


@pytest.mark.parametrize("revision", [COMMIT, "main"], ids=["commit", "placeholder"])
def test_params_revision_must_be_commit_or_placeholder(revision: str) -> None:
    assert _params(revision).base.revision == revision


@pytest.mark.parametrize("revision", [
    "v1.0",                 # a tag can move
    "refs/pr/1",            # a branch can move
    "0123456",              # a short hash is ambiguous
    COMMIT.upper(),         # commits are lowercase hex
    COMMIT + "0",           # 41 characters
    "unpinned",             # the placeholder is spelled `main`
], ids=["tag", "ref", "short", "upper", "long", "other-word"])
def test_params_revision_other_than_commit_or_placeholder_is_refused(
    revision: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ConfigError) as info:
        parse_params(_paper(revision))
    (line,) = info.value.problems
    assert line.startswith(f"base.revision: got {revision!r}; allowed: a 40-hex lowercase commit")
    assert "placeholder 'main'" in line
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(_paper(revision)))
    assert main(["validate", str(path)]) == 2
    (printed,) = capsys.readouterr().err.strip().splitlines()
    assert printed == f"{path}: {line}"


def test_demo_profile_builds_its_model_so_its_revision_is_unused() -> None:
    demo = yaml.safe_load((ROOT / "demo" / "params.yaml").read_text())
    assert demo["pretrain"]["enabled"] is True  # tiny model built locally, no hub download
    params = parse_params({"base": demo["base"], "pretrain": demo["pretrain"]})
    assert params.base.revision == "main"


def test_unreachable_hub_names_the_keys_to_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub
    from huggingface_hub.errors import OfflineModeIsEnabled

    class Offline:
        def model_info(self, repo_id: str, **_: Any) -> None:
            raise OfflineModeIsEnabled("offline mode is enabled")

    monkeypatch.setattr(huggingface_hub, "HfApi", Offline)
    with pytest.raises(OSError, match="could not resolve base.revision 'main' of base.model"):
        pretrain.resolve_hub_revision(MODEL, "main")
