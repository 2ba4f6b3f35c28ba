"""What a rule resolves to, and what it resolves against: the publication date, the tense of the
clause, and the date in focus (the last calendar date the text named, for "a year earlier")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Direction, TimexKind
from . import periods
from .grammar import RulePattern
from .periods import Period


@dataclass(frozen=True)
class Resolution:
    kind: TimexKind
    value: str
    period: Period | None  # None for a duration or a set with no place in time
    mod: str | None = None
    direction: Direction | None = None  # when the words say it ("recently"), not the calendar
    focus: bool = True  # whether later anaphora ("a year earlier") may point to it
    fiscal: bool = False  # a fiscal quarter: the date that ends it ("ended Sept. 29") stays in it
    topic: Period | None = None  # what a report turns to: "for the nine months" is the year so far


NARRATIVE_REACH = 500  # characters: a few sentences


@dataclass
class Context:
    anchor: dt.date
    tense_at: Callable[[int], str]
    focus: Period | None = None
    quarter: Period | None = None  # the last quarter or half named that had begun by the anchor
    fiscal: bool = False  # whether that quarter was named as a fiscal one
    # the year a narrative tells of: the last date named one long before publication ("On
    # Dec. 7, 1941, ..."), with the offset where the text last spoke of it
    narrative: tuple[int, int] | None = None
    told_from_now: bool = False  # whether a date was told from the publication date ("Tuesday")
    offset: int = 0
    _tenses: dict[int, str] = field(default_factory=dict)

    def tense(self) -> str:
        """The tense of the clause of the expression being resolved: past, present or future."""
        if self.offset not in self._tenses:
            self._tenses[self.offset] = self.tense_at(self.offset)
        return self._tenses[self.offset]

    def narrative_year(self) -> int | None:
        """The year a date without one belongs to when the text tells of a past year ("In
        1939 ... in September" is 1939's): the last date named that year (not one told from the
        publication date, "on Tuesday", since), at least two years before publication, a few
        sentences back, the clause does not look ahead, and the text has told no date from the
        publication date so far ("said Tuesday", "yesterday", "two weeks ago": news)."""
        if self.narrative is None or self.told_from_now:
            return None  # news that tells its dates from the day it appeared: not a narrative
        year, at = self.narrative
        if year > self.anchor.year - 2 or self.offset - at > NARRATIVE_REACH:
            return None
        return year if self.tense() != "future" else None

    def reference(self) -> Period:
        """The date in focus, else the publication day."""
        return self.focus or periods.day(self.anchor)


Resolver = Callable[[re.Match[str], Context], Resolution | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: RulePattern
    resolve: Resolver


def date(period: Period, mod: str | None = None) -> Resolution:
    return Resolution("date", period.value, period.narrowed(mod), mod)


def vague(value: str, anchor: dt.date, low: int, high: int) -> Resolution:
    """PRESENT_REF, PAST_REF, FUTURE_REF (or a vague duration, PXW): a fuzzy range of days
    around the publication date; its direction is the side of the date it lies on."""
    period = Period(
        anchor + dt.timedelta(days=low), anchor + dt.timedelta(days=high), "fuzzy", value
    )
    direction: Direction = (
        "past" if high <= 0 < -low else "future" if low >= 0 < high else "present"
    )
    return Resolution("date", value, period, None, direction, focus=False)


def unfocused(period: Period) -> Resolution:
    """A date told relative to the one in focus does not move the focus ("a year earlier")."""
    return Resolution("date", period.value, period, focus=False)
