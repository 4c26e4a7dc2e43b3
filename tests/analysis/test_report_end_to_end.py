"""`xstilts report` on a small synthetic results grid: every output exists and is well formed."""

import csv
import json

from xstilts.analysis.claims import load_claims
from xstilts.analysis.names import TARGETS
from xstilts.analysis.texts import write_texts
from xstilts.stages.report import main

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SINGLES = ["mnli", "squad_v2", "hellaswag", "qqp"]
WORDS = "the a premise hypothesis question answer story ending review movie sentence tag".split()


def synthetic_scores(n: int, shift: float) -> dict[str, float]:
    """Run number n gains n * (1, 2, 3, 1, 2, 3, ...) over the baseline (run 0), plus a shift."""
    return {t: 50.0 + n * (1 + k % 3) - 2.0 * (k == 0) + shift for k, t in enumerate(TARGETS)}


def build_grid(write_scores):
    """Dev has two seeds for the baseline and one-task runs, test one run per model; the
    selection sets (every target but Tatoeba) one run per model."""
    for n, inter in enumerate(["none", *SINGLES, "multitask", "mnli+mlm", "mnli+translated"]):
        if inter == "none" or inter in SINGLES:
            for seed in (1, 2):
                write_scores(inter, "dev", synthetic_scores(n, 0.4 * seed * (n % 2)), seed=seed)
        else:
            write_scores(inter, "dev", synthetic_scores(n, 0.0))
        write_scores(inter, "test", synthetic_scores(n, 1.0))
        selection = synthetic_scores(n, 0.0)
        del selection["tatoeba"]
        write_scores(inter, "selection", selection, langs=("en",))


def build_texts(root):
    for n, task in enumerate([*SINGLES, *TARGETS]):
        for lang in ("en", "de"):
            lines = [" ".join(WORDS[(n + i * j) % len(WORDS)] for j in range(6)) + f" {task}"
                     for i in range(8)]
            write_texts(root, task, lang, lines)


def test_report_renders_every_table_plot_and_verdict_from_a_synthetic_grid(tmp_path, write_scores):
    build_grid(write_scores)
    build_texts(tmp_path / "texts")
    config = tmp_path / "params.yaml"
    config.write_text(json.dumps({"profile": "demo", "base": {"model": "models/pretrained"},
                                  "report": {"embedder": "hashed-bow", "bootstrap": 40,
                                             "permutations": 40, "top_k": 20}}))
    out = tmp_path / "results"

    code = main(["--scores", str(tmp_path / "scores"), "--out", str(out), "--params", str(config),
                 "--texts", str(tmp_path / "texts")])
    assert code == 0

    report = (out / "report.md").read_text()
    assert "Demo profile" in report and "not** the paper's numbers" in report

    for stem in ("scores-dev", "scores-test", "gains-dev", "gains-test", "best-per-target"):
        with (out / "tables" / f"{stem}.csv").open() as f:
            assert len(list(csv.DictReader(f))) > 0, stem
        assert json.loads((out / "tables" / f"{stem}.json").read_text()), stem

    expected_plots = {"gains-heatmap", "ablations",
                      *(f"languages-{t}" for t in TARGETS),
                      *(f"similarity-{m}" for m in ("vocab_overlap", "embedding_cosine", "mmd",
                                                    "frechet"))}
    plots = {p.stem: p for p in (out / "plots").glob("*.png")}
    assert set(plots) == expected_plots
    assert all(p.read_bytes()[:8] == PNG_MAGIC for p in plots.values())

    claims = json.loads((out / "claims.json").read_text())
    assert [c["id"] for c in claims] == [c.id for c in load_claims().claims]
    for c in claims:
        assert c["verdict"] in {"reproduced", "not reproduced", "not run"}, c["id"]
        assert {"claim", "claimed", "reproduced", "difference", "tolerance", "reason",
                "within_seed_noise"} <= set(c), c["id"]
    by_id = {c["id"]: c for c in claims}
    assert by_id["C7"]["verdict"] == "not reproduced"  # tiny model, not xlm-roberta-large
    assert by_id["C1-squad"]["verdict"] != "not run"  # squad_v2/ answers for "squad"
    assert by_id["C1-squad"]["within_seed_noise"] is not None  # two dev seeds

    similarity = json.loads((out / "similarity.json").read_text())
    assert similarity["status"] == "run" and similarity["profile"] == "demo"
    assert set(similarity["measures"]) == {"vocab_overlap", "embedding_cosine", "mmd", "frechet"}
    assert set(similarity["correlations"]["mmd"]) == {"english", "per_language"}
    assert {"always-mnli", "random", "frechet"} <= set(similarity["selection"])
