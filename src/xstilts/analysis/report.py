"""`xstilts report`: the results grid in, `results/` out.

    report.md          what was reproduced, tables, plots, the similarity analysis
    claims.json        one verdict per claim of claims.yaml
    similarity.json    similarity measures, their correlation with gains, selection scores
    tables/            scores-<split>, gains-<split>, best-per-target (CSV and JSON)
    plots/             gains heatmap, per-language bars, ablations, similarity scatters (PNG)

Everything numeric is computed by the pure functions of this package; this module only gathers
inputs, calls them in order and writes files.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean, stdev
from typing import Any

from xstilts.analysis import plots
from xstilts.analysis.claims import ClaimsFile
from xstilts.analysis.computations import Context
from xstilts.analysis.correlation import Correlation, correlate_by_target
from xstilts.analysis.grid import ResultsGrid, xtreme_score
from xstilts.analysis.markdown import render_report
from xstilts.analysis.names import BASELINE, TARGETS, ablation_of, inter_kind, single_intermediates
from xstilts.analysis.planted import check_planted
from xstilts.analysis.selection import SelectionScore, evaluate_selection, summarize_selection
from xstilts.analysis.similarity import (
    HIGHER_IS_SIMILAR,
    MEASURES,
    Embedder,
    PairSimilarity,
    Texts,
    domain_similarity,
    oriented,
)
from xstilts.analysis.tables import (
    Summary,
    best_per_target,
    candidates_for_best,
    composite_scores,
    gain_std,
    gains,
    summarize,
)
from xstilts.analysis.verdict import ClaimResult, check_claims
from xstilts.fileio import write_text_atomic
from xstilts.tasks.spec import SELECTION


@dataclass(frozen=True)
class ReportSettings:
    profile: str = "unknown"
    analysis_split: str = "dev"  # gains, plots and similarity are read here
    fixed_choice: str = "mnli"  # the always-pick-one baseline of task selection
    top_k: int = 10_000
    stopwords: frozenset[str] = frozenset()
    max_texts: int = 500
    n_bootstrap: int = 1000
    n_permutations: int = 1000
    seed: int = 0
    embedder_name: str = "none"
    # {(intermediate run, target task): why it did not run} (a failed or blocked stage)
    not_run: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # one row per data file read: public digest, digest received (analysis/provenance.py)
    provenance: Sequence[Mapping[str, Any]] = ()
    # the code and the image that wrote the report: git commit, image digest, lock sha256
    # (tracking/environment.py); empty when not given
    environment: Mapping[str, str] = field(default_factory=dict)


@dataclass
class SimilarityAnalysis:
    pairs: list[PairSimilarity]
    gains: dict[tuple[str, ...], float]  # (inter, target) and (inter, target, lang) -> gain
    correlations: dict[str, dict[str, dict[str, Correlation]]]  # measure -> english|per_language
    selection: dict[str, dict[str, SelectionScore]]
    measures: list[str]


@dataclass
class ReportData:
    settings: ReportSettings
    splits: list[str]
    summaries: dict[str, dict[str, dict[str, Summary]]]  # split -> inter -> target|xtreme
    gains: dict[str, dict[str, dict[str, float]]]  # split -> inter -> target -> gain
    best: dict[str, str]  # target -> best intermediate model (chosen on the selection split)
    best_rows: list[dict[str, Any]]
    claims: list[ClaimResult]
    similarity: SimilarityAnalysis | None
    similarity_reason: str
    notes: list[str] = field(default_factory=list)
    plots: list[Path] = field(default_factory=list)
    planted: list[dict[str, Any]] | None = None  # demo profile: the world's planted checks


def split_summaries(grid: ResultsGrid, split: str) -> dict[str, dict[str, Summary]]:
    """Per-cell mean ± std, plus an `xtreme` column from each complete run's nine-task mean."""
    out = summarize(grid.values(split))
    for inter in out:
        per_run = [xtreme_score(r.tasks) for r in grid.runs_of(inter, split)]
        runs = [x for x in per_run if x is not None]
        if runs:
            out[inter]["xtreme"] = Summary(fmean(runs), stdev(runs) if len(runs) > 1 else None,
                                           len(runs))
    return out


def claim_contexts(grid: ResultsGrid, config: Mapping[str, Any]
                   ) -> tuple[Context, list[Context]]:
    """The replicate-mean context, and one context per seed holding only splits run with it."""
    splits = grid.splits()
    ctx = Context({s: grid.cells(s) for s in splits}, {s: grid.metric_cells(s) for s in splits},
                  config)
    seeds = sorted({seed for s in splits for seed in grid.seeds(s)})
    per_seed = []
    for seed in seeds:
        have = [s for s in splits if seed in grid.seeds(s)]
        per_seed.append(Context({s: grid.cells(s, seed) for s in have},
                                {s: grid.metric_cells(s, seed) for s in have},
                                config))
    return ctx, per_seed


def best_rows(grid: ResultsGrid, best: Mapping[str, str]) -> list[dict[str, Any]]:
    """Per split: each target's best model vs the baseline, then the composite's XTREME score."""
    rows: list[dict[str, Any]] = []
    for split in grid.splits():
        cells = grid.cells(split)
        composite = composite_scores(best, cells)
        for target in TARGETS:
            if target in composite and target in cells.get(BASELINE, {}):
                base = cells[BASELINE][target]
                rows.append(dict(split=split, target=target, best=best[target],
                                 best_score=composite[target], baseline_score=base,
                                 gain=composite[target] - base))
        best_x, base_x = xtreme_score(composite), xtreme_score(cells.get(BASELINE, {}))
        if best_x is not None and base_x is not None:
            rows.append(dict(split=split, target="xtreme", best="best per target",
                             best_score=best_x, baseline_score=base_x, gain=best_x - base_x))
    return rows


def analyse_similarity(
    grid: ResultsGrid, texts: Texts, embed: Embedder | None, settings: ReportSettings
) -> SimilarityAnalysis:
    split = settings.analysis_split
    cells, lang_cells = grid.cells(split), grid.language_cells(split)
    inters = [i for i in single_intermediates(list(cells)) if i in texts]
    targets = [t for t in TARGETS if t in texts]
    pairs = domain_similarity(texts, inters, targets, embed, k=settings.top_k,
                              stopwords=settings.stopwords, max_texts=settings.max_texts,
                              seed=settings.seed)
    base, base_lang = cells.get(BASELINE, {}), lang_cells.get(BASELINE, {})
    gain_table: dict[tuple[str, ...], float] = {}
    for inter in inters:
        for target in targets:
            if target in cells.get(inter, {}) and target in base:
                gain_table[(inter, target)] = cells[inter][target] - base[target]
            for lang, value in lang_cells.get(inter, {}).get(target, {}).items():
                if lang in base_lang.get(target, {}):
                    gain_table[(inter, target, lang)] = value - base_lang[target][lang]
    measures = [m for m in MEASURES if any(m in p.measures for p in pairs)]
    correlations: dict[str, dict[str, dict[str, Correlation]]] = {}
    oriented_en: dict[str, dict[tuple[str, str], float]] = {}
    for m in measures:
        en = {(p.inter, p.target): p.measures[m] for p in pairs if p.lang == "en"}
        by_lang = {(p.inter, p.target, p.lang): p.measures[m] for p in pairs}
        kw = {"n_bootstrap": settings.n_bootstrap, "n_permutations": settings.n_permutations,
              "seed": settings.seed}
        correlations[m] = {"english": correlate_by_target(en, gain_table, **kw),
                           "per_language": correlate_by_target(by_lang, gain_table, **kw)}
        oriented_en[m] = {k: oriented(m, v) for k, v in en.items()}
    target_gains = {i: {t: g for (ii, t, *rest), g in gain_table.items() if ii == i and not rest}
                    for i in inters}
    selection = evaluate_selection(oriented_en, target_gains, inters, fixed=settings.fixed_choice)
    return SimilarityAnalysis(pairs, gain_table, correlations, selection, measures)


def build_report(
    grid: ResultsGrid,
    claims: ClaimsFile,
    config: Mapping[str, Any],
    settings: ReportSettings,
    texts: Texts | None = None,
    embed: Embedder | None = None,
) -> ReportData:
    """All numbers of the report (no files written)."""
    splits = grid.splits()
    summaries = {s: split_summaries(grid, s) for s in splits}
    all_gains = {s: gains(grid.cells(s)) for s in splits}
    # The best intermediate model per target is chosen on the selection sets only (never a
    # setting: no flag or params key can point it at test data).
    sel = all_gains.get(SELECTION, {})
    best = best_per_target(sel, candidates_for_best(sel))
    ctx, seed_ctxs = claim_contexts(grid, config)
    results = check_claims(claims.claims, ctx, seed_ctxs, claims.aliases)
    similarity, reason = None, ""
    if texts is None:
        reason = "no texts given (--texts DIR with <task>/<lang>.txt)"
    elif settings.analysis_split not in splits:
        reason = f"no scores for the analysis split '{settings.analysis_split}'"
    else:
        similarity = analyse_similarity(grid, texts, embed, settings)
        if not similarity.pairs:
            similarity, reason = None, "no (intermediate, target) pair has texts on both sides"
    data = ReportData(settings, splits, summaries, all_gains, best, best_rows(grid, best),
                      results, similarity, reason, notes=list(grid.notes))
    if settings.profile == "demo":
        data.planted = check_planted(grid, config, _spearman(similarity))
    return data


def _spearman(similarity: SimilarityAnalysis | None) -> dict[str, float]:
    """measure -> Spearman of similarity with gain over the English pairs (all targets)."""
    if similarity is None:
        return {}
    return {m: c["english"]["overall"].spearman for m, c in similarity.correlations.items()
            if "overall" in c["english"]}


# ----- files -------------------------------------------------------------------------------------

def _round(v: Any) -> Any:
    if isinstance(v, float):
        return None if math.isnan(v) else round(v, 4)
    return v


def _write_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], stem: Path) -> None:
    clean = [{c: _round(r.get(c)) for c in columns} for r in rows]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns))  # CRLF rows, as csv writes them
    writer.writeheader()
    writer.writerows(clean)
    write_text_atomic(stem.with_suffix(".csv"), buffer.getvalue())
    write_text_atomic(stem.with_suffix(".json"), json.dumps(clean, indent=2) + "\n")


def write_tables(data: ReportData, out: Path) -> None:
    for split in data.splits:
        summ = data.summaries[split]
        _write_table(
            [dict(inter=i, target=t, mean=s.mean, std=s.std, n=s.n)
             for i, row in sorted(summ.items()) for t, s in row.items()],
            ("inter", "target", "mean", "std", "n"), out / "tables" / f"scores-{split}")
        _write_table(
            [dict(inter=i, target=t, gain=g, std=gain_std(summ, i, t))
             for i, row in sorted(data.gains[split].items()) for t, g in row.items()],
            ("inter", "target", "gain", "std"), out / "tables" / f"gains-{split}")
    _write_table(data.best_rows, ("split", "target", "best", "best_score", "baseline_score", "gain"),
                 out / "tables" / "best-per-target")


def similarity_json(data: ReportData) -> dict[str, Any]:
    s, settings = data.similarity, data.settings
    head = {"profile": settings.profile, "split": settings.analysis_split,
            "embedder": settings.embedder_name,
            "settings": {"top_k": settings.top_k, "max_texts": settings.max_texts,
                         "n_bootstrap": settings.n_bootstrap,
                         "n_permutations": settings.n_permutations, "seed": settings.seed,
                         "stopwords": len(settings.stopwords)}}
    if s is None:
        return head | {"status": "not run", "reason": data.similarity_reason}
    return head | {
        "status": "run",
        "measures": {m: {"higher_is_similar": HIGHER_IS_SIMILAR[m],
                         "pairs": [{"inter": p.inter, "target": p.target, "lang": p.lang,
                                    "value": _round(p.measures[m]),
                                    "gain": _round(s.gains.get((p.inter, p.target) if p.lang == "en"
                                                               else (p.inter, p.target, p.lang)))}
                                   for p in s.pairs if m in p.measures]}
                     for m in s.measures},
        "correlations": {m: {scope: {k: c.to_json() for k, c in by.items()}
                             for scope, by in scopes.items()}
                         for m, scopes in s.correlations.items()},
        "selection": {method: {"per_target": {t: {k: _round(v) for k, v in vars(sc).items()}
                                              for t, sc in per.items()},
                               "mean": {k: _round(v) for k, v in summarize_selection(per).items()}}
                      for method, per in s.selection.items()},
    }


def write_plots(data: ReportData, grid: ResultsGrid, out: Path) -> list[Path]:
    split, pdir, made = data.settings.analysis_split, out / "plots", []
    g = data.gains.get(split, {})
    if not g:
        return made
    inters = sorted(g, key=lambda i: ({"single": 0, "multitask": 1, "ablation": 2}.get(inter_kind(i), 3), i))
    targets = [t for t in TARGETS if any(t in row for row in g.values())]
    made.append(plots.gain_heatmap(g, inters, targets, pdir / "gains-heatmap.png",
                                   f"Gain over no intermediate task ({split})"))
    langs = grid.language_cells(split)
    for target, inter in data.best.items():
        best_l, base_l = langs.get(inter, {}).get(target), langs.get(BASELINE, {}).get(target)
        if best_l and base_l:
            made.append(plots.language_bars(best_l, base_l, pdir / f"languages-{target}.png",
                                            f"{target}: best intermediate ({inter}) vs none, {split}",
                                            best_label=inter))
    ablations = {a: ablation_of(a)[0] for a in g if inter_kind(a) == "ablation"}  # type: ignore[index]
    if ablations:
        series: dict[str, dict[str, float]] = {}
        for name in sorted(set(ablations.values()) | set(ablations)):
            if name in g:
                row = dict(g[name])
                if all(t in row for t in targets):
                    row["mean"] = fmean(row[t] for t in targets)
                series[name] = row
        made.append(plots.grouped_bars(series, [*targets, "mean"], pdir / "ablations.png",
                                       f"Ablations vs English-only intermediate training ({split})",
                                       "gain over none (points)"))
    if data.similarity is not None:
        s = data.similarity
        for m in s.measures:
            keys = [(p.inter, p.target) for p in s.pairs if p.lang == "en" and m in p.measures
                    and (p.inter, p.target) in s.gains]
            values = {(p.inter, p.target): p.measures[m] for p in s.pairs if p.lang == "en"}
            made.append(plots.scatter_with_trend(
                [values[k] for k in keys], [s.gains[k] for k in keys],
                [f"{i}→{t}" for i, t in keys], pdir / f"similarity-{m}.png",
                f"{m} vs gain ({split}, English texts)", m, "gain over none (points)"))
    return made


PLANTED_FILE = "planted.json"


def write_report(
    grid: ResultsGrid,
    claims: ClaimsFile,
    config: Mapping[str, Any],
    settings: ReportSettings,
    out: Path,
    texts: Texts | None = None,
    embed: Embedder | None = None,
) -> ReportData:
    """Compute everything and write `out/` (see the module docstring)."""
    data = build_report(grid, claims, config, settings, texts, embed)
    out.mkdir(parents=True, exist_ok=True)
    write_tables(data, out)
    data.plots = write_plots(data, grid, out)
    claims_json = [r.to_json() | {"profile": settings.profile} for r in data.claims]
    write_text_atomic(out / "claims.json", json.dumps(claims_json, indent=2) + "\n")
    write_text_atomic(out / "similarity.json", json.dumps(similarity_json(data), indent=2) + "\n")
    if data.planted is not None:
        write_text_atomic(out / PLANTED_FILE, json.dumps(data.planted, indent=2) + "\n")
    write_text_atomic(out / "report.md", render_report(data, out))
    return data
