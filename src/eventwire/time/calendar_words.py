"""Reading calendar words (months, weekdays, years in digits or words) and choosing the year or
week a partial date falls in, given the publication date and the tense of the clause."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..quantities.numbers import parse_ordinal, parse_words
from . import periods
from .lexicon import time_words
from .periods import Period

_YEAR_WORDS = re.compile(r"^(eighteen|nineteen|twenty)[\s-]+(.+)$", re.IGNORECASE)


def month_number(text: str) -> int:
    return time_words().months[text.rstrip(".").lower()]


def weekday_number(text: str) -> int:
    """ISO weekday (Monday 1) of a weekday name, also in the plural ('Tuesdays')."""
    word = text.lower()
    return time_words().weekdays.get(word) or time_words().weekdays[word.rstrip("s")]


def year_number(text: str) -> int | None:
    """'1998', 'nineteen ninety-six', 'two thousand and one', "'89" (the 1900s)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text.startswith(("'", "’")) and text[1:].isdigit():
        return 1900 + int(text[1:])
    spoken = _YEAR_WORDS.match(text)
    if spoken:
        head = {"eighteen": 18, "nineteen": 19, "twenty": 20}[spoken[1].lower()]
        rest = spoken[2].lower().replace("oh", "").strip(" -")
        tail = 0 if rest == "hundred" else parse_words(rest)
        return None if tail is None else head * 100 + int(tail)
    value = parse_words(text)
    return int(value) if value is not None and 1000 <= value <= 2100 else None


def day_number(text: str) -> int | None:
    """'5', '5th', 'fifth', 'twenty-first'."""
    return parse_ordinal(text)


def _by_tense(past: dt.date, future: dt.date, anchor: dt.date, tense: str) -> dt.date:
    """The candidate the tense asks for; in the present tense, the nearer one."""
    if tense == "past":
        return past
    if tense == "future":
        return future
    return past if (anchor - past) <= (future - anchor) else future


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_day(month: int, day: int, anchor: dt.date, tense: str) -> dt.date | None:
    """A day without a year: the last one on or before the publication date in a past clause
    (but a later day of the publication date's month is this year's, as a month is: news names
    a day of last year's month with its year), the next one on or after it in a future clause
    ("Jan 5" in February is this January; "will meet on Jan 5" in December is next January)."""
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000: a leap year allows Feb 29
        return None
    candidates = [
        d
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (d := safe_date(y, month, day))
    ]
    past = max((d for d in candidates if d <= anchor), default=candidates[0])
    future = min((d for d in candidates if d >= anchor), default=candidates[-1])
    if tense == "past" and (future.year, future.month) == (anchor.year, anchor.month):
        return future  # "has set Nov. 10 as the deadline" on Nov. 2: not last year's Nov. 10
    return _by_tense(past, future, anchor, tense)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    """The nth ISO weekday of a month (nth -1: the last): the 4th Thursday of November 2013 is
    the 28th."""
    if nth < 0:
        last = periods.month_end(year, month)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return safe_date(year, month, 1 + (weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(name: str, year: int) -> dt.date | None:
    """The day a holiday falls on in a year: a fixed day, a weekday of a month, or a day moved
    by Easter."""
    words = time_words()
    if name in words.holidays:
        return safe_date(year, *words.holidays[name])
    if name in words.nth_weekday_holidays:
        return nth_weekday(year, *words.nth_weekday_holidays[name])
    return easter(year) + dt.timedelta(days=words.easter_holidays[name])


def infer_holiday(name: str, anchor: dt.date, tense: str) -> dt.date | None:
    """A holiday without a year, as a day without one: a fixed day by `infer_day`; one that
    moves, the last one on or before the publication date in a past clause, the next one on or
    after it in a future clause, the nearer one in the present tense."""
    fixed = time_words().holidays.get(name)
    if fixed:
        return infer_day(*fixed, anchor, tense)
    days = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := holiday_date(name, y))
    ]
    past = max((d for d in days if d <= anchor), default=days[0])
    future = min((d for d in days if d >= anchor), default=days[-1])
    return _by_tense(past, future, anchor, tense)


def infer_month(month: int, anchor: dt.date, tense: str) -> Period:
    """A month without a year, by the same rule (the current month counts as both)."""
    this = periods.month(anchor.year, month)
    past = this if month <= anchor.month else periods.month(anchor.year - 1, month)
    future = this if month >= anchor.month else periods.month(anchor.year + 1, month)
    chosen = _by_tense(past.start, future.start, anchor.replace(day=1), tense)
    return past if chosen == past.start else future


def infer_weekday(weekday: int, anchor: dt.date, tense: str) -> dt.date:
    """A weekday name: in a past clause the last one on or before the publication date (news
    names the day of publication by its weekday); in a future clause the next one after it; in
    the present tense the nearer of the two."""
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7 or 7
    past, future = anchor - dt.timedelta(days=back), anchor + dt.timedelta(days=ahead)
    if tense == "present" and back == 0:
        return anchor
    return _by_tense(past, future, anchor, tense)


def infer_season(code: str, anchor: dt.date, tense: str) -> Period:
    """A season without a year: the one under way; else the last one in a past clause, the next
    one in a future clause, the nearer one in the present tense."""
    current = periods.containing("season", anchor, code)
    if current.start <= anchor <= current.end:
        return current
    if current.start > anchor:
        past, future = periods.season(current.start.year - 1, code), current
    else:
        past, future = current, periods.season(current.start.year + 1, code)
    if tense == "present":  # the nearer one ("is planning a spring offensive" in February)
        return past if (anchor - past.end) < (future.start - anchor) else future
    return past if tense == "past" else future


def infer_quarter(number: int, anchor: dt.date, tense: str) -> Period:
    """A quarter without a year is this year's, unless it has not begun and the clause is past."""
    this = periods.quarter(anchor.year, number)
    if this.start > anchor and tense == "past":
        return periods.quarter(anchor.year - 1, number)
    return this
