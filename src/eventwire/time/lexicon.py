"""The words of temporal expressions (`data/time_words.tsv`): read by the knowledge layer
(`eventwire.kb.time`), once per process."""

from __future__ import annotations

from ..kb import in_force
from ..kb.time import COLUMNS, Reference, TimeWords, Unit, load_time_words

__all__ = ["COLUMNS", "Reference", "TimeWords", "Unit", "load_time_words", "time_words"]


def time_words() -> TimeWords:
    """The package's time words: the time part of the knowledge in force (`kb.in_force()`)."""
    return in_force().time
