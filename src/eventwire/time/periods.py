"""Calendar periods with their TimeML values: a day, an ISO week, a month, a quarter, a season,
a year, a decade; shifting them by whole units and narrowing them ("early March")."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from ..model import Granularity

# how many months one step of a unit is (weeks and days are handled in days)
MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12, "decade": 120}
MONTHS_PER |= {"century": 1200, "millennium": 12000}
DAYS_PER = {"day": 1, "week": 7, "weekend": 7, "hour": 1, "minute": 1, "part_of_day": 1}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    granularity: Granularity
    value: str  # TimeML value: 2023-01-05, 2023-W05, 2023-01, 2023-Q1, 2023-SP, 2023, 202, 20

    def narrowed(self, mod: str | None) -> Period:
        """'early', 'mid', 'late': the first, middle or last third of the period."""
        if mod not in {"START", "MID", "END"} or self.start == self.end:
            return self
        days = (self.end - self.start).days + 1
        third = max(1, days // 3)
        if mod == "START":
            return replace(self, end=self.start + dt.timedelta(days=third - 1))
        if mod == "END":
            return replace(self, start=self.end - dt.timedelta(days=third - 1))
        start = self.start + dt.timedelta(days=third)
        return replace(
            self, start=start, end=start + dt.timedelta(days=max(0, days - 2 * third) - 1)
        )


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift_date(day: dt.date, count: int, unit: str) -> dt.date:
    """`day` moved by `count` units (month ends clamp: Jan 31 + 1 month is Feb 28)."""
    if unit in DAYS_PER:
        return day + dt.timedelta(days=count * DAYS_PER[unit])
    return add_months(day, count * MONTHS_PER.get(unit, 12))


def day(d: dt.date) -> Period:
    return Period(d, d, "day", d.isoformat())


def week(d: dt.date) -> Period:
    year, number, weekday = d.isocalendar()
    monday = d - dt.timedelta(days=weekday - 1)
    return Period(monday, monday + dt.timedelta(days=6), "week", f"{year}-W{number:02d}")


def weekend(d: dt.date) -> Period:
    """The Saturday and Sunday of the ISO week of `d`."""
    base = week(d)
    saturday = base.start + dt.timedelta(days=5)
    return Period(saturday, saturday + dt.timedelta(days=1), "week", f"{base.value}-WE")


def month(year: int, number: int) -> Period:
    return Period(
        dt.date(year, number, 1), month_end(year, number), "month", f"{year}-{number:02d}"
    )


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(
        dt.date(year, first, 1), month_end(year, first + 2), "quarter", f"{year}-Q{number}"
    )


def half(year: int, number: int) -> Period:
    first = 6 * (number - 1) + 1
    return Period(dt.date(year, first, 1), month_end(year, first + 5), "half", f"{year}-H{number}")


def season(year: int, code: str) -> Period:
    """A meteorological season; winter YYYY runs from December YYYY into the next year."""
    first, last = SEASON_MONTHS[code]
    end_year = year + 1 if last < first else year
    return Period(dt.date(year, first, 1), month_end(end_year, last), "season", f"{year}-{code}")


def year(number: int) -> Period:
    return Period(dt.date(number, 1, 1), dt.date(number, 12, 31), "year", str(number))


def decade(first_year: int) -> Period:
    start = first_year - first_year % 10
    return Period(dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "decade", str(start // 10))


def century(number: int) -> Period:
    """The 20th century: 1900-1999 (TimeML value '19')."""
    start = (number - 1) * 100
    return Period(
        dt.date(max(1, start), 1, 1), dt.date(start + 99, 12, 31), "century", f"{number - 1:02d}"
    )


def containing(granularity: str, d: dt.date, season_code: str = "") -> Period:
    """The period of a granularity that contains the day `d`."""
    if granularity == "week":
        return week(d)
    if granularity == "weekend":
        return weekend(d)
    if granularity == "month":
        return month(d.year, d.month)
    if granularity == "quarter":
        return quarter(d.year, (d.month - 1) // 3 + 1)
    if granularity == "half":
        return half(d.year, (d.month - 1) // 6 + 1)
    if granularity == "season" and season_code:
        return season(d.year - (1 if season_code == "WI" and d.month < 12 else 0), season_code)
    if granularity == "year":
        return year(d.year)
    if granularity == "decade":
        return decade(d.year)
    if granularity == "century":
        return century(d.year // 100 + 1)
    return day(d)


def shifted(period: Period, count: int, unit: str) -> Period:
    """The period of the same kind `count` units away: 1989-Q3 one year back is 1988-Q3."""
    if period.granularity == "season":
        code = period.value.rsplit("-", 1)[1]
        return season(shift_date(period.start, count, unit).year, code)
    if period.value.endswith("-WE"):
        return weekend(shift_date(period.start, count, unit))
    return containing(period.granularity, shift_date(period.start, count, unit))


def direction(period: Period, anchor: dt.date) -> str:
    if period.start > anchor:
        return "future"
    return "past" if period.end < anchor else "present"
