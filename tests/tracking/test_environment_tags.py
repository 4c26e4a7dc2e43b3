"""Tags that say which code, stack and image produced a run."""

import hashlib
from importlib import metadata

from xstilts.tracking.environment import environment_tags, git_state
from xstilts.tracking.params import params_hash


def test_git_commit_is_tagged_and_a_clean_tree_is_not_dirty(pipeline_root, git):
    head = git(pipeline_root, "rev-parse", "HEAD").strip()
    tags = environment_tags(pipeline_root)
    assert tags["git.commit"] == head
    assert tags["mlflow.source.git.commit"] == head
    assert tags["git.dirty"] == "false"


def test_a_modified_tracked_file_makes_the_tree_dirty(pipeline_root):
    (pipeline_root / "params.yaml").write_text("seed: 2\n")
    assert environment_tags(pipeline_root)["git.dirty"] == "true"


def test_untracked_files_do_not_make_the_tree_dirty(pipeline_root):
    # DVC outputs and mlflow.db are untracked; counting them would make every run dirty.
    (pipeline_root / "mlflow.db").write_text("")
    assert git_state(pipeline_root).dirty is False


def test_outside_a_git_repository_the_commit_is_unknown(tmp_path):
    tags = environment_tags(tmp_path)
    assert tags["git.commit"] == "unknown"
    assert tags["git.dirty"] == "unknown"
    assert "mlflow.source.git.commit" not in tags


def test_package_versions_are_tagged(tmp_path):
    tags = environment_tags(tmp_path)
    assert tags["version.mlflow"] == metadata.version("mlflow")
    for package in ("torch", "transformers", "datasets", "dvc"):
        assert f"version.{package}" in tags


def test_params_hash_and_dvc_stage_are_tagged_when_given(tmp_path):
    tags = environment_tags(tmp_path, {"lr": 1}, "intermediate@xnli")
    assert tags["xstilts.params_hash"] == params_hash({"lr": 1})
    assert tags["dvc.stage"] == "intermediate@xnli"


def test_outside_the_image_the_image_tags_say_so(tmp_path, monkeypatch):
    monkeypatch.delenv("XSTILTS_IMAGE_LOCK", raising=False)
    monkeypatch.setenv("XSTILTS_IMAGE_DIGEST", "sha256:" + "ab" * 32)  # a stray value
    tags = environment_tags(tmp_path)
    assert tags["docker.image_digest"] == "none (not run in the xstilts image)"
    assert tags["docker.lock_sha256"] == "none (not run in the xstilts image)"


def test_in_the_image_the_digest_passed_in_and_the_installed_locks_hash_are_tagged(
        tmp_path, monkeypatch):
    lock = tmp_path / "requirements.lock"
    lock.write_text("torch==2.13.0\n")
    monkeypatch.setenv("XSTILTS_IMAGE_LOCK", str(lock))
    monkeypatch.setenv("XSTILTS_IMAGE_DIGEST", "sha256:" + "ab" * 32)
    tags = environment_tags(tmp_path)
    assert tags["docker.image_digest"] == "sha256:" + "ab" * 32
    assert tags["docker.lock_sha256"] == hashlib.sha256(b"torch==2.13.0\n").hexdigest()


def test_in_the_image_a_digest_not_passed_in_is_tagged_unknown(tmp_path, monkeypatch):
    lock = tmp_path / "requirements.lock"
    lock.write_text("torch==2.13.0\n")
    monkeypatch.setenv("XSTILTS_IMAGE_LOCK", str(lock))
    monkeypatch.delenv("XSTILTS_IMAGE_DIGEST", raising=False)
    assert environment_tags(tmp_path)["docker.image_digest"].startswith("unknown")


def test_the_cpu_numerics_in_force_are_tagged(tmp_path, monkeypatch):
    monkeypatch.setenv("XSTILTS_CPU_NUMERICS", "native")
    monkeypatch.delenv("ATEN_CPU_CAPABILITY", raising=False)
    tags = environment_tags(tmp_path)
    assert tags["cpu_numerics.mode"] == "native"
    assert tags["cpu_numerics.portable"] == "false"
    assert tags["cpu_numerics.ATEN_CPU_CAPABILITY"] == ""
