"""Time stage: find temporal expressions and normalise them against the publication date
("last week" in an article of 2023-02-12 is 2023-01-30..2023-02-05, TimeML value 2023-W05).

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

VERSION = "eventwire.time.v9"

__all__ = ["VERSION", "Timex", "find_dates", "find_timexes"]


def find_dates(
    text: str,
    anchor: dt.date,
    tense_at: Callable[[int], str] | None = None,
    anchor_known: bool = True,
) -> list[DateMention]:
    """Temporal expressions in `text` with a place in time, resolved against `anchor` (the
    publication date): dates, times of day, vague references ("recently") and durations tied
    to the publication date ("the past two years"); ranges ("between 2019 and 2021") are one
    mention. With `anchor_known` false (the anchor is a fallback, not the publication date),
    the mentions whose dates depend on the anchor are marked `inferred`."""
    mentions = _resolved(text, anchor, tense_at)
    if anchor_known or not mentions:
        return mentions
    # resolved again against another anchor: what moves with it was resolved against it
    elsewhere = {(m.start, m.end): m for m in _resolved(text, anchor - _ELSEWHERE, tense_at)}
    return [
        m.model_copy(update={"inferred": True}) if _moved(m, elsewhere) else m for m in mentions
    ]


# not a whole number of weeks, months or years, so every anchored date moves ("Monday" too),
# and over three years, so that "Saturday, March 28" (a weekday that picks the year next to
# the anchor's) moves too
_ELSEWHERE = dt.timedelta(days=3 * 365 + 40)


def _resolved(
    text: str, anchor: dt.date, tense_at: Callable[[int], str] | None
) -> list[DateMention]:
    mentions = [m for t in find_timexes(text, anchor, tense_at) if (m := to_mention(t))]
    return merge_ranges(text, mentions)


def _moved(mention: DateMention, elsewhere: dict[tuple[int, int], DateMention]) -> bool:
    other = elsewhere.get((mention.start, mention.end))
    return other is None or (other.date_start, other.date_end) != (
        mention.date_start,
        mention.date_end,
    )
