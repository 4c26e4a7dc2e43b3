"""The demo world's planted answers, recovered by the report like any claim.

The simulated world (xstilts/demo_world/) is built with a known transfer structure; its checks
are listed next to the generator in `demo_world/planted.yaml`, in the claims format (a named
computation of analysis/computations.py, a comparison, a tolerance). On the demo profile the
report computes each from the scores and the similarity analysis and writes
`results/planted.json`: `[{"check", "expected", "observed", "recovered", ...}]`. A miswired
stage (wrong checkpoint, shuffled labels, swapped gold) breaks at least one of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

from xstilts.analysis.claims import Claim, ClaimsFile, parse_claims_file
from xstilts.analysis.computations import Context
from xstilts.analysis.grid import ResultsGrid
from xstilts.analysis.verdict import ClaimResult, check_claims

PLANTED_FILE = "planted.yaml"  # in xstilts/demo_world/, beside the generators it describes
MEASURE = "vocab_overlap"  # the similarity measure the planted correlation is read on


def load_planted() -> ClaimsFile:
    # Imported, not named by a string: the report's code dependencies (codegraph) follow it.
    from xstilts import demo_world

    text = resources.files(demo_world).joinpath(PLANTED_FILE).read_text("utf-8")
    return parse_claims_file(yaml.safe_load(text), f"xstilts/demo_world/{PLANTED_FILE}")


def check_planted(grid: ResultsGrid, config: Mapping[str, Any],
                  spearman: Mapping[str, float]) -> list[dict[str, Any]]:
    """Every planted check on the grid, as the rows of results/planted.json; `spearman`:
    measure -> similarity-gain correlation of the report's similarity analysis."""
    planted = load_planted()
    splits = grid.splits()
    ctx = Context({s: grid.cells(s) for s in splits}, {s: grid.metric_cells(s) for s in splits},
                  config, languages={s: grid.language_cells(s) for s in splits},
                  similarity=dict(spearman))
    results = check_claims(planted.claims, ctx, (), planted.aliases)
    return [_row(claim, result) for claim, result in zip(planted.claims, results, strict=True)]


def _row(claim: Claim, r: ClaimResult) -> dict[str, Any]:
    observed = round(r.reproduced, 3) if isinstance(r.reproduced, float) else r.reproduced
    return {"check": r.id, "description": r.claim, "expected": expected(claim),
            "observed": observed, "recovered": r.verdict == "reproduced",
            "compute": r.compute, "split": r.split, "why": r.reason}


def expected(claim: Claim) -> str:
    """The expectation in words a reader checks at a glance: `>= 2`, `<= 1`, `== squad_v1`."""
    c, tol = claim.claimed, claim.tolerance
    if claim.compare == "at_least":
        return f">= {float(c) - tol:g}"
    if claim.compare == "at_most":
        return f"<= {float(c) + tol:g}"
    if claim.compare == "approx":
        return f"{c} ± {tol:g}"
    return f"== {c}"
