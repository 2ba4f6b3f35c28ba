"""Every rule of the time stage: a name, a pattern (compiled once, at import) and a resolver.

Where two rules match overlapping text, the longer match wins (see `finder`), so rules can be
written independently: "early next year" beats "next year", "the past two years" beats "the past".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..kb import derived
from . import absolute, durations, relative, reports
from .grammar import compile_rule
from .lexicon import TimeWords, time_words
from .state import Rule

_MODP = r"(?:(?P<mod>%(MOD)s)[\s-]+)?"
# "over the past year", "over several years": before a determiner or a vague count "over" is a
# preposition, not "more than"
_APPROXP = (
    r"(?:(?P<approx>%(APPROX)s)\s+(?!(?:the|this|that|these|those|its|their|several|many)\b))?"
)
_REL = r"(?:the\s+)?(?:%(REL)s|same|that)(?:\s+(?:past|coming))?"
# "will last three weeks": after a modal or "to", "last" is the verb, not "the last three weeks"
_LAST = "".join(rf"(?<!\b{w}\s)" for w in ("will", "would", "could", "may", "might", "can"))
_LAST += "".join(rf"(?<!\b{w}\s)" for w in ("should", "must", "to", "not", "ll", "did", "does"))
_LAST += "last"
_NOT_AN_OBJECT = r"(?=\s*[,.;:!?)]|\s*$)"  # "two days before," but not "two days before the vote"

RELATIVE_RULES = [
    Rule(
        "relative",
        compile_rule(
            _MODP
            + r"(?P<rel>"
            + _REL
            + r")\s+(?:fiscal\s+)?(?P<unit>day|week|month|quarter|year|decade|century)(?:\s+or\s+so)?"
        ),
        relative.relative_unit,
    ),
    Rule(
        "end-of",
        compile_rule(
            r"(?P<mod>%(MOD)s)\s+(?:(?:in\s+)?(?P<det>the|this)\s+(?P<unit>week|month|quarter|year|decade)|in\s+the\s+(?P<day>day))|year[\s-]end|year['’]s\s+end"
        ),
        relative.end_of_unit,
    ),
    Rule(
        "full-year",
        # "For the year, sales were flat": in a report, the year of the quarter reported on
        compile_rule(
            r"the\s+(?:full|whole|entire)\s+(?:fiscal\s+|calendar\s+)?year|(?<=\bfor\s)the\s+year(?=\s*,)"
        ),
        reports.full_year,
    ),
    Rule(
        "deictic",
        compile_rule(
            _MODP + r"(?:(?P<part1>%(PART)s)\s+)?(?P<deix>%(DEICTIC)s)(?:\s+(?P<part>%(PART)s))?"
        ),
        relative.deictic,
    ),
    Rule(
        "part-of-day",
        compile_rule(
            r"the\s+(?P<ofpart>%(PART)s)\s+of\s+(?:(?P<ofwd>%(WEEKDAY)s)|(?:%(WEEKDAY)s,?\s+)?(?P<ofmon>%(MONTH)s)\s+(?P<ofday>%(DAYNUM)s)(?:,?\s+(?P<ofyr>%(YEAR)s))?)"
            r"|(?P<pre>this|last|tomorrow|yesterday|the|that|(?:early|late|later|earlier)\s+this|%(MOD)s)[\s-]+(?P<part>%(PART)s)|(?P<over>overnight|tonight|last\s+night)"
        ),
        relative.part_of_day,
    ),
    Rule(
        "weekday",
        compile_rule(
            r"(?:(?P<pre>(?:the\s+)?(?:%(REL)s|this\s+past|this\s+coming|%(MOD)s))[\s-]+)?(?P<wd>%(WEEKDAY)s)(?:,?\s+(?P<part>%(PART)s))?"
        ),
        relative.weekday,
    ),
    Rule(
        "weekend",
        compile_rule(
            r"(?P<det>the|this|last|next|that|this\s+past|this\s+coming|the\s+(?:last|past|next|coming|previous|following))\s+weekend"
        ),
        relative.weekend,
    ),
    Rule(
        "season",
        compile_rule(
            r"(?:(?P<pre>(?:the\s+)?(?:%(REL)s|this\s+past|this\s+coming|that|%(MOD)s))[\s-]+)?(?P<the>the\s+)?(?P<season>%(SEASON)s)(?:\s+of\s+(?P<yr>%(YEAR)s|%(YEARW)s))?"
        ),
        relative.season,
    ),
    Rule(
        "clock",
        compile_rule(
            _APPROXP
            + r"(?:(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s?(?P<ampm>[ap]\.?\s?m\b\.?)|(?P<h24>[01]?\d|2[0-3])[:.](?P<mi24>[0-5]\d)(?=\s*(?:GMT|UTC|local\s+time|hours|hrs|(?-i:[A-Z]{1,3}T)\b))|(?P<hh4>[01]\d|2[0-3])(?P<mm4>[0-5]\d)(?=\s+(?-i:GMT|UTC)\b)|(?P<cw>%(CLOCKWORD)s)|(?P<oc>[01]?\d)\s+o['’]clock)"
            + r"(?:\s+(?-i:GMT|UTC|[A-Z]{1,3}T)\b)?(?:\s+local\s+time)?"
            # "10 p.m. Wednesday" is one expression; in "3 p.m. on Tuesday" the preposition is
            # a signal between two (TimeML): the day only tells which day the time is on
            + r"(?:,?\s+(?P<day>%(DEICTIC)s|%(WEEKDAY)s|%(MONTH)s\s+\d{1,2}(?:st|nd|rd|th)?)|(?=,?\s+on\s+(?P<onday>%(DEICTIC)s|%(WEEKDAY)s|%(MONTH)s\s+\d{1,2}(?:st|nd|rd|th)?)))?"
        ),
        relative.clock,
    ),
    Rule("reference", compile_rule(r"(?P<ref>%(REFERENCE)s)"), relative.reference),
    Rule(
        "period",
        compile_rule(
            r"(?P<det>the|this|that|its|last\s+year['’]s)\s+(?:(?P<adj>latest|current|same|most\s+recent|comparable|corresponding|year[\s-]ago|year[\s-]earlier|prior[\s-]year|just[\s-]ended|fiscal)\s+)?(?:(?P<yr>%(YEAR)s)\s+)?(?P<what>quarter|period)(?:\s+(?P<back>last\s+year|a\s+year\s+(?:ago|earlier)))?"
        ),
        reports.period_in_focus,
    ),
    Rule(
        "year-ago",
        compile_rule(
            r"(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:year[\s-](?:earlier|ago)|prior[\s-]year)"
        ),
        reports.year_ago_adjective,
    ),
    Rule(
        "ago",
        compile_rule(
            _APPROXP + r"(?:(?P<num>%(NUM)s|%(FEW)s)[\s-]+)?(?P<unit>%(UNIT)s)(?:\s+or\s+so)?\s+ago"
        ),
        relative.ago,
    ),
    Rule(
        "offset",
        compile_rule(
            _APPROXP
            + r"(?P<num>%(NUM)s|the)[\s-]+(?P<unit>%(UNIT)s)\s+(?P<dir>earlier|later|previously|from\s+now|hence|(?:before|after)"
            + _NOT_AN_OBJECT
            + ")"
        ),
        relative.offset,
    ),
]

DURATION_RULES = [
    Rule(
        "duration",
        compile_rule(
            _APPROXP
            + r"(?:(?:the|each\s+of\s+the|another|an\s+additional)\s+)?(?:(?P<rel>first|"
            + _LAST
            + r"|past|next|coming|latest|previous|following|final|initial|remaining|preceding)\s+)?(?P<num>%(NUM)s|%(FEW)s)(?:\s+(?:more|additional|full|straight|consecutive|trading|business|working|calendar))?[\s-]+(?P<unit>%(UNIT)s)(?P<half>\s+and\s+a\s+half)?(?:[\s-]+(?:long|old))?(?:\s+or\s+so)?"
        ),
        durations.duration,
    ),
    Rule(
        "year-ended",
        compile_rule(
            r"the\s+(?:fiscal\s+|financial\s+)?(?P<unit>year|quarter)(?=\s+(?:that\s+)?(?:ended|ending|ends)\b)"
        ),
        durations.period_ended,
    ),
    Rule(
        "vague-duration",
        compile_rule(
            # "for years", "over the years", "through the decades"; "years of war", "after months
            # of talks" (a stretch of them: not "the years of the war", "months of age")
            r"(?:(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\bthrough\s)|(?<=\bthroughout\s))(?:many\s+|several\s+|the\s+(?=(?:years|decades|centuries)\b(?!\s+(?:ahead|to\s+come)\b)))?(?P<unit>years|months|weeks|days|decades|centuries|hours)(?!\s+(?:ago|of|to|earlier|later|before|after)\b|\s*\d)"
            r"|(?P<ulong>decades?|years?|months?|weeks?|days?|hours?|centuries|century)-long"
            # "Hours later", "days after the vote": a stretch of them between two events
            r"|(?<!\bthe\s)(?<!\bthose\s)(?<!\bthese\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bfirst\s)(?<!\blast\s)(?<!\bearly\s)(?<!\bfinal\s)(?P<unitlater>minutes|hours|days|weeks|months|years|decades)(?=\s+(?:later|earlier|after|before)\b)"
            r"|(?<!\bthe\s)(?<!\bthose\s)(?<!\bthese\s)(?<!\bits\s)(?<!\btheir\s)(?P<unitof>years|months|weeks|decades)(?=\s+of\s+(?!(?:the|age|his|her|their|its|a|an)\b)[a-z]))"
        ),
        durations.vague_duration,
    ),
    Rule(
        "set",
        compile_rule(
            r"(?:(?P<freq>once|twice|thrice|(?:%(NUM)s)\s+times)\s+)?(?P<set>%(SETWORD)s)|(?:each|every)\s+(?:(?P<wd>%(WEEKDAY)s)|(?P<mon>%(MONTH_ANY)s)|(?P<every>%(NUM)s|other|few|several)\s+(?P<unit>%(UNIT)s))"
        ),
        durations.recurring,
    ),
]

RULES = absolute.RULES + RELATIVE_RULES + DURATION_RULES

# Words every match of a rule contains (lower case; DIGITS, YEAR, CLOCK, MONTH, WEEKDAY stand for
# any number, a number from 1500 to 2099, a number before a colon, a capitalised month or weekday
# name): rules run only near such a word, so that a text is read once word by word and the full
# patterns see a small part of it.
DIGITS, YEAR, CLOCK, MONTH, WEEKDAY = "<digits>", "<year>", "<clock>", "<month>", "<weekday>"


def _last_words(phrases: Iterable[str]) -> set[str]:
    return {phrase.split()[-1] for phrase in phrases}


def _holiday_words(words: TimeWords) -> set[str]:
    """The last word of each holiday's name, or where that is a month or weekday name (read as
    MONTH and WEEKDAY) its longest other word: "good" in "Good Friday", "fourth" in "the fourth
    of July"."""
    names = [*words.holidays, *words.nth_weekday_holidays, *words.easter_holidays]
    calendar = set(words.months) | set(words.weekdays)
    found = set()
    for name in names:
        last = name.split()[-1]
        plain = [w for w in re.findall(r"[^\W\d_]+", name) if w not in calendar]
        found.add(max(plain, key=len) if last in calendar and plain else last)
    return found


def _triggers() -> dict[str, frozenset[str]]:
    words = time_words()
    units = set(words.units)
    months = {MONTH}
    return {
        name: frozenset(trigger)
        for name, trigger in {
            "iso": {YEAR},
            "numeric": {DIGITS},
            "month-day": months,
            "day-range": months,
            "month-day-range": months,
            "day-month": months,
            "month-year": months,
            "month-of-year": months,
            "month-relative": months,
            "month-cue": months,
            "month": months,
            "year": {YEAR, "eighteen", "nineteen", "twenty", "thousand"},
            "year-range": {YEAR},
            "decade": {"s", "twenties", "thirties", "forties", "fifties", "sixties"}
            | {"seventies", "eighties", "nineties"},
            "century": {"century"},
            "quarter": {"quarter", "quarters", "half"},
            "quarter-short": {"q"},
            "week-of-month": {"week"},
            "holiday": _holiday_words(words) | {"s", "day"},
            "relative": units,
            "end-of": units | {"end"},
            "full-year": {"year"},
            "deictic": _last_words(words.deictic),
            "part-of-day": set(words.parts_of_day) | {"overnight", "tonight"},
            "weekday": {WEEKDAY},
            "weekend": {"weekend"},
            "season": set(words.seasons),
            # "p.m." is read as the words "p" and "m": "m" is rare, "a" is in every sentence
            "clock": {CLOCK, "m", "pm", "am", "clock", "gmt", "utc"} | set(words.clock),
            "reference": _last_words(words.references),
            "period": {"quarter", "period"},
            "year-ago": {"earlier", "ago", "prior"},
            "ago": {"ago"},
            "offset": {"earlier", "later", "previously", "now", "hence", "before", "after"},
            "duration": units,
            "year-ended": {"year", "quarter"},
            "vague-duration": units,
            "set": _last_words(words.sets) | {"each", "every"},
        }.items()
    }


@derived  # from the time words in force: built when the first text is coded, not at import
def triggers() -> dict[str, frozenset[str]]:
    return _triggers()


def trigger_words() -> frozenset[str]:
    return frozenset(word for words in triggers().values() for word in words)
