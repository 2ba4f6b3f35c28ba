"""Time stage: find temporal expressions and normalise them against the publication date
("last week" in an article of 2023-02-12 is 2023-02-05..2023-02-11, TimeML value 2023-W05).

`find_dates(text, anchor, tense_at)` is pure text in, mentions out; `tense_at(offset)` tells the
tense ("past", "present", "future") of the clause at a character offset (for "Monday", "Jan 5",
"spring"). `find_timexes` also returns durations and sets that have no place in time, with
their TimeML values, for evaluation against TimeML corpora.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..model import DateMention
from .finder import Timex, find_timexes, merge_ranges, to_mention

VERSION = "eventwire.time.v3"

__all__ = ["VERSION", "Timex", "find_dates", "find_timexes"]


def find_dates(
    text: str, anchor: dt.date, tense_at: Callable[[int], str] | None = None
) -> list[DateMention]:
    """Temporal expressions in `text` with a place in time, resolved against `anchor` (the
    publication date): dates, times of day, vague references ("recently") and durations tied
    to the publication date ("the past two years"); ranges ("between 2019 and 2021") are one
    mention."""
    mentions = [m for t in find_timexes(text, anchor, tense_at) if (m := to_mention(t))]
    return merge_ranges(text, mentions)
