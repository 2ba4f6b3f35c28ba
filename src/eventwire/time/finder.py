"""Finding temporal expressions: every rule proposes matches, the longest non-overlapping ones
are kept, and they are resolved in reading order so that "a year earlier" can point back to
the date the text named last."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..kb import derived
from ..model import DateMention, Direction, TimexKind
from . import periods
from .grammar import alternation
from .lexicon import time_words
from .periods import Period
from .rules import CLOCK, DIGITS, MONTH, RULES, WEEKDAY, YEAR, trigger_words, triggers
from .state import Context, Resolution, Rule

Candidate = tuple[int, int, int, re.Match[str]]  # start, end, rule index, match
_RANGE_JOINER = re.compile(r"^\s*(?:to|until|till|through|thru|and|-|–)\s*$", re.IGNORECASE)
_ON = re.compile(r"^,?\s+on\s+$", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:\b(between|from)\s+)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+|\d+")
_DETERMINER = re.compile(r"(?:the|a|an|its|their|this|that|his|her)\s+", re.IGNORECASE)
_PREMODIFIER = re.compile(
    r"\w-(?:quarter|half|year|month|week|day|hour|minute|ago|earlier|old|long)$", re.IGNORECASE
)
_NAMED_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_WHEN_BEFORE = re.compile(r"\b(?:in|on|during|by|until|till|throughout|around)\s+$", re.I)
# rules whose dates are told from the publication date: "Tuesday", "yesterday", "two weeks ago"
_FROM_NOW = {"weekday", "deictic", "part-of-day", "weekend", "ago"}
_REACH = 64  # characters: longer than any expression on either side of its trigger word
_COARSENESS = ["minute", "hour", "part_of_day", "day", "week", "month", "season", "quarter"]
_COARSENESS += ["half", "year", "decade", "century", "fuzzy"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression, TimeML-style: durations and sets may have no place in time."""

    text: str
    start: int
    end: int
    kind: TimexKind
    value: str
    period: Period | None
    mod: str | None
    direction: Direction
    rule: str


def _always_past(_offset: int) -> str:
    return "past"


@derived  # from the time words in force, on first use
def _locatable() -> frozenset[str]:
    return trigger_words() | set(time_words().months) | set(time_words().weekdays)


@derived
def _blocked() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(time_words().blocked)}\b", re.IGNORECASE)


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The expression's characters; before a noun ("a third-quarter loss", "the year-ago
    results", "the 30-day period") the determiner belongs to that noun, not to the expression."""
    start, end = m.span("core") if "core" in m.re.groupindex and m["core"] else m.span()
    determiner = _DETERMINER.match(m.string, start, end)
    if determiner and _PREMODIFIER.search(m.string, start, end):
        start = determiner.end()
    return start, end


def _trigger_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each trigger word occurs: one pass over the words of the text."""
    words, locatable = time_words(), _locatable()
    positions: dict[str, list[tuple[int, int]]] = {}
    for word in _WORD.finditer(text.lower()):
        token = word[0]
        if token[0].isdigit():
            key = _number_key(text, token, word.end())
        elif token not in locatable:
            continue
        elif token in words.months or token in words.weekdays:
            if not text[word.start()].isupper():
                continue
            key = MONTH if token in words.months else WEEKDAY
        else:
            key = token
        positions.setdefault(key, []).append(word.span())
    return positions


def _number_key(text: str, token: str, end: int) -> str:
    if len(token) == 4 and (token[:2] == "20" or "15" <= token[:2] <= "19"):
        return YEAR
    return CLOCK if text[end : end + 1] in {":", "."} else DIGITS


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, wide enough for any expression that contains
    one, cut at spaces and merged."""
    windows: list[tuple[int, int]] = []
    for trigger_start, trigger_end in sorted(spans):
        start = text.rfind(" ", 0, max(0, trigger_start - _REACH)) + 1
        end = text.find(" ", min(len(text), trigger_end + _REACH))
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _matches(
    text: str, rule: Rule, positions: dict[str, list[tuple[int, int]]]
) -> list[re.Match[str]]:
    spans = [span for word in triggers()[rule.name] for span in positions.get(word, ())]
    return [
        m for start, end in _windows(text, spans) for m in rule.pattern.finditer(text, start, end)
    ]


def _candidates(text: str, anchor: dt.date) -> list[Candidate]:
    """All matches that resolve to something, tried against the publication date alone."""
    blocked = [b.span() for b in _blocked().finditer(text)]
    trial = Context(anchor, _always_past)
    positions = _trigger_positions(text)
    found = []
    for index, rule in enumerate(RULES):
        for m in _matches(text, rule, positions):
            start, end = _span(m)
            if any(s <= start and end <= e and (e - s) >= (end - start) for s, e in blocked):
                continue
            if _resolve(rule, m, trial) is not None:
                found.append((start, end, index, m))
    return found


def _resolve(rule: Rule, m: re.Match[str], ctx: Context) -> Resolution | None:
    """The rule's resolution; none where the date lies off the calendar ("3.3 million years
    ago" is before year 1: Python's dates run from 1 to 9999)."""
    try:
        return rule.resolve(m, ctx)
    except (ValueError, OverflowError):
        return None


def _longest_first(candidates: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        start, end = candidate[0], candidate[1]
        if all(end <= s or e <= start for s, e, _, _ in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0])


def _timex(text: str, candidate: Candidate, rule: Rule, ctx: Context) -> Timex | None:
    start, end, _, m = candidate
    ctx.offset = start
    resolved = _resolve(rule, m, ctx)
    if resolved is None:
        return None
    period = resolved.period
    if resolved.focus and period is not None and resolved.kind in {"date", "time"}:
        ctx.focus = periods.Period(period.start, period.end, period.granularity, period.value)
        ctx.narrative = _narrative(text, start, end, period, ctx)
        if period.granularity in {"quarter", "half"} and period.start <= ctx.anchor:
            same = ctx.quarter is not None and ctx.quarter.value == period.value
            ctx.quarter, ctx.fiscal = ctx.focus, resolved.fiscal or (same and ctx.fiscal)
    elif rule.name == "offset" and ctx.narrative and period is not None:
        ctx.narrative = (period.start.year, end)  # "In 1995 ... Two years later ... in the spring"
    if rule.name in _FROM_NOW and period is not None and period.end.year >= ctx.anchor.year - 1:
        ctx.told_from_now = True
    if resolved.topic is not None:
        ctx.focus = ctx.quarter = resolved.topic
        ctx.fiscal = False
    direction = resolved.direction or (
        periods.direction(period, ctx.anchor) if period is not None else "past"
    )
    return Timex(
        text[start:end],
        start,
        end,
        resolved.kind,
        resolved.value,
        period,
        resolved.mod,
        direction,  # type: ignore[arg-type]
        rule.name,
    )


def _narrative(
    text: str, start: int, end: int, period: Period, ctx: Context
) -> tuple[int, int] | None:
    """The year the text now tells of: one the expression names when it says when something
    happened ("in 1939", "On Dec. 7, 1941"; not "since 1980", "the August 1988 cease-fire"), or
    the one it told of already; none after a date told otherwise ("on Tuesday", "last week")."""
    if period.granularity in {"decade", "century", "fuzzy"}:
        return None
    year = period.start.year
    if ctx.narrative and ctx.narrative[0] == year:
        return year, end
    named = _NAMED_YEAR.search(text, start, end)
    if named and int(named[0]) == year and _WHEN_BEFORE.search(text, max(0, start - 12), start):
        return year, end
    return None


def find_timexes(
    text: str, anchor: dt.date, tense_at: Callable[[int], str] | None = None
) -> list[Timex]:
    """Every temporal expression in `text` (dates, times, durations, sets) with its TimeML value,
    resolved against `anchor`, the publication date. `tense_at(offset)` gives the tense of the
    clause at a character offset: "past", "present" or "future"."""
    ctx = Context(anchor, tense_at or _always_past)
    found = []
    for candidate in _longest_first(_candidates(text, anchor)):
        timex = _timex(text, candidate, RULES[candidate[2]], ctx)
        if timex is not None:
            found.append(timex)
    return found


def to_mention(timex: Timex) -> DateMention | None:
    """A date mention for the output: only expressions with a place in time have one."""
    if timex.period is None or timex.kind == "set":
        return None
    return DateMention(
        text=timex.text,
        start=timex.start,
        end=timex.end,
        date_start=timex.period.start,
        date_end=timex.period.end,
        granularity=timex.period.granularity,
        direction=timex.direction,
        rule=timex.rule,
        value=timex.value,
        kind=timex.kind,
        modifier=timex.mod,
    )


def merge_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """'between 2019 and 2021', 'from March to May', '5-7 January': one mention for the range;
    '3 p.m. on Friday' (two TimeML expressions) one mention of the time."""
    merged: list[DateMention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if previous is not None and _joins(text, previous, mention):
            merged[-1] = _range(text, previous, mention)
        elif previous is not None and _time_on_day(text, previous, mention):
            merged[-1] = previous.model_copy(
                update={"text": text[previous.start : mention.end], "end": mention.end}
            )
        else:
            merged.append(mention)
    return merged


def _time_on_day(text: str, time: DateMention, day: DateMention) -> bool:
    return (
        time.kind == "time"
        and day.kind == "date"
        and (time.date_start, time.date_end) == (day.date_start, day.date_end)
        and _ON.match(text[time.end : day.start]) is not None
    )


def _joins(text: str, first: DateMention, second: DateMention) -> bool:
    if first.kind != "date" or second.kind != "date" or first.date_start > second.date_end:
        return False
    joiner = text[first.end : second.start]
    if not _RANGE_JOINER.match(joiner):
        return False
    opener = _RANGE_OPENER.search(text[max(0, first.start - 9) : first.start])
    if joiner.strip().lower() == "and":
        return bool(opener and opener[1].lower() == "between")
    return opener is not None or joiner.strip() in {"-", "–"}


def _range(text: str, first: DateMention, second: DateMention) -> DateMention:
    opener = _RANGE_OPENER.search(text[max(0, first.start - 9) : first.start])
    start = first.start - len(opener[0]) if opener else first.start
    coarser = max(first.granularity, second.granularity, key=_coarseness)
    return first.model_copy(
        update={
            "text": text[start : second.end],
            "start": start,
            "end": second.end,
            "date_end": second.date_end,
            "granularity": coarser,
            "value": f"{first.value}/{second.value}",
            "rule": "range",
            "modifier": None,
            "direction": first.direction if first.direction == second.direction else "present",
        }
    )


def _coarseness(granularity: str) -> int:
    return _COARSENESS.index(granularity) if granularity in _COARSENESS else 0
