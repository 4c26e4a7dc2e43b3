"""Progress display: a tqdm bar on a terminal, plain log lines in CI and DVC logs.

Throughput and ETA are measured on wall time; they are only displayed and never feed back into
training, so runs stay deterministic.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import IO

log = logging.getLogger("xstilts.training")


class Progress:
    def __init__(
        self,
        total_steps: int,
        start_step: int,
        log_every: int,
        enabled: bool = True,
        stream: IO[str] | None = None,
        desc: str = "train",
    ) -> None:
        self.total, self.start, self.log_every = total_steps, start_step, log_every
        self.enabled = enabled
        self.desc = desc
        self._t0 = time.monotonic()
        self._window_t, self._window_examples = self._t0, 0
        self._bar = None
        stream = stream if stream is not None else sys.stderr
        if enabled and stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(
                total=total_steps,
                initial=start_step,
                desc=desc,
                unit="step",
                file=stream,
                dynamic_ncols=True,
            )

    def update(self, step: int, loss: float | None, examples: int) -> float:
        """Record one optimizer step; return examples/s over the window since the last log."""
        self._window_examples += examples
        now = time.monotonic()
        rate = self._window_examples / max(now - self._window_t, 1e-9)
        if not self.enabled:
            return rate
        if self._bar is not None:
            self._bar.update(1)
            if loss is not None:
                self._bar.set_postfix(loss=f"{loss:.4f}", ex_s=f"{rate:.1f}", refresh=False)
        elif step % self.log_every == 0 or step == self.total:
            done = step - self.start
            eta = (now - self._t0) / max(done, 1) * (self.total - step)
            loss_text = f"{loss:.4f}" if loss is not None else "n/a"
            log.info(
                "%s step %d/%d loss %s %.1f examples/s eta %s",
                self.desc,
                step,
                self.total,
                loss_text,
                rate,
                _duration(eta),
            )
        if step % self.log_every == 0:
            self._window_t, self._window_examples = now, 0
        return rate

    def message(self, text: str) -> None:
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.write(text)
        else:
            log.info(text)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
