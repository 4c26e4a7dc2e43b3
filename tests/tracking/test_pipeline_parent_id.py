"""The pipeline run id: how stage processes started by DVC find their common parent run."""

import hashlib

from xstilts.tracking.pipeline import pipeline_run_id


def test_pipeline_run_id_env_var_names_the_parent(tmp_path, monkeypatch):
    monkeypatch.setenv("XSTILTS_PIPELINE_RUN_ID", "demo-20250101T120000Z")
    assert pipeline_run_id(tmp_path) == "demo-20250101T120000Z"


def test_pipeline_run_id_is_made_safe_for_mlflow_search_filters(tmp_path, monkeypatch):
    monkeypatch.setenv("XSTILTS_PIPELINE_RUN_ID", "it's a run")
    assert pipeline_run_id(tmp_path) == "it_s_a_run"


def test_default_pipeline_run_id_is_commit_and_params_file_hash(pipeline_root, git):
    commit = git(pipeline_root, "rev-parse", "HEAD").strip()
    digest = hashlib.sha256((pipeline_root / "params.yaml").read_bytes()).hexdigest()
    assert pipeline_run_id(pipeline_root) == f"{commit[:12]}-{digest[:12]}"


def test_the_params_file_the_stage_was_given_names_the_pipeline_run(pipeline_root, git):
    """`--params other.yaml`: its own parent run, not the one of params.yaml."""
    commit = git(pipeline_root, "rev-parse", "HEAD").strip()
    other = pipeline_root / "other.yaml"
    other.write_text("profile: demo\nbase:\n  seed: 7\n")
    digest = hashlib.sha256(other.read_bytes()).hexdigest()
    assert pipeline_run_id(pipeline_root, other) == f"{commit[:12]}-{digest[:12]}"
    assert pipeline_run_id(pipeline_root, other) != pipeline_run_id(pipeline_root)


def test_stage_outputs_committed_mid_pipeline_keep_the_pipeline_run_id(pipeline_root, git):
    # scores/ and results/ are tracked: a stage rewriting them makes the tree dirty, and the
    # stages after it must still find the same parent.
    (pipeline_root / "scores.json").write_text("{}")
    git(pipeline_root, "add", "scores.json")
    git(pipeline_root, "commit", "-q", "-m", "scores")
    before = pipeline_run_id(pipeline_root)
    (pipeline_root / "scores.json").write_text('{"xnli": 70.0}')
    assert pipeline_run_id(pipeline_root) == before
