"""Early stopping on the English dev set (jiant's protocol: evaluate every N steps on M examples,
stop after P evaluations without improvement, reload the best weights).

Scores come from an injected `evaluate(model) -> float` (higher is better): metrics are computed
by the evaluation module, never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class EarlyStopping:
    patience: int  # 0 = never stop early (still tracks and reloads the best)
    best_score: float | None = None
    best_step: int | None = None
    bad_evals: int = 0
    history: list[list[float]] = field(default_factory=list)  # [step, score] pairs

    def update(self, step: int, score: float) -> bool:
        """Record an evaluation; True when it is a new best (strictly higher)."""
        self.history.append([step, score])
        if self.best_score is None or score > self.best_score:
            self.best_score, self.best_step, self.bad_evals = score, step, 0
            return True
        self.bad_evals += 1
        return False

    @property
    def should_stop(self) -> bool:
        return self.patience > 0 and self.bad_evals >= self.patience

    def state_dict(self) -> dict[str, Any]:
        return {
            "best_score": self.best_score,
            "best_step": self.best_step,
            "bad_evals": self.bad_evals,
            "history": self.history,
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.best_score, self.best_step = state["best_score"], state["best_step"]
        self.bad_evals, self.history = state["bad_evals"], [list(h) for h in state["history"]]


def dev_subset(features: Any, max_examples: int) -> Any:
    """Features of the first `max_examples` examples (by `example_index`, so a QA example split
    into several windows stays whole); all features when `max_examples` is 0."""
    if max_examples == 0:
        return features
    example_index = np.asarray(features["example_index"])
    keep = np.unique(example_index)[:max_examples]
    return features.select(np.flatnonzero(np.isin(example_index, keep)).tolist())
