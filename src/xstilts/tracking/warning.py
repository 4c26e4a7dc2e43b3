"""The one warning tracking emits: the stage goes on, and the message says what to do."""

from __future__ import annotations

import warnings

SYNC_COMMAND = "xstilts sync-runs"


class TrackingWarning(UserWarning):
    """Tracking could not reach its store (or spool); the stage itself is unaffected."""


def warn(message: str) -> None:
    # stacklevel 3 points at the stage code that called the tracking facade.
    warnings.warn(message, TrackingWarning, stacklevel=3)
