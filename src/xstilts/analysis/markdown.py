"""report.md: the report's numbers as Markdown, for a reader who knows the paper."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xstilts.analysis.names import TARGETS, inter_kind
from xstilts.analysis.protocol import protocol_lines
from xstilts.analysis.selection import summarize_selection
from xstilts.analysis.tables import Summary, gain_std, selection_sets
from xstilts.tasks.spec import SELECTION

if TYPE_CHECKING:
    from xstilts.analysis.report import ReportData

DEMO_WARNING = (
    "> **Demo profile.** These numbers come from synthetic data and a tiny XLM-R-shaped model "
    "trained for minutes on a CPU. They show that the pipeline runs end to end; they are **not** "
    "the paper's numbers and must not be read as reproducing or refuting any claim of the paper. "
    "Verdicts below compare them with the paper's values only to exercise the check."
)


def _num(v: Any, digits: int = 2) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    if isinstance(v, list):
        return ", ".join(map(str, v))
    return str(v)


def _cell(s: Summary | None) -> str:
    if s is None:
        return "–"
    return f"{s.mean:.2f} ± {s.std:.2f}" if s.std is not None else f"{s.mean:.2f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines + [""]


def _order(inters: Sequence[str]) -> list[str]:
    rank = {"baseline": 0, "single": 1, "multitask": 2, "ablation": 3}
    return sorted(inters, key=lambda i: (rank[inter_kind(i)], i))


def _profile(data: ReportData) -> list[str]:
    profile = data.settings.profile
    if profile == "demo":
        return [DEMO_WARNING, ""]
    if profile == "paper":
        return ["Profile: **paper** (XLM-R Large, the real datasets).", ""]
    return [f"Profile: **{profile}**. Say which one with `--profile`; numbers of an unknown "
            "profile should not be compared with the paper's.", ""]


def _claims(data: ReportData) -> list[str]:
    counts = Counter(r.verdict for r in data.claims)
    lines = ["## Claims", "",
             f"{counts['reproduced']} reproduced, {counts['not reproduced']} not reproduced, "
             f"{counts['not run']} not run (of {len(data.claims)}). Status of the claimed number: "
             "verified = read in the paper's abstract; secondary = copied from another paper or "
             "README; unverified = seed report or memory. ≈ marks a difference within seed noise "
             "(at most two standard deviations of the statistic across seeds).", ""]
    rows = []
    for r in data.claims:
        noise = " ≈ seed noise" if r.within_seed_noise else ""
        std = f" (± {r.seed_std:.2f}, {r.n_seeds} seeds)" if r.seed_std is not None else ""
        rows.append([r.id, r.status, r.claim, _num(r.claimed), _num(r.reproduced) + std,
                     f"**{r.verdict}**{noise}", r.reason.replace("|", "\\|")])
    return lines + _table(["id", "status", "claim", "claimed", "reproduced", "verdict", "why"], rows)


def _scores(data: ReportData) -> list[str]:
    lines = ["## Scores", "",
             "Task scores on XTREME's 0–100 scale (QA = (F1 + EM)/2); `xtreme` = mean of the nine "
             "task scores, only for runs that have all nine. Mean ± standard deviation over seeds "
             "where a run has several.", ""]
    for split in data.splits:
        summ = data.summaries[split]
        cols = [t for t in (*TARGETS, "xtreme") if any(t in row for row in summ.values())
                or any((i, t) in data.settings.not_run for i in summ)]
        lines += [f"### {split}", ""]
        lines += _table(["intermediate", *cols],
                        [[i, *(_score_cell(data, summ[i].get(c), i, c) for c in cols)]
                         for i in _order(list(summ))])
    return lines


def _score_cell(data: ReportData, value: Summary | None, inter: str, target: str) -> str:
    return "not run" if value is None and (inter, target) in data.settings.not_run \
        else _cell(value)


def _planted(data: ReportData) -> list[str]:
    """Demo profile: the answers planted in the simulated world, and whether they came back."""
    if data.planted is None:
        return []
    ok = sum(row["recovered"] for row in data.planted)
    rows = [[row["check"], row["description"], row["expected"], _num(row["observed"]),
             "recovered" if row["recovered"] else "**NOT recovered**"] for row in data.planted]
    return ["## Planted checks (demo world)", "",
            f"{ok} of {len(data.planted)} recovered. The simulated world is built with a known "
            "transfer structure (`xstilts/demo_world/planted.yaml`); each check is computed from "
            "the scores and the similarity analysis like a claim (`planted.json`). A miswired "
            "stage (a wrong checkpoint, shuffled labels, swapped gold files) breaks some.", ""] \
        + _table(["check", "planted", "expected", "observed", "verdict"], rows)


def _environment(data: ReportData) -> list[str]:
    """The code and the image that wrote this report (the MLflow runs carry the same tags)."""
    rows = data.settings.environment
    if not rows:
        return []
    return ["## Code and image provenance", "",
            "The commit checked out, the Docker image (its id as passed in with "
            "`docker run -e XSTILTS_IMAGE_DIGEST=...`) and the sha256 of the lock it installed; "
            "outside the image they say so.", ""] + \
        _table(["what", "value"], [[name, value] for name, value in rows.items()])


def _provenance(data: ReportData) -> list[str]:
    """Where every data file came from and what it was checked against."""
    rows = data.settings.provenance
    if not rows:
        return []
    unpinned = sorted({r["source"] for r in rows if "not pinned" in r["public_digest"]})
    return ["## Data provenance", "",
            "Each file the pipeline read: the public sha256 the registry pins (and who recorded "
            "it), the digest `fetch` received and what it was checked against "
            "(`data/raw/<source>/.complete.json`). Without a public digest: "
            f"{', '.join(unpinned) or 'none'}.", ""] + \
        _table(["source", "file", "public digest", "received sha256", "checked against"],
               [[r["source"], r["file"], r["public_digest"], r["received"][:16],
                 r["checked_against"]] for r in rows])


def _not_run(data: ReportData) -> list[str]:
    """Grid cells whose stage failed or waited on a failed one (`dvc repro --keep-going`)."""
    if not data.settings.not_run:
        return []
    rows = [[inter, target, reason]
            for (inter, target), reason in sorted(data.settings.not_run.items())]
    return ["## Not run", "",
            "Cells of the grid that could not run, with the reason (`xstilts pipeline "
            "--summary` lists the stages). The score tables below mark them \"not run\".", ""] + \
        _table(["intermediate", "target", "reason"], rows)


def _gains(data: ReportData) -> list[str]:
    split = data.settings.analysis_split
    g, summ = data.gains.get(split, {}), data.summaries.get(split, {})
    if not g:
        return ["## Gains over no intermediate task", "", f"No `{split}` scores with a baseline.", ""]
    cols = [t for t in TARGETS if any(t in row for row in g.values())]

    def cell(i: str, t: str) -> str:
        if t not in g[i]:
            return "–"
        std = gain_std(summ, i, t)
        return f"{g[i][t]:+.2f}" + (f" ± {std:.2f}" if std is not None else "")

    rows = [[i, *(cell(i, t) for t in cols),
             f"{sum(g[i][t] for t in cols) / len(cols):+.2f}" if all(t in g[i] for t in cols) else "–"]
            for i in _order(list(g))]
    return ["## Gains over no intermediate task", "",
            f"score(intermediate, target) − score(none, target) on `{split}`, in points.", ""] + \
        _table(["intermediate", *cols, "mean"], rows)


def _best(data: ReportData) -> list[str]:
    lines = ["## Best intermediate model per target", "",
             "Chosen by gain on each target's model-selection set (`scores/<run>/"
             f"{SELECTION}.json`; never test data) among the one-task and "
             "multi-task models, then scored on each split. The `xtreme` row is the composite "
             "that uses each target's best model (the paper's +5.4 on test).", ""]
    sets = selection_sets()
    chosen = [[t, data.best.get(t, "–"), sets[t] or "nothing selected (no dev data): baseline"]
              for t in TARGETS]
    lines += _table(["target", "best", "chosen on (model-selection set)"], chosen) + [""]
    rows = [[r["split"], r["target"], r["best"], _num(r["best_score"]), _num(r["baseline_score"]),
             f"{r['gain']:+.2f}"] for r in data.best_rows]
    return lines + _table(["split", "target", "best", "score", "none", "gain"], rows)


def _similarity(data: ReportData) -> list[str]:
    lines = ["## Domain similarity and gain", ""]
    s = data.similarity
    if s is None:
        return lines + [f"Not run: {data.similarity_reason}.", ""]
    lines += [f"Similarity between each intermediate task's English text and each target's text "
              f"(embedder: `{data.settings.embedder_name}`; up to {data.settings.max_texts} texts "
              f"per side; top-{data.settings.top_k} word types), correlated with the gain on "
              f"`{data.settings.analysis_split}`. vocab_overlap and embedding_cosine grow with "
              "similarity, mmd and frechet shrink. CIs: 95% percentile bootstrap; p: two-sided "
              "permutation test (exact up to 8 pairs, else Monte-Carlo); seeded.", ""]
    rows = []
    for m in s.measures:
        for scope in ("english", "per_language"):
            c = s.correlations[m][scope]["overall"]
            rows.append([m, scope, str(c.n),
                         f"{_num(c.pearson)} [{_num(c.pearson_ci[0])}, {_num(c.pearson_ci[1])}]",
                         _num(c.pearson_p, 3),
                         f"{_num(c.spearman)} [{_num(c.spearman_ci[0])}, {_num(c.spearman_ci[1])}]",
                         _num(c.spearman_p, 3)])
    lines += _table(["measure", "texts", "pairs", "Pearson [CI]", "p", "Spearman [CI]", "p"], rows)
    targets = [t for t in TARGETS if any(t in s.correlations[m]["english"] for m in s.measures)]
    lines += ["Spearman per target (English texts, across intermediate tasks):", ""]
    lines += _table(["measure", *targets],
                    [[m, *(_num(s.correlations[m]["english"][t].spearman)
                           if t in s.correlations[m]["english"] else "–" for t in targets)]
                     for m in s.measures])
    lines += ["### Choosing the intermediate task by similarity", "",
              "Per target, the candidate most similar to the target is picked; mean over targets. "
              "Regret = points lost against the best intermediate task actually measured. "
              "`random` is the exact expectation over orderings.", ""]
    rows = []
    for method, per in s.selection.items():
        summary = summarize_selection(per)
        rows.append([method, _num(summary["spearman"]), _num(summary["top1_hit_rate"]),
                     _num(summary["regret"]), str(int(summary["targets"]))])
    return lines + _table(["method", "Spearman", "top-1 hit rate", "regret", "targets"], rows)


def _plots(data: ReportData, out: Path) -> list[str]:
    lines = ["## Plots", ""]
    if not data.plots:
        return lines + ["No plots (no gains on the analysis split).", ""]
    for path in data.plots:
        rel = path.relative_to(out).as_posix()
        lines += [f"![{path.stem}]({rel})", ""]
    if not any(p.stem == "ablations" for p in data.plots):
        lines += ["No ablation runs (`<inter>+mlm`, `<inter>+translated`) in the grid.", ""]
    return lines


def render_report(data: ReportData, out: Path) -> str:
    lines = ["# X-STILTs: reproduction report", ""] + _profile(data)
    lines += [f"Splits: {', '.join(data.splits)}. Claims file: `xstilts/analysis/claims.yaml` "
              "(every number of PAPER.md with its source). Tables in `tables/`, verdicts in "
              "`claims.json`, the similarity analysis in `similarity.json`.", ""]
    lines += _claims(data) + _not_run(data) + _scores(data) + _gains(data) + _best(data) + _similarity(data)
    lines += _planted(data) + protocol_lines() + _environment(data) + _provenance(data) \
        + _plots(data, out)
    if data.notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in data.notes] + [""]
    return "\n".join(lines)
