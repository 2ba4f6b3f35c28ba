"""Rules for dates told relative to the publication date or to the date in focus: "last week",
"yesterday", "on Monday", "this spring", "two years ago", "a year earlier", "the quarter",
"recently", and times of day: "3 p.m.", "Friday evening", "this morning"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..kb import derived
from . import periods
from .absolute import clock_on
from .calendar_words import (
    infer_day,
    infer_season,
    infer_weekday,
    month_number,
    safe_date,
    weekday_number,
    year_number,
)
from .grammar import fragments
from .lexicon import time_words
from .periods import Period
from .reports import figure_a_year_back, reported_quarter
from .state import Context, Resolution, date, unfocused, vague

_MODP = r"(?:(?P<mod>%(MOD)s)[\s-]+)?"
_DAY_STEPS = {"next", "following", "previous", "preceding", "same", "that"}
_ANCHORED_UNITS = {
    "day",
    "week",
    "weekend",
    "month",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
}


def _norm(text: str | None) -> str:
    return re.sub(r"[\s-]+", " ", (text or "").lower()).strip()


def _mod(m: re.Match[str]) -> str | None:
    return time_words().modifiers.get(_norm(m.groupdict().get("mod"))) or None


def _granularity(unit_word: str) -> str:
    return time_words().units[_norm(unit_word)].granularity


def _step(rel: str | None, ctx: Context) -> tuple[int, Period]:
    """How many units from which base: 'last week' from the publication date, 'the following
    year' and 'the next day' from the date in focus."""
    words = _norm(rel).split()
    has_the = words[:1] == ["the"]
    words = [w for w in words if w != "the"]
    if len(words) > 1 and words[-1] in {"past", "coming"}:  # "this past", "this coming"
        return (-1 if words[-1] == "past" else 1), periods.day(ctx.anchor)
    word = words[0] if words else "this"
    if word in {"same", "that"}:
        return 0, ctx.reference()
    step = time_words().relative.get(word, 0)
    from_focus = word in {"following", "previous", "preceding", "prior"} or (
        has_the and word == "next"
    )
    return step, ctx.reference() if from_focus else periods.day(ctx.anchor)


def relative_unit(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'last week', 'this year', 'the following month', 'early next year', 'earlier this month'."""
    granularity = _granularity(m["unit"])
    step, base = _step(m["rel"], ctx)
    if granularity == "day" and _norm(m["rel"]).split()[-1] not in _DAY_STEPS:
        return None  # "the last day (of ...)" is not yesterday; "this day" is "to this day"
    if granularity in {"decade", "century"} and step:
        return _ten_or_hundred_years(ctx, step, granularity)
    rel_word = _norm(m["rel"]).split()[-1]
    if rel_word in {"same", "that"} and _coarser(base.granularity, granularity):
        return None  # "that day" after "in 1987": some day the text does not tell
    mod = _mod(m)
    if granularity == "year" and _norm(m["rel"]) == "last" and not mod:
        compared = figure_a_year_back(m, ctx)
        if compared is not None:
            return compared  # "compared with $3 million last year" in a report on a quarter
    if granularity == "quarter" and rel_word == "this" and not mod:
        reported = reported_quarter(ctx)
        if reported and reported.end < ctx.anchor and ctx.tense() != "future":
            return date(reported)  # "this quarter's loss" in a report on the third quarter
    period = periods.shifted(periods.containing(granularity, base.start), step, granularity)
    if step == 0 and _norm(m.groupdict().get("mod")) in {"earlier", "later"}:
        # "earlier this year" is from the start of the year to now; "later this year", after now
        start, end = (period.start, ctx.anchor) if mod == "START" else (ctx.anchor, period.end)
        return Resolution(
            "date", period.value, Period(start, end, period.granularity, period.value), mod
        )
    return date(period, mod)


def _ten_or_hundred_years(ctx: Context, step: int, granularity: str) -> Resolution:
    """'the last decade' is the ten years up to now, named by the decade most of them fall in."""
    moved = periods.shift_date(ctx.anchor, step, granularity)
    middle = periods.shift_date(
        ctx.anchor, step * 5, "year" if granularity == "decade" else "decade"
    )
    value = periods.containing(granularity, middle).value
    start, end = (moved, ctx.anchor) if step < 0 else (ctx.anchor, moved)
    return Resolution("date", value, Period(start, end, granularity, value))  # type: ignore[arg-type]


def end_of_unit(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'the end of the year', 'year-end', "the year's end", 'the end of the month', 'earlier in
    the year', 'later in the day' (of the date in focus: "in March 1987 ... later in the year" is
    1987)."""
    granularity = _granularity(_norm(m["unit"] or m["day"]) if m["unit"] or m["day"] else "year")
    focus = ctx.focus
    in_focus = (
        _norm(m["det"] or "the") == "the"
        and focus
        and not _coarser(focus.granularity, granularity)
        and not (focus.end < ctx.anchor and ctx.tense() == "future")
    )
    base = focus.start if focus and in_focus else ctx.anchor
    return date(periods.containing(granularity, base), _mod(m) or "END")


def deictic(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'yesterday', 'late yesterday', 'yesterday morning', 'mid-afternoon yesterday'."""
    offset = time_words().deictic[_norm(m["deix"])]
    day = periods.day(ctx.anchor + dt.timedelta(days=offset))
    part = m["part"] or m["part1"]
    if part:
        return part_of(day, part, _mod(m))
    return date(day, _mod(m))


def part_of(day: Period, part_word: str, mod: str | None = None) -> Resolution:
    """'Friday evening': value 1989-10-27TEV; the date range is the day."""
    code = time_words().parts_of_day[_norm(part_word)][0]
    value = f"{day.value}T{code}"
    return Resolution("time", value, Period(day.start, day.end, "part_of_day", value), mod)


def part_of_day(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'this morning', 'last night', 'tonight', 'overnight', 'the morning' (of the day in focus),
    'the night of Feb. 12', 'the morning of Friday'."""
    if m["ofpart"]:
        named = _day_of(m, ctx)
        return part_of(periods.day(named), m["ofpart"]) if named else None
    if m["over"]:
        night = ctx.anchor - dt.timedelta(days=1 if _norm(m["over"]).startswith("last") else 0)
        return part_of(periods.day(night), "night")
    pre = _norm(m["pre"])
    if pre in {"the", "that"}:
        focus = ctx.reference()
        day = focus if focus.granularity == "day" else periods.day(ctx.anchor)
    else:
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(pre.split()[-1], 0)
        day = periods.day(ctx.anchor + dt.timedelta(days=offset))
    mod = time_words().modifiers.get(pre.split()[0]) if pre else None
    return part_of(day, m["part"], mod)


def _day_of(m: re.Match[str], ctx: Context) -> dt.date | None:
    if m["ofwd"]:
        return infer_weekday(weekday_number(m["ofwd"]), ctx.anchor, ctx.tense())
    month, day = month_number(m["ofmon"]), int(re.sub(r"\D", "", m["ofday"]))
    if m["ofyr"]:
        return safe_date(int(m["ofyr"]), month, day)
    return infer_day(month, day, ctx.anchor, ctx.tense())


def weekday(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'Friday' (by the tense of the clause), 'last Friday', 'next Monday', 'the previous Friday',
    'early Tuesday', 'Friday evening'."""
    number = weekday_number(m["wd"])
    pre = _norm(m["pre"]).replace("the ", "")
    words = time_words()
    focus = ctx.focus
    if (pre in words.modifiers or not pre) and focus and focus.granularity == "day":
        told = ctx.narrative_year()  # "On June 28, 1919, ... On Monday": the Monday after it
    else:
        told = None
    if told is not None and focus is not None:
        day = focus.start + dt.timedelta(days=(number - focus.start.isoweekday()) % 7 or 7)
    elif pre in words.modifiers or not pre:
        day = infer_weekday(number, ctx.anchor, ctx.tense())
    elif pre in {"previous", "preceding", "following"}:
        base = ctx.reference().start
        if words.relative[pre] < 0:
            day = base - dt.timedelta(days=(base.isoweekday() - number) % 7 or 7)
        else:
            day = base + dt.timedelta(days=(number - base.isoweekday()) % 7 or 7)
    else:
        step, _ = _step(pre, ctx)
        if step == 0 and ctx.tense() == "past":  # "this Friday": the nearest one the tense allows
            day = infer_weekday(number, ctx.anchor, "past")
        elif step == 0:
            day = ctx.anchor + dt.timedelta(days=(number - ctx.anchor.isoweekday()) % 7)
        else:
            day = infer_weekday(number, ctx.anchor, "past" if step < 0 else "future")
            if day == ctx.anchor:
                day -= dt.timedelta(days=7)
    mod = words.modifiers.get(pre)
    if m["part"]:
        return part_of(periods.day(day), m["part"], mod)
    return date(periods.day(day), mod)


def weekend(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'the weekend': the last one in a past clause, the coming one otherwise."""
    step, _ = _step(m["det"], ctx) if _norm(m["det"]) not in {"the", "this"} else (0, None)
    base = periods.weekend(ctx.anchor)
    if step:
        return date(periods.shifted(base, step, "week"))
    past = base if base.start <= ctx.anchor else periods.shifted(base, -1, "week")
    future = base if base.end >= ctx.anchor else periods.shifted(base, 1, "week")
    return date(past if ctx.tense() == "past" else future)


def season(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'last summer', 'this spring', 'the winter of 1994', 'spring' (by tense: a spring offensive
    planned in February is this year's)."""
    word = _norm(m["season"])
    if word == "fall" and not (m["pre"] or m["yr"] or m["the"]):
        return None  # "prices fall": a verb
    code = time_words().seasons[word][0]
    if m["yr"]:
        year = year_number(m["yr"])
        return date(periods.season(year, code), _mod(m)) if year else None
    pre = _norm(m["pre"]).replace("the ", "")
    mod = time_words().modifiers.get(pre)
    told = ctx.narrative_year() if pre in {"", "that"} or mod else None
    if pre == "that" and told is None:  # "that summer": of the year in focus
        told = ctx.reference().start.year
    if told is not None:
        return date(periods.season(told, code), mod)
    current = periods.containing("season", ctx.anchor, code)
    step = _step(pre, ctx)[0] if pre and mod is None else None
    if step is None:
        period = infer_season(code, ctx.anchor, ctx.tense())
    elif step < 0:  # the last one that has ended
        period = current if current.end < ctx.anchor else periods.shifted(current, -1, "year")
    elif step > 0:  # the next one that has not begun
        period = current if current.start > ctx.anchor else periods.shifted(current, 1, "year")
    else:
        period = current
    return date(period, mod)


def clock(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'3 p.m.', '15:30 GMT', 'noon Saturday', '10 p.m. Wednesday', 'midnight Friday'."""
    hour = int(m["h"] or m["h24"] or m["hh4"] or m["oc"] or 0)
    minute = int(m["mi"] or m["mi24"] or m["mm4"] or 0) or None
    if m["cw"]:
        hour = time_words().clock[_norm(m["cw"])]
    elif m["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    told = m["day"] or m["onday"] or _day_after_aside(m)
    day = _day_phrase(told, ctx) if told else None
    if day is None:
        focus = ctx.reference()
        day = focus if focus.granularity == "day" else periods.day(ctx.anchor)
    resolution = clock_on(day, hour, minute)
    approx = time_words().approx.get(_norm(m["approx"])) if m["approx"] else None
    return Resolution(resolution.kind, resolution.value, resolution.period, approx)


@derived  # from the time words in force
def _aside_then_day() -> re.Pattern[str]:
    """'3 p.m. local time (0700 GMT) on Tuesday', '(0700 GMT) on Tuesday': the day after an
    aside in brackets is the day of the time before it."""
    return re.compile(_ASIDE_THEN_DAY % fragments(), re.IGNORECASE)


_ASIDE_THEN_DAY = r"(?:\)|\s*\([^()]{1,40}\))\s*,?\s+(?:on\s+)?(?P<day>%(DEICTIC)s|%(WEEKDAY)s|%(MONTH)s\s+\d{1,2}(?:st|nd|rd|th)?)\b"


def _day_after_aside(m: re.Match[str]) -> str | None:
    found = _aside_then_day().match(m.string, m.end())
    return found["day"] if found else None


def _day_phrase(text: str, ctx: Context) -> Period | None:
    word = _norm(text)
    words = time_words()
    if word in words.deictic:
        return periods.day(ctx.anchor + dt.timedelta(days=words.deictic[word]))
    if word in words.weekdays:
        return periods.day(infer_weekday(words.weekdays[word], ctx.anchor, ctx.tense()))
    month_text, _, day_text = text.strip().partition(" ")
    found = infer_day(
        month_number(month_text), int(re.sub(r"\D", "", day_text)), ctx.anchor, ctx.tense()
    )
    return periods.day(found) if found else None


def reference(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'now', 'currently', 'recently', 'the past', 'soon': vague, with a range; 'recent weeks',
    'the coming months' (value PXW, PXM) are vague durations that end or start at publication."""
    if "-" in m["ref"] and re.search(r"-term\b", m["ref"], re.IGNORECASE):
        return None  # "the long-term outlook", "near-term prospects": an adjective of a noun
    ref = time_words().references[_norm(m["ref"])]
    resolved = vague(ref.value, ctx.anchor, ref.low, ref.high)
    return replace(resolved, kind="duration") if ref.value.startswith("PX") else resolved


def _count(text: str | None) -> float | None:
    from ..quantities.numbers import parse_number

    return parse_number(text) if text else None


def ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'two years ago', 'a week ago', 'five months ago'; 'months ago' is vaguely in the past."""
    unit = _granularity(m["unit"])
    count = _count(m["num"])
    approx = time_words().approx.get(_norm(m["approx"])) if m["approx"] else None
    if count is None or count != int(count) or unit not in _ANCHORED_UNITS:
        return vague("PAST_REF", ctx.anchor, -_days(unit) * 10, 0)
    steps = -int(count) * (2 if _norm(m["unit"]).startswith("fortnight") else 1)
    focus = reported_quarter(ctx)
    if unit == "year" and focus is not None:
        shifted = periods.shifted(focus, steps, "year")
        return Resolution("date", shifted.value, shifted, approx, focus=False)
    target = periods.shift_date(ctx.anchor, steps, unit)
    if unit == "week":  # "two weeks ago" is the seven days around that day, named by its week
        value = periods.week(target).value
        around = Period(target - dt.timedelta(days=3), target + dt.timedelta(days=3), "week", value)
        return Resolution("date", value, around, approx, focus=False)
    period = periods.containing(unit, target)
    return Resolution("date", period.value, period, approx, focus=False)


def offset(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'a year earlier', 'two days later', 'three weeks before': from the date in focus."""
    unit = _granularity(m["unit"])
    count = 1 if _norm(m["num"]) == "the" else _count(m["num"])  # "the day before,"
    if count is None or count != int(count) or unit not in _ANCHORED_UNITS:
        return None
    steps = int(count) * (-1 if _norm(m["dir"]) in {"earlier", "before", "previously"} else 1)
    if _norm(m["dir"]) in {"from now", "hence"}:
        return date(periods.containing(unit, periods.shift_date(ctx.anchor, steps, unit)))
    focus = (reported_quarter(ctx) if unit == "year" else None) or ctx.reference()
    if _coarser(unit, focus.granularity) and not (
        unit == "year" and focus.granularity in {"quarter", "half", "season", "month"}
    ):
        return unfocused(periods.containing(unit, periods.shift_date(focus.start, steps, unit)))
    return unfocused(periods.shifted(focus, steps, unit))


_ORDER = ["minute", "hour", "part_of_day", "day", "week", "month", "season", "quarter", "half"]
_ORDER += ["year", "decade", "century", "fuzzy"]


def _coarser(unit: str, than: str) -> bool:
    return _ORDER.index(unit if unit in _ORDER else "day") > _ORDER.index(
        than if than in _ORDER else "day"
    )


def _days(unit: str) -> int:
    return {"week": 7, "month": 31, "quarter": 92, "year": 366, "decade": 3653}.get(unit, 1)
