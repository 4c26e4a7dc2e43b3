"""`xstilts report`: the claims report, tables, plots and domain similarity (stage `report`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xstilts.config import Params


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scores", type=Path, default=Path("scores"),
                        help="results grid: <inter>/<split>.json or <inter>/seed-<n>/<split>.json")
    parser.add_argument("--out", type=Path, default=Path("results"), help="output folder")
    parser.add_argument("--config", type=Path, default=None,
                        help="resolved config (YAML or JSON) the runs used; checked by claim C7")
    parser.add_argument("--profile", default=None,
                        help="demo or paper (default: the config's `profile`, else unknown); "
                             "a demo report says its numbers are not the paper's")
    parser.add_argument("--claims", type=Path, default=None,
                        help="claims file (default: the package's claims.yaml)")
    parser.add_argument("--texts", type=Path, default=None,
                        help="domain texts <task>/<lang>.txt; without it no similarity analysis")
    parser.add_argument("--embedder", default=None,
                        help="sentence embedder: 'hashed-bow' or 'package.module:function'; "
                             "without it only the vocabulary measure is computed")
    parser.add_argument("--embedder-arg", default=None,
                        help="when given, --embedder names a factory called with this argument")
    parser.add_argument("--split", default=None,
                        help="split for gains, plots and similarity (default: report.split, dev)")
    parser.add_argument("--fixed-choice", default="mnli",
                        help="task of the always-pick-one selection baseline")
    parser.add_argument("--top-k", type=int, default=10_000, help="word types for vocab overlap")
    parser.add_argument("--stopwords", type=Path, default=None,
                        help="file with one stopword per line, removed before vocab overlap")
    parser.add_argument("--max-texts", type=int, default=500, help="texts per task and language")
    parser.add_argument("--bootstrap", type=int, default=None,
                        help="bootstrap resamples (default: report.bootstrap of the config, 1000)")
    parser.add_argument("--permutations", type=int, default=None,
                        help="Monte-Carlo permutations above 8 pairs (default: report.permutations, "
                             "1000)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of subsampling and resampling (default: base.seed, 0)")
    parser.add_argument("--raw", type=Path, default=None,
                        help="raw data root (data/raw): adds the data provenance table")


def _read_config(path: Path | None) -> dict[str, Any]:
    """The --config mapping; YAML is read like every params file (a key written twice, an empty
    file: ConfigError, a ValueError, so exit 2)."""
    from xstilts.config import read_params_file

    if path is None:
        return {}
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
    else:
        data = read_params_file(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _pipeline_params(config: Path | None) -> Params | None:
    """The typed params when --config is the params file of a pipeline root, else None."""
    from xstilts.config import ConfigError, load_params

    if config is None or config.suffix == ".json":
        return None
    try:
        return load_params(config)
    except ConfigError:
        return None


def _not_run_cells(params: Params | None, root: Path) -> dict[tuple[str, str], str]:
    """Cells of the pipeline whose stage failed or was blocked (failure records in `root`)."""
    if params is None:
        return {}
    from xstilts.tools.pipeline import not_run_cells

    return not_run_cells(params, root)


def _provenance(params: Params | None, raw: Path | None) -> list[dict[str, Any]]:
    """Rows of the data provenance table, for the sources the params' pipeline reads."""
    if params is None or raw is None:
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


def run(args: argparse.Namespace) -> int:
    # Imported here so that `xstilts --help` does not pay for scipy and matplotlib.
    from xstilts.analysis.claims import ClaimsFileError, load_claims
    from xstilts.analysis.embedders import load_embedder
    from xstilts.analysis.grid import GridError, load_grid
    from xstilts.analysis.report import ReportSettings, write_report
    from xstilts.analysis.texts import load_texts

    try:
        config = _read_config(args.config)
        grid = load_grid(args.scores)
        claims = load_claims(args.claims)
        texts = load_texts(args.texts) if args.texts is not None else None
        embed = load_embedder(args.embedder, args.embedder_arg) if args.embedder else None
        stopwords = frozenset()
        if args.stopwords is not None:
            stopwords = frozenset(w.strip().lower() for w in
                                  args.stopwords.read_text(encoding="utf-8").splitlines() if w.strip())
    except (GridError, ClaimsFileError, ValueError, OSError, ImportError, AttributeError) as err:
        print(f"xstilts report: {err}", file=sys.stderr)
        return 2
    # Flags win; otherwise the `report` and `base` sections of params.yaml (config.py) decide.
    section = config.get("report") or {}
    pipeline = _pipeline_params(args.config)
    profile = args.profile or str(config.get("profile", "unknown"))
    settings = ReportSettings(
        profile=profile,
        analysis_split=args.split or section.get("split", "dev"),
        fixed_choice=args.fixed_choice,
        top_k=args.top_k,
        stopwords=stopwords,
        max_texts=args.max_texts,
        n_bootstrap=args.bootstrap or section.get("bootstrap", 1000),
        n_permutations=args.permutations or section.get("permutations", 1000),
        seed=args.seed if args.seed is not None else (config.get("base") or {}).get("seed", 0),
        embedder_name=args.embedder or "none (vocabulary measure only)",
        not_run=_not_run_cells(pipeline, args.config.parent if args.config else Path(".")),
        provenance=_provenance(pipeline, args.raw),
        environment=_environment(args.config.parent if args.config else Path(".")),
    )
    data = write_report(grid, claims, config, settings, args.out, texts, embed)
    verdicts = {v: sum(r.verdict == v for r in data.claims)
                for v in ("reproduced", "not reproduced", "not run")}
    print(f"wrote {args.out}/report.md ({profile} profile): "
          + ", ".join(f"{n} {v}" for v, n in verdicts.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    """The report without its MLflow run (`python -m xstilts.stages.report`, tests)."""
    parser = argparse.ArgumentParser(prog="xstilts report", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
