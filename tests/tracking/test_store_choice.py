"""Which store runs go to, and how long a call to a server may wait."""

import os

from xstilts.tracking.store import HTTP_BOUNDS, bound_http_waits, is_remote, tracking_uri


def test_default_tracking_uri_is_an_sqlite_file_in_the_pipeline_root(tmp_path):
    assert tracking_uri(tmp_path) == f"sqlite:///{tmp_path.resolve()}/mlflow.db"


def test_mlflow_tracking_uri_points_runs_at_a_server(tmp_path, monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://tracking.example:5000")
    assert tracking_uri(tmp_path) == "http://tracking.example:5000"
    assert is_remote(tracking_uri(tmp_path))
    assert not is_remote(f"sqlite:///{tmp_path}/mlflow.db")


def test_http_waits_are_bounded_unless_the_user_chose_values(monkeypatch):
    for name in HTTP_BOUNDS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "42")
    bound_http_waits()
    assert (
        os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"]
        == HTTP_BOUNDS["MLFLOW_HTTP_REQUEST_MAX_RETRIES"]
    )
    assert os.environ["MLFLOW_HTTP_REQUEST_TIMEOUT"] == "42"


def test_artifacts_of_a_local_sqlite_store_go_beside_its_file(tmp_path):
    from xstilts.tracking.store import local_artifact_location

    # the image's store on the /mlflow volume keeps its artifacts there, not in the tree
    assert local_artifact_location(tmp_path / "tree", "sqlite:////mlflow/mlflow.db") \
        == "file:///mlflow/mlruns"
    assert local_artifact_location(tmp_path, None) == (tmp_path / "mlruns").as_uri()
