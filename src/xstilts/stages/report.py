"""`xstilts report`: the claims report, tables, plots and domain similarity (stage `report`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xstilts.config import Params


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Paths only: every knob is in the `report` (and `base`, `profile`) sections of --params.
    parser.add_argument("--params", "--config", dest="params", type=Path, default=None,
                        help="the pipeline's params file (report section; claim C7 checks it); "
                             "without it the defaults, and the profile is unknown")
    parser.add_argument("--scores", type=Path, default=Path("scores"),
                        help="results grid: <inter>/<split>.json or <inter>/seed-<n>/<split>.json")
    parser.add_argument("--out", type=Path, default=Path("results"), help="output folder")
    parser.add_argument("--claims", type=Path, default=None,
                        help="claims file (default: the package's claims.yaml)")
    parser.add_argument("--texts", type=Path, default=None,
                        help="domain texts <task>/<lang>.txt; without it no similarity analysis")
    parser.add_argument("--stopwords", type=Path, default=None,
                        help="file with one stopword per line, removed before vocab overlap")
    parser.add_argument("--raw", type=Path, default=None,
                        help="raw data root (data/raw): adds the data provenance table")


def check_args(args: argparse.Namespace, params: Params | None) -> list[str]:
    """Invalid report settings exit 2 before anything is read."""
    from xstilts.config import known_tasks

    if params is not None and params.report.fixed_choice not in known_tasks("intermediate"):
        return [f"report.fixed_choice: {params.report.fixed_choice!r} is not an intermediate task"]
    return []


def _not_run_cells(params: Params, root: Path) -> dict[tuple[str, str], str]:
    """Cells of the pipeline whose stage failed or was blocked (failure records in `root`)."""
    from xstilts.tools.pipeline import not_run_cells

    return not_run_cells(params, root)


def _provenance(params: Params, raw: Path | None) -> list[dict[str, Any]]:
    """Rows of the data provenance table, for the sources the params' pipeline reads."""
    if raw is None:
        return []
    from xstilts.analysis.provenance import provenance_rows
    from xstilts.config import tasks_to_prepare
    from xstilts.data.fetch import sources_for_tasks

    return provenance_rows(sources_for_tasks(tasks_to_prepare(params)), raw)


def _environment(root: Path) -> dict[str, str]:
    """Rows of the code and image provenance table: the same values as the MLflow tags."""
    from xstilts.tracking.environment import git_state, image_provenance

    git = git_state(root)
    dirty = {True: " (uncommitted changes)", False: "", None: " (dirty: unknown)"}[git.dirty]
    image = image_provenance()
    return {"git commit": git.commit + dirty,
            "image digest": image["docker.image_digest"],
            "image lock sha256": image["docker.lock_sha256"]}


def run(args: argparse.Namespace, given: Params | None) -> int:
    """The report from the results grid; without a params file, the default settings and an
    unknown profile."""
    # Imported here so that `xstilts --help` does not pay for scipy and matplotlib.
    from xstilts.analysis.claims import ClaimsFileError, load_claims
    from xstilts.analysis.embedders import describe, embedder_for
    from xstilts.analysis.grid import GridError, load_grid
    from xstilts.analysis.report import ReportSettings, write_report
    from xstilts.analysis.texts import load_texts
    from xstilts.config import Params
    from xstilts.layout import PRETRAINED

    root = args.params.parent if args.params else Path(".")
    params, profile = (given, given.profile) if given is not None else (Params(), "unknown")
    try:
        section = params.report
        grid = load_grid(args.scores)
        claims = load_claims(args.claims)
        texts = load_texts(args.texts) if args.texts is not None else None
        embed = embedder_for(section.embedder, root / PRETRAINED) if texts is not None else None
        stopwords = frozenset()
        if args.stopwords is not None:
            stopwords = frozenset(w.strip().lower() for w in
                                  args.stopwords.read_text(encoding="utf-8").splitlines() if w.strip())
    except (GridError, ClaimsFileError, ValueError, OSError) as err:
        print(f"xstilts report: {err}", file=sys.stderr)
        return 2
    settings = ReportSettings(
        profile=profile,
        analysis_split=section.split,
        fixed_choice=section.fixed_choice,
        top_k=section.top_k,
        stopwords=stopwords,
        max_texts=section.max_texts,
        n_bootstrap=section.bootstrap,
        n_permutations=section.permutations,
        seed=params.base.seed,
        embedder_name=describe(section.embedder if embed is not None else "none", root / PRETRAINED),
        not_run=_not_run_cells(params, root),
        provenance=_provenance(params, args.raw),
        environment=_environment(root),
    )
    config = params.model_dump(mode="json")
    data = write_report(grid, claims, config, settings, args.out, texts, embed)
    verdicts = {v: sum(r.verdict == v for r in data.claims)
                for v in ("reproduced", "not reproduced", "not run")}
    print(f"wrote {args.out}/report.md ({profile} profile): "
          + ", ".join(f"{n} {v}" for v, n in verdicts.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    """The report without its MLflow run (`python -m xstilts.stages.report`, tests)."""
    from xstilts.cli import run_untracked

    return run_untracked(["report", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
