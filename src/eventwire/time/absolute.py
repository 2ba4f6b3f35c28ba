"""Rules for calendar dates named in the text: "2023-01-05", "Jan. 5", "5 January 2021",
"March 2022", "last April", "in 2019", "the 1990s", "the third quarter", "Christmas"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..model import Granularity
from . import counts, periods
from .calendar_words import (
    day_number,
    holiday_date,
    infer_day,
    infer_holiday,
    infer_month,
    infer_quarter,
    month_number,
    safe_date,
    weekday_number,
    year_number,
)
from .grammar import compile_rule
from .lexicon import time_words
from .state import Context, Resolution, Rule, date

_MODP = r"(?:(?P<mod>%(MOD)s)[\s-]+)?"
# prepositions after which a bare year or an ambiguous month name ("May", "March") is a date
_CUE = r"(?:in|since|until|till|by|during|from|to|through|throughout|before|after|between|of|for|around|as\s+of|beyond|on)"
# "and"/"or" cue a year weakly (see `counts`); "than" only after later/earlier/sooner: "more than
# 1600" is a count; "due" is a bond's year ("notes due 1998")
_YEAR_CUE = _CUE + r"|(?:later|earlier|sooner)\s+than|early|late|mid|and|or|due"
_WEAK_CUES = {"and", "or"}
# prepositions that take a year, hardly a count: "since 1980 requires" is a year and a verb
_NEVER_COUNTS = {"since", "until", "till", "during", "throughout"}
# "the first half of the decade", not "the third quarter of $226 million" or "... of the year"
_OF_SOMETHING = re.compile(
    r"\s+of\s+(?:the|a|an|that|its|their|his|her)\s+(?!(?:fiscal\s+|calendar\s+)?year\b)",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(r"(?:1[5-9]|20)\d\d,?\s+$")  # "1779 and 1780": a list of years


def _mod(m: re.Match[str]) -> str | None:
    word = m.groupdict().get("mod")
    return time_words().modifiers.get(re.sub(r"[\s-]+", " ", word.lower())) if word else None


def _year(m: re.Match[str], group: str = "yr") -> int | None:
    text = m.groupdict().get(group)
    return year_number(text) if text else None


def iso_date(m: re.Match[str], ctx: Context) -> Resolution | None:
    day = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    if day is None:
        return None
    if m["hh"]:
        return clock_on(periods.day(day), int(m["hh"]), int(m["mi"]))
    return date(periods.day(day))


def numeric_date(m: re.Match[str], ctx: Context) -> Resolution | None:
    """1/5/2023: month first as in US news, unless the first number cannot be a month."""
    first, second, year = int(m["a"]), int(m["b"]), int(m["y"])
    year += 2000 if year < 50 else 1900 if year < 100 else 0
    month, day = (second, first) if first > 12 else (first, second)
    found = safe_date(year, month, day)
    return date(periods.day(found)) if found else None


def month_day(m: re.Match[str], ctx: Context) -> Resolution | None:
    month, day = month_number(m["mon"]), day_number(m["day"])
    year = _year(m)
    if day is None:
        return None
    told = year or ctx.narrative_year()
    found = safe_date(told, month, day) if told else infer_day(month, day, ctx.anchor, ctx.tense())
    if found is None:
        return None
    if m.groupdict().get("wd") and not year:
        # "Friday, Oct. 13": the weekday confirms the year when the day alone leaves it open
        wanted = weekday_number(m["wd"])
        for candidate in (found.replace(year=found.year + k) for k in (0, -1, 1)):
            if candidate.isoweekday() == wanted:
                found = candidate
                break
    return date(periods.day(found))


def day_range(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'5-6 April 2016', 'April 5-6': from the first day to the last."""
    last = month_day(m, ctx)
    first = day_number(m["d1"])
    if last is None or last.period is None or first is None:
        return None
    start = safe_date(last.period.start.year, last.period.start.month, first)
    if start is None or start >= last.period.start:
        return None
    value = f"{start.isoformat()}/{last.value}"
    return Resolution("date", value, periods.Period(start, last.period.end, "day", value))


def month_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    year = _year(m)
    return date(periods.month(year, month_number(m["mon"])), _mod(m)) if year else None


def month_of_relative_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'July last year', 'January this year'."""
    step = time_words().relative[m["rel"].lower()]
    return date(periods.month(ctx.anchor.year + step, month_number(m["mon"])))


def month_alone(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'in March', 'last April', 'early September', 'this past June'."""
    month = month_number(m["mon"])
    rel = (m.groupdict().get("rel") or "").lower().replace("the ", "").split()
    step = time_words().relative.get(rel[0], 0) if rel else 0
    if rel and rel[-1] in {"past", "coming"}:
        step = -1 if rel[-1] == "past" else 1
    if step == 0 and rel:  # "this April": this year's
        return date(periods.month(ctx.anchor.year, month), _mod(m))
    told = None if rel else ctx.narrative_year()
    if told is not None:  # "In 1939 ... in September"
        return date(periods.month(told, month), _mod(m))
    tense = "past" if step < 0 else "future" if step > 0 else ctx.tense()
    period = infer_month(month, ctx.anchor, tense)
    if step < 0 and period.start.month == ctx.anchor.month and period.start.year == ctx.anchor.year:
        period = periods.month(ctx.anchor.year - 1, month)  # "last February" said in February
    if step > 0 and period.start.year == ctx.anchor.year and month == ctx.anchor.month:
        period = periods.month(ctx.anchor.year + 1, month)
    return date(period, _mod(m))


def year_alone(m: re.Match[str], ctx: Context) -> Resolution | None:
    """A bare number is a year only with a cue: a preposition, 'fiscal', 'early', "1990's",
    or, weakly, 'and'/'or' or the end of a clause ("...than in 1990."); never when it reads as
    a count ("more than 1600 civilians")."""
    year = _year(m)
    if year is None:
        return None
    if m["yr"][:1].isdigit() and not _digits_are_a_year(m, year, ctx):
        return None
    return date(periods.year(year), _mod(m))


def _digits_are_a_year(m: re.Match[str], year: int, ctx: Context) -> bool:
    cue = (m["cue"] or "").lower()
    if m["fiscal"]:
        return True  # "fiscal year 2013 looks better": a year, whatever follows
    if counts.counted_after(m.string, m.end(), plural=cue not in _NEVER_COUNTS):
        return False
    if counts.count_cued_before(m.string, m.start()) or counts.street_after(m.string, m.end()):
        return False
    if (not cue or cue in _WEAK_CUES) and _YEAR_BEFORE.search(
        m.string, max(0, m.start() - 8), m.start()
    ):
        return True
    if (cue and cue not in _WEAK_CUES) or m["mod"] or m["fiscal"] or m["poss"]:
        return True
    weak = bool(cue) or m.string[m.end() : m.end() + 1] in {",", ".", ";", ":", ")", "", "\n"}
    weak = weak or counts.modifies_a_noun(m.string, m.start(), m.end())
    weak = weak or counts.opens_a_sentence_as_subject(m.string, m.start(), m.end())
    return weak and counts.plausible_weakly_cued(year, ctx.anchor.year)


def year_range(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'2019-2021', '1990-91': one range from the start of the first year to the end of the last."""
    first = int(m["y1"])
    tail = m["y2"]
    last = int(tail) if len(tail) == 4 else first - first % 100 + int(tail)
    if not first < last <= first + 50 or counts.counted_after(m.string, m.end()):
        return None
    start, end = periods.year(first), periods.year(last)
    return date(periods.Period(start.start, end.end, "year", f"{first}/{last}"))


# "in his fifties", "in her late twenties": an age, not a decade
_AGE_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our)\s+$", re.IGNORECASE)


def decade(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["decw"] and _AGE_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
        return None
    if m["dec"]:
        first = int(m["dec"])
        if first % 100 == 0 and first < 2000:
            # "the 1800s", "the early 1900s": the century whose years begin so (TimeML '18');
            # "the 2000s" is read as its first decade, as news mostly means it
            return date(periods.century(first // 100 + 1), _mod(m))
    elif m["dd"]:
        first = 1900 + int(m["dd"])
    else:
        tens = {w[:-1] + "ies": v for w, v in _tens().items()}
        first = 1900 + tens[m["decw"].lower()]
    return date(periods.decade(first), _mod(m))


def _tens() -> dict[str, int]:
    from ..quantities.numbers import number_words

    return {
        w: int(n.value)
        for w, n in number_words().items()
        if n.kind == "cardinal" and 20 <= n.value <= 90 and w.endswith("y")
    }


def century(m: re.Match[str], ctx: Context) -> Resolution | None:
    number = day_number(m["ord"])
    return date(periods.century(number), _mod(m)) if number and 1 <= number <= 30 else None


def _prefix_year(prefix: str, ctx: Context) -> int | None:
    """The year a quarter belongs to, from the words before it: 'the 1988', "last year's",
    'the year-ago' (a year before the quarter in focus)."""
    digits = re.search(r"(1[5-9]|20)\d\d", prefix)
    if digits:
        return int(digits[0])
    rel = re.search(r"(this|last|next)\s+year", prefix)
    if rel:
        return ctx.anchor.year + time_words().relative[rel[1]]
    if re.search(r"year[\s-](ago|earlier)", prefix):
        return ctx.reference().start.year - 1
    return None


def quarter_named(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'the third quarter', 'third-quarter', 'the second half of 1990', "next year's first
    quarter", 'the first two quarters' (a half): of the year named, else this year's (last year's if it lies ahead in a past clause)."""
    number = day_number(m["ord"])
    is_half = m["qh"].lower() == "half"
    if bool(m["two"]) != (m["qh"].lower() == "quarters"):
        return None  # "the first quarters", "the first two halves"
    if m["two"]:  # "the first two quarters of 1990" is its first half
        is_half = True
    if number is None or not 1 <= number <= (2 if is_half else 4):
        return None
    if not (m["yr"] or m["rel"]) and _OF_SOMETHING.match(m.string, m.end()):
        return None  # "the first half of the decade", "the second quarter of the match"
    year = _year(m) or _prefix_year((m["pre"] or "").lower(), ctx)
    if year is None and m["rel"]:
        year = ctx.anchor.year + time_words().relative[m["rel"].lower()]
    if is_half:
        return date(periods.half(year or ctx.anchor.year, number))
    fiscal = "fiscal" in (m["pre"] or "").lower()
    if year is None:
        quarter = infer_quarter(number, ctx.anchor, ctx.tense())
        # results told in the past for a quarter still under way: a fiscal one that has ended
        under_way = quarter.start <= ctx.anchor <= quarter.end and ctx.tense() == "past"
        return replace(date(quarter), fiscal=fiscal or under_way)
    return replace(date(periods.quarter(year, number)), fiscal=fiscal)


def quarter_short(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'Q3', '3Q', 'Q3 2019', "Q1 '24"."""
    number = int(m["q1"] or m["q2"])
    year_text = (m["yr"] or "").lstrip("'’")
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text) if year_text else None
    if year is None:
        return date(infer_quarter(number, ctx.anchor, ctx.tense()))
    return date(periods.quarter(year, number))


def holiday(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'Christmas', 'Easter 2021', 'Thanksgiving': the day it falls on that year."""
    name = re.sub(r"[\s-]+", " ", m["hol"].lower())
    year = _year(m) or ctx.narrative_year()
    found = holiday_date(name, year) if year else infer_holiday(name, ctx.anchor, ctx.tense())
    return date(periods.day(found)) if found else None


def week_of_month(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'the first week of April', 'the last week of May 2012': seven days of the month (the
    first, second ... counted from its first day; the last ending on its last day), valued as
    the ISO week holding their middle day."""
    month = month_number(m["mon"])
    year = (
        _year(m) or ctx.narrative_year() or infer_month(month, ctx.anchor, ctx.tense()).start.year
    )
    which = m["ord"].lower()
    last_day = periods.month_end(year, month).day
    if which in {"last", "final"}:
        first = last_day - 6
    else:
        number = day_number(which)
        if number is None or not 1 <= number <= 4:
            return None
        first = 1 + 7 * (number - 1)
    start = dt.date(year, month, first)
    end = start + dt.timedelta(days=6)
    middle = periods.week(start + dt.timedelta(days=3))
    return date(periods.Period(start, end, "week", middle.value))


def clock_on(day: periods.Period, hour: int, minute: int | None) -> Resolution:
    """A time of day on a day: value 2023-01-05T15:30; the date range stays that day."""
    value = f"{day.value}T{hour:02d}:{minute or 0:02d}"
    granularity: Granularity = "minute" if minute else "hour"
    return Resolution("time", value, periods.Period(day.start, day.end, granularity, value))


RULES = [
    Rule(
        "iso",
        compile_rule(
            r"(?P<y>\d{4})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mi>[0-5]\d)(?::\d\d)?Z?)?"
        ),
        iso_date,
    ),
    Rule(
        "numeric",
        compile_rule(r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d\d)"),
        numeric_date,
    ),
    Rule(
        "month-day",
        compile_rule(
            r"(?:(?P<wd>%(WEEKDAY)s),?\s+(?:the\s+)?)?(?P<mon>%(MONTH)s)\s+(?:the\s+)?(?P<day>%(DAYNUM)s|%(ORD)s)(?:,?\s+(?P<yr>%(YEAR)s|%(YEARW)s))?"
        ),
        month_day,
    ),
    Rule(
        "day-month",
        compile_rule(
            r"(?:(?P<wd>%(WEEKDAY)s),?\s+)?(?:the\s+)?(?P<day>%(DAYNUM)s|%(ORD)s)(?:\s+of)?\s+(?P<mon>%(MONTH)s)(?:,?\s+(?P<yr>%(YEAR)s|%(YEARW)s))?"
        ),
        month_day,
    ),
    Rule(
        "day-range",
        compile_rule(
            r"(?P<d1>%(DAYNUM)s)\s?[-–]\s?(?P<day>%(DAYNUM)s)\s+(?:of\s+)?(?P<mon>%(MONTH)s)(?:,?\s+(?P<yr>%(YEAR)s))?"
        ),
        day_range,
    ),
    Rule(
        "month-day-range",
        compile_rule(
            r"(?P<mon>%(MONTH)s)\s+(?P<d1>%(DAYNUM)s)\s?[-–]\s?(?P<day>%(DAYNUM)s)(?:,?\s+(?P<yr>%(YEAR)s))?"
        ),
        day_range,
    ),
    Rule(
        "month-year",
        compile_rule(_MODP + r"(?P<mon>%(MONTH)s),?\s+(?:of\s+)?(?P<yr>%(YEAR)s|%(YEARW)s)"),
        month_year,
    ),
    Rule(
        "month-of-year",
        compile_rule(r"(?P<mon>%(MONTH_ANY)s)\s+(?P<rel>last|next|this)\s+year"),
        month_of_relative_year,
    ),
    Rule(
        "month-relative",
        compile_rule(
            r"(?:(?P<mod>%(MOD)s)[\s-]+|(?P<rel>(?:the\s+)?(?:%(REL)s)(?:\s+(?:past|coming))?)\s+)(?P<mon>%(MONTH_ANY)s)"
        ),
        month_alone,
    ),
    Rule("month-cue", compile_rule(_CUE + r"\s+(?P<core>(?P<mon>%(MONTH_ANY)s))"), month_alone),
    Rule("month", compile_rule(r"(?P<mon>%(MONTH_NAME)s)"), month_alone),
    Rule(
        "year",
        compile_rule(
            r"(?:(?P<cue>"
            + _YEAR_CUE
            + r")\s+)?(?P<core>(?:(?P<mod>%(MOD)s)[\s-]+)?(?:(?P<fiscal>(?:the\s+)?(?:fiscal|calendar|financial|model)(?:\s+year)?|the\s+year)\s+)?(?P<yr>%(YEAR)s|%(YEARW)s)(?P<poss>['’]s)?)"
        ),
        year_alone,
    ),
    Rule(
        "year-range",
        compile_rule(r"(?P<y1>%(YEAR)s)\s?[-–/]\s?(?P<y2>(?:1[5-9]|20)?\d\d)(?![\d-])"),
        year_range,
    ),
    Rule(
        "decade",
        compile_rule(
            r"(?:the\s+)?"
            + _MODP
            + r"(?:(?P<dec>(?:1[5-9]|20)\d0)['’]?s|['’](?P<dd>\d0)['’]?s|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"
        ),
        decade,
    ),
    Rule(
        "century",
        compile_rule(r"(?:the\s+)?" + _MODP + r"(?P<ord>%(ORD)s)[\s-]+century"),
        century,
    ),
    Rule(
        "quarter",
        compile_rule(
            r"(?P<pre>(?:(?:the|its|their|a|this|that|latest|current|same|comparable|corresponding|flat|fiscal|fiscal-|year-ago|year-earlier|calendar|(?:this|last|next)\s+year['’]s|%(YEAR)s(?:['’]s)?)[\s-]+){0,4})(?P<ord>%(ORD)s)(?:\s+(?P<two>two))?[\s-]+(?P<qh>quarters|quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?:(?P<yr>%(YEAR)s)|(?P<rel>this|last|next)\s+year))?"
        ),
        quarter_named,
    ),
    Rule(
        "quarter-short",
        compile_rule(
            r"(?:(?P<q1>[1-4])Q|Q(?P<q2>[1-4]))(?:[\s-]*(?P<yr>%(YEAR)s|['’]\d\d))?",
            ignore_case=False,
        ),
        quarter_short,
    ),
    Rule(
        "week-of-month",
        compile_rule(
            r"the\s+(?P<ord>last|final|%(ORD)s)\s+week\s+of\s+(?P<mon>%(MONTH_ANY)s)(?:,?\s+(?P<yr>%(YEAR)s))?"
        ),
        week_of_month,
    ),
    Rule("holiday", compile_rule(r"(?P<hol>%(HOLIDAY)s)(?:,?\s+(?P<yr>%(YEAR)s))?"), holiday),
]
