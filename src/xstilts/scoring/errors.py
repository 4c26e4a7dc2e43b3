"""The one error type a user of the scorer can hit."""

from __future__ import annotations


class ScoringError(ValueError):
    """A prediction or label file cannot be scored; the message names the file and the problem.

    A subclass of ValueError so callers that only know "bad input" still catch it.
    """
