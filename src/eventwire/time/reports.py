"""Financial reports: the quarter a report is about ("the quarter", "the latest period", "the
year-ago quarter", "the 1988 period", "the full year") and what is told a year before it."""

from __future__ import annotations

import re

from . import periods
from .periods import Period
from .state import Context, Resolution, date, unfocused


def _norm(text: str | None) -> str:
    return re.sub(r"[\s-]+", " ", (text or "").lower()).strip()


def full_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'the full year', 'the whole year': the year in focus, else this one."""
    focus = ctx.focus
    in_focus = focus is not None and focus.granularity in {"quarter", "half"}
    return date(periods.year(focus.start.year if focus and in_focus else ctx.anchor.year))


def period_in_focus(m: re.Match[str], ctx: Context) -> Resolution | None:
    """Financial news: 'the quarter', 'the latest period', 'the year-ago quarter', 'the 1988
    period' are the quarter in focus (else the last completed one), moved as the words say."""
    adjective = _norm(m["adj"])
    if _norm(m["what"]) == "period" and not (adjective or m["yr"] or m["back"]):
        return None  # "the period" alone is any period
    this_quarter = periods.containing("quarter", ctx.anchor)
    last_quarter = periods.shifted(this_quarter, -1, "quarter")
    focus = reported_quarter(ctx)
    if adjective == "current" or (focus is None and _norm(m["det"]) == "this"):
        focus = this_quarter
    elif focus is None or (adjective in _LATEST and focus.end >= ctx.anchor and not ctx.fiscal):
        focus = last_quarter  # "the latest quarter" has ended
    if m["yr"]:
        return unfocused(periods.shifted(focus, int(m["yr"]) - focus.start.year, "year"))
    # "the year-ago quarter", "the same period last year", "last year's quarter"
    year_back = m["back"] or _norm(m["det"]).startswith("last year")
    if year_back or "year" in adjective or adjective in {"comparable", "corresponding"}:
        return unfocused(periods.shifted(focus, -1, "year"))
    return date(focus)


_LATEST = {"latest", "most recent", "just ended"}


def reported_quarter(ctx: Context) -> Period | None:
    """The period a financial report is about: the last quarter or half named that had begun by
    the publication date ("a fourth-quarter charge" it will take is not), while the date in
    focus lies in it ("the third quarter ended Sept. 30") or it was named as a fiscal quarter."""
    quarter, focus = ctx.quarter, ctx.focus
    if quarter is None or focus is None:
        return None
    if ctx.fiscal:
        return quarter  # "the fiscal first quarter ended Sept. 29" is still the first quarter
    return quarter if quarter.start <= focus.start and focus.end <= quarter.end else None


# "compared with a loss of $3 million last year", "down from 18 cents a share last year", "up
# from last year's $1.55 billion": a figure compared with the one told "last year"
_COMPARED = re.compile(
    r"\b(?:from|compared\s+(?:with|to)|against|versus|vs\.|than)\b[^.;:!?]*$", re.IGNORECASE
)
_FIGURE_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|trillion|cents?|a\s+share|percent)|%),?\s+$", re.IGNORECASE
)
_FIGURE_AFTER = re.compile(r"['’]s\s+(?:[$#£€]|[A-Z]{1,2}\$)?\d")


def figure_a_year_back(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'last year' after a figure compared with it, in a report on a quarter: the figure is the
    quarter's a year back, as 'a year ago' is ('net of $24 million, compared with a loss of $3
    million last year'); after 'for the nine months' it is last year's nine months, named by the
    year. None where no figure is compared ('Last year, the company earned ...')."""
    quarter = reported_quarter(ctx)
    if quarter is None:
        return None
    text, start = m.string, m.start()
    before = text[max(0, start - 80) : start]
    figure = _FIGURE_BEFORE.search(before) or _FIGURE_AFTER.match(text, m.end())
    if figure is None or _COMPARED.search(before) is None:
        return None
    return unfocused(periods.shifted(quarter, -1, "year"))


def year_ago_adjective(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'year-earlier', 'year-ago' before a noun: the quarter the report is about (else the
    period in focus) a year back, as for 'a year ago' ('the year-ago results' after 'the third
    quarter ended Sept. 30' are of the third quarter a year before)."""
    focus = reported_quarter(ctx) or ctx.reference()
    if focus.granularity in {"quarter", "half", "month"} and focus.start <= ctx.anchor:
        return unfocused(periods.shifted(focus, -1, "year"))
    return unfocused(periods.year(ctx.anchor.year - 1))
