"""PNG plots of the report. Figures are built without pyplot (no global state, no display):
`Figure.savefig` renders through Agg, which needs no GUI and works in CI and containers."""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from xstilts.fileio import write_bytes_atomic


def _save(fig: Figure, path: Path) -> Path:
    """Render to memory, then write atomically: a reader never sees half a PNG."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return write_bytes_atomic(path, buffer.getvalue())


def gain_heatmap(
    gains: Mapping[str, Mapping[str, float]], inters: Sequence[str], targets: Sequence[str],
    path: Path, title: str,
) -> Path:
    """Gains (points over the baseline) as a diverging heatmap, intermediate × target, annotated."""
    data = np.array([[gains.get(i, {}).get(t, np.nan) for t in targets] for i in inters], dtype=float)
    finite = data[np.isfinite(data)]
    vmax = float(np.max(np.abs(finite))) if finite.size and np.max(np.abs(finite)) > 0 else 1.0
    fig = Figure(figsize=(1.0 + 0.8 * len(targets), 1.0 + 0.45 * len(inters)))
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(data), cmap="RdBu", vmin=-vmax, vmax=vmax, aspect="auto")
    ax.set_xticks(range(len(targets)), list(targets), rotation=45, ha="right")
    ax.set_yticks(range(len(inters)), list(inters))
    for (r, c), value in np.ndenumerate(data):
        if math.isfinite(value):
            ax.text(c, r, f"{value:+.1f}", ha="center", va="center", fontsize=7)
    fig.colorbar(image, ax=ax, label="gain over no intermediate task (points)")
    ax.set_title(title)
    return _save(fig, path)


def language_bars(
    best: Mapping[str, float], baseline: Mapping[str, float], path: Path, title: str,
    best_label: str, baseline_label: str = "none",
) -> Path:
    """Per-language scores of a target's best intermediate model next to the baseline."""
    langs = sorted(set(best) | set(baseline))
    x = np.arange(len(langs))
    fig = Figure(figsize=(max(4.0, 0.35 * len(langs) + 1.5), 3.2))
    ax = fig.add_subplot()
    ax.bar(x - 0.2, [baseline.get(lang, np.nan) for lang in langs], 0.4, label=baseline_label)
    ax.bar(x + 0.2, [best.get(lang, np.nan) for lang in langs], 0.4, label=best_label)
    ax.set_xticks(x, langs, rotation=90)
    ax.set_ylabel("score")
    ax.set_title(title)
    ax.legend(fontsize=8)
    return _save(fig, path)


def grouped_bars(
    series: Mapping[str, Mapping[str, float]], groups: Sequence[str], path: Path, title: str,
    ylabel: str,
) -> Path:
    """One bar per series in each group (used for ablations vs their English-only run)."""
    x = np.arange(len(groups))
    width = 0.8 / max(1, len(series))
    fig = Figure(figsize=(max(5.0, 0.9 * len(groups) + 2), 3.4))
    ax = fig.add_subplot()
    for n, (name, values) in enumerate(series.items()):
        ax.bar(x - 0.4 + width * (n + 0.5), [values.get(g, np.nan) for g in groups], width, label=name)
    ax.axhline(0.0, color="black", linewidth=0.6)
    ax.set_xticks(x, list(groups), rotation=45, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    return _save(fig, path)


def scatter_with_trend(
    x: Sequence[float], y: Sequence[float], labels: Sequence[str], path: Path, title: str,
    xlabel: str, ylabel: str,
) -> Path:
    """Scatter with a least-squares line (when x varies) and each point labelled."""
    fig = Figure(figsize=(5.5, 4.2))
    ax = fig.add_subplot()
    ax.scatter(x, y, s=18)
    for xi, yi, label in zip(x, y, labels, strict=True):
        ax.annotate(label, (xi, yi), fontsize=6, xytext=(2, 2), textcoords="offset points")
    if len(x) >= 2 and np.ptp(np.asarray(x, dtype=float)) > 0:
        slope, intercept = np.polyfit(x, y, 1)
        xs = np.linspace(min(x), max(x), 2)
        ax.plot(xs, slope * xs + intercept, color="crimson", linewidth=1,
                label=f"fit: {slope:+.3g}·x {intercept:+.3g}")
        ax.legend(fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return _save(fig, path)
