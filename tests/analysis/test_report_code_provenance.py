"""The report names the code and the image that wrote it, as the MLflow tags do."""

import hashlib
import json

from xstilts.analysis.names import TARGETS
from xstilts.stages.report import main


def _report(tmp_path, write_scores) -> str:
    for split in ("dev", "test"):
        write_scores("none", split, {t: 50.0 for t in TARGETS})
    config = tmp_path / "params.yaml"
    config.write_text(json.dumps({"profile": "demo", "report": {"bootstrap": 10,
                                                                "permutations": 10}}))
    out = tmp_path / "results"
    assert main(["--scores", str(tmp_path / "scores"), "--out", str(out),
                 "--params", str(config)]) == 0
    return (out / "report.md").read_text()


def test_the_report_in_the_image_names_the_image_digest_and_the_lock_hash(
        tmp_path, write_scores, monkeypatch):
    lock = tmp_path / "requirements.lock"
    lock.write_text("torch==2.13.0\n")
    monkeypatch.setenv("XSTILTS_IMAGE_LOCK", str(lock))
    monkeypatch.setenv("XSTILTS_IMAGE_DIGEST", "sha256:" + "cd" * 32)
    report = _report(tmp_path, write_scores)
    assert "## Code and image provenance" in report
    assert "| image digest | sha256:" + "cd" * 32 + " |" in report
    locked = hashlib.sha256(lock.read_bytes()).hexdigest()
    assert f"| image lock sha256 | {locked} |" in report
    assert "| git commit | unknown" in report  # tmp_path is no repository


def test_the_report_outside_the_image_says_it_ran_outside(tmp_path, write_scores, monkeypatch):
    monkeypatch.delenv("XSTILTS_IMAGE_LOCK", raising=False)
    report = _report(tmp_path, write_scores)
    assert "| image digest | none (not run in the xstilts image) |" in report
    assert "| image lock sha256 | none (not run in the xstilts image) |" in report
