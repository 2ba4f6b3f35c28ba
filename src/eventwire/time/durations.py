"""Durations ("three years", "the past two weeks", "a 10-year plan") and recurring times
("every week", "daily", "$5 a year"), with ISO 8601 duration values (P3Y, P2W, PT4H, PXY)."""

from __future__ import annotations

import re

from ..quantities.numbers import number_words, parse_number
from . import periods
from .lexicon import time_words
from .periods import Period
from .state import Context, Resolution, vague

# rel words that tie a duration to the publication date: "the past two years", "the next 14 months"
_BEFORE = {"past", "last", "previous", "preceding"}
_AFTER = {"next", "coming", "following"}
# the next lower unit, for the fraction of a count: 2 1/2 years is P2Y6M (unit, factor, is a time)
_LOWER = {"Y": ("M", 12, False), "Q": ("M", 3, False), "M": ("D", 30, False)}
_LOWER |= {
    "W": ("D", 7, False),
    "D": ("H", 24, True),
    "E": ("Y", 10, False),
    "C": ("Y", 100, False),
}
_LOWER_TIME = {"H": ("M", 60, True), "M": ("S", 60, True)}
_TIME_UNITS = {"hour", "minute", "second"}
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
# an amount before "a year" makes it a rate, a set: "$5 million a year", "50,000 cars a year",
# "thousands of visitors a year"
_RATE_CONTEXT = re.compile(
    r"(?:[\d%$€£]|\b(?:once|twice|times|cents?|dollars?|euros?|pounds?|hundreds?|thousands?|millions?|billions?|dozens?|percent))\S*\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)


def _norm(text: str | None) -> str:
    return re.sub(r"[\s-]+", " ", (text or "").lower()).strip()


def iso_duration(count: float | None, designator: str, time_unit: bool) -> str:
    """P3Y, P2Y6M, PT1M30S, PXD."""
    prefix = "PT" if time_unit else "P"
    if count is None:
        return f"{prefix}X{designator}"
    whole, rest = int(count), round(count - int(count), 6)
    text = prefix + (f"{whole}{designator}" if whole or not rest else "")
    lower = (_LOWER_TIME if time_unit else _LOWER).get(designator)
    if rest and lower:
        unit, factor, is_time = lower
        text += ("T" if is_time and "T" not in text else "") + f"{round(rest * factor)}{unit}"
    return text


def _count(text: str | None) -> tuple[float | None, int]:
    """The count and, for vague words, the largest count they allow ('a few': None, 5)."""
    if not text:
        return None, 3
    word = number_words().get(_norm(text))
    if word is not None and word.kind in {"vague", "approx"}:
        high = word.high or word.value
        return (word.value if word.kind == "approx" else None), int(high)
    count = parse_number(text)
    return count, int(count or 3)


def duration(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit_word = _norm(m["unit"])
    unit = time_words().units[unit_word]
    after = m.string[m.end() : m.end() + 4].lower()
    num = _norm(m["num"])
    if unit.granularity in {"half", "weekend"} or (
        unit.granularity == "quarter" and after.startswith(" of")
    ):
        return None  # "three quarters of the vote" is a fraction
    if unit.granularity == "second" and num in {"a", "an"}:
        return None  # "a second term"
    if _norm(m[0]) == f"{num} {unit_word}" and num in {"a", "an"} and _is_rate(m):
        return None  # "$5 million a year": a set (see `recurring`)
    count, span = _count(m["num"])
    if num in {"a", "an"} and unit_word.endswith("s"):
        count = None  # "a months-long standoff": some months
    if count is not None and m["half"]:
        count += 0.5
    value = iso_duration(count, unit.designator, unit.granularity in _TIME_UNITS)
    mod = time_words().approx.get(_norm(m["approx"])) if m["approx"] else None
    rel = _norm(m["rel"])
    if rel in _BEFORE | _AFTER and unit.granularity not in _TIME_UNITS:
        steps = int(count if count is not None else span) * (-1 if rel in _BEFORE else 1)
        return Resolution(
            "duration",
            value,
            _anchored(ctx, steps, unit.granularity, value),
            mod,
            "past" if steps < 0 else "future",
            focus=False,
        )
    if m["approx"] is None and rel == "":
        ahead = _ahead(m, ctx, count, unit.granularity)
        if ahead is not None:
            return ahead
    topic = _year_so_far(m, ctx, count, unit.granularity, rel)
    return Resolution("duration", value, None, mod, topic=topic)


def _year_so_far(
    m: re.Match[str], ctx: Context, count: float | None, granularity: str, rel: str
) -> Period | None:
    """In a report on a quarter, 'for the nine months', 'the first six months' are the year so
    far: what is told 'a year earlier' then is last year, not last year's quarter."""
    if granularity != "month" or count not in {6, 9} or rel not in {"", "first", "latest"}:
        return None
    if not _norm(m[0]).startswith("the ") or m.string.startswith(" of", m.end()):
        return None  # "six months", "the first nine months of 1989"
    quarter = ctx.quarter  # the last quarter named: a report on it
    return periods.year(quarter.start.year) if quarter is not None else None


def _ahead(
    m: re.Match[str], ctx: Context, count: float | None, granularity: str
) -> Resolution | None:
    """In a clause that looks ahead, 'in five years' is the year five years on and 'will one
    day' is some day ahead (TimeML dates); 'within five years', 'for one day' stay durations."""
    before = m.string[max(0, m.start() - 40) : m.start()].lower()
    plain = count is not None and count == int(count) and "-" not in m[0]  # not "in two-year terms"
    if not plain or _norm(m[0]).split()[0] != _norm(m["num"]):
        return None  # "in the two years", "in another year"
    after_in = _IN_BEFORE.search(before) is not None and not _SINCE_BEFORE.search(before)
    after_modal = _norm(m[0]) == "one day" and _MODAL_BEFORE.search(before) is not None
    if not (after_in or after_modal) or granularity not in _CALENDAR_UNITS:
        return None
    if ctx.tense() != "future":  # asked last: the clause's tense is read from the parse
        return None
    if after_in:
        if _OR_MORE_AFTER.match(m.string, m.end()):
            return vague("FUTURE_REF", ctx.anchor, 0, 3650)  # "in a year or two": some time ahead
        target = periods.shift_date(ctx.anchor, int(count or 0), granularity)
        period = periods.containing(granularity, target)
        return Resolution("date", period.value, period, focus=False)
    return vague("FUTURE_REF", ctx.anchor, 0, 3650)  # "will one day"


_CALENDAR_UNITS = {"day", "week", "month", "quarter", "year", "decade"}
_IN_BEFORE = re.compile(r"\bin\s+$")
# "the highest in five years", "the first time in a decade": since then, a duration
_SINCE_BEFORE = re.compile(r"\b(?:first|time|ever|\w{3,}est)\b[^,;.]*$")
_OR_MORE_AFTER = re.compile(r"\s+or\s+(?:two|three|more)\b", re.IGNORECASE)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must|to)\s+$")


def _anchored(ctx: Context, steps: int, granularity: str, value: str) -> Period:
    """'the past two years': from two years before the publication date to that date."""
    moved = periods.shift_date(ctx.anchor, steps, granularity)
    start, end = (moved, ctx.anchor) if steps < 0 else (ctx.anchor, moved)
    return Period(start, end, granularity if granularity != "weekend" else "week", value)  # type: ignore[arg-type]


def period_ended(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'the year ended March 31', 'the fiscal year ending in June': a year (or a quarter) of
    accounts, a duration in TimeML; the date that ends it is a date of its own."""
    if _norm(m["unit"]) == "quarter":
        return None  # "the quarter ended Sept. 30" is the quarter in focus (see `relative`)
    return Resolution("duration", "P1Y", None)


def vague_duration(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'for years', 'over decades', 'over the years', 'years of war', 'months-long', 'hours
    later': PXY, PXE, PXM, PTXH; 'decade-long': P1E."""
    word = _norm(m["unit"] or m["unitof"] or m["ulong"] or m["unitlater"])
    unit = time_words().units[word]
    # "a decade-long war" lasts a decade; "a months-long standoff", some months
    count = 1.0 if m["ulong"] and not word.endswith("s") else None
    return Resolution(
        "duration", iso_duration(count, unit.designator, unit.granularity in _TIME_UNITS), None
    )


def _is_rate(m: re.Match[str]) -> bool:
    return _RATE_CONTEXT.search(m.string[max(0, m.start() - 30) : m.start()]) is not None


def recurring(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'daily', 'every week', 'each Thursday', 'each July', 'twice a week', '$5 a year', 'every
    four years'."""
    words = time_words()
    if m["wd"]:
        return Resolution("set", f"XXXX-WXX-{words.weekdays[_norm(m['wd'])]}", None)
    if m["mon"]:
        return Resolution("set", f"XXXX-{words.months[_norm(m['mon']).rstrip('.')]:02d}", None)
    if m["every"]:  # "every four years": P4Y; "every other week": P2W; "every few days": PXD
        unit = words.units[_norm(m["unit"])]
        every = _norm(m["every"])
        count = (
            2.0 if every == "other" else None if every in {"few", "several"} else _count(every)[0]
        )
        return Resolution(
            "set", iso_duration(count, unit.designator, unit.granularity in _TIME_UNITS), None
        )
    phrase = _norm(m["set"])
    if phrase in words.set_adjectives and not m["freq"]:
        after = _NEXT_WORD.match(m.string, m.end())
        if after and after[1].lower() not in words.set_adverb_before:
            return None  # "quarterly results", "the daily volume": an adjective
    needs_rate = phrase.split()[0] in {"a", "an", "per"} and not m["freq"]
    if needs_rate and not _is_rate(m):
        return None  # "a year" alone is a duration or a date, not a rate
    return Resolution("set", words.sets[phrase], None)
