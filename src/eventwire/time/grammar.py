"""Regular-expression fragments for temporal expressions, built once from the word lists.

Rules in `rules.py` are written with %(NAME)s placeholders for these fragments. Month and
weekday names match only capitalised (or upper case): "may" and "march" are a verb and a modal.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from weakref import WeakKeyDictionary

from ..kb import Knowledge, derived, in_force
from ..quantities.numbers import number_words
from .lexicon import time_words

# months that are also common words or given names: standalone only after a temporal cue
Match = re.Match[str]
AMBIGUOUS_MONTHS = {"march", "may", "june", "august", "april", "july"}


def alternation(words: Iterable[str]) -> str:
    """Longest first, so that 'the past few months' wins over 'the past'; spaces match any
    whitespace and a hyphen."""
    escaped = (
        re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(set(words), key=len, reverse=True)
    )
    return "(?:" + "|".join(escaped) + ")"


def _capitalised(words: Iterable[str], dotted: bool = False) -> str:
    """Case-sensitive forms: 'January', 'JANUARY', and for abbreviations an optional full stop."""
    forms = []
    for word in sorted(set(words), key=len, reverse=True):
        for form in (word.capitalize(), word.upper()):
            forms.append(re.escape(form) + (r"\.?" if dotted else ""))
    return "(?-i:(?:" + "|".join(forms) + r"))(?![A-Za-z])"


def _numbers(kind: str, low: float = 0, high: float = 1e15) -> list[str]:
    return [w for w, n in number_words().items() if n.kind == kind and low <= n.value <= high]


def _year_words() -> str:
    ones = alternation(_numbers("cardinal", 1, 9))
    teens = alternation(_numbers("cardinal", 10, 19))
    tens = alternation(_numbers("cardinal", 20, 90))
    two_digits = rf"(?:{tens}(?:[\s-]{ones})?|{teens}|oh[\s-]{ones})"
    century = r"(?:eighteen|nineteen|twenty)"
    return (
        rf"(?:{century}[\s-](?:hundred|{two_digits})(?![\w-])"
        rf"|two[\s-]thousand(?:(?:\s+and)?[\s-]+(?:{two_digits}|{ones}))?(?![\w-]))"
    )


@derived  # from the time and number words in force
def fragments() -> dict[str, str]:
    words = time_words()
    long_months = [w for w in words.months if len(w) > 4 or w in {"may", "june", "july"}]
    short_months = [w for w in words.months if w not in long_months]
    cardinal = _numbers("cardinal") + _numbers("scale")
    number_words_re = (
        rf"(?:{alternation(cardinal)})(?:(?:[\s-]+|\s+and\s+)(?:{alternation(cardinal)}))*\b"
    )
    ordinal_words = (
        rf"(?:{alternation(_numbers('cardinal', 20, 90))}[\s-])?{alternation(_numbers('ordinal'))}"
    )
    units = words.units
    return {
        "MONTH": rf"(?:{_capitalised(long_months)}|{_capitalised(short_months, dotted=True)})",
        "MONTH_NAME": _capitalised(w for w in long_months if w not in AMBIGUOUS_MONTHS),
        "MONTH_ANY": _capitalised(long_months),
        "WEEKDAY": _capitalised(w for w in words.weekdays if len(w) > 4),
        "SEASON": alternation(words.seasons),
        "PART": alternation(words.parts_of_day),
        "CLOCKWORD": alternation(words.clock),
        "UNIT": alternation(units),
        "UNIT1": alternation(
            u for u in units if not u.endswith("s") and u not in {"millennia", "halves"}
        ),
        "REL": alternation(words.relative),
        "MOD": alternation(words.modifiers),
        "APPROX": alternation(words.approx),
        "DEICTIC": alternation(words.deictic),
        "REFERENCE": alternation(words.references),
        "HOLIDAY": alternation(
            [*words.holidays, *words.nth_weekday_holidays, *words.easter_holidays]
        ),
        "SETWORD": alternation(words.sets),
        # a hyphen after a word may come before a year ("mid-2012"), not after a number
        "YEAR": r"(?<![\d$€£.,/#])(?<!\d-)(?:1[5-9]\d\d|20\d\d)(?![\d]|,\d|\.\d)",
        "YEARW": _year_words(),
        "NUMW": number_words_re,
        "NUM": rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s\d/\d)?|\d/\d|{number_words_re}|an?\s+(?:hundred|thousand|dozen)\b|an?(?=[\s-]))",
        "FEW": r"(?:a\s+few|a\s+couple\s+of|couple\s+of|several|a\s+number\s+of|many|few)",
        "ORD": rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{ordinal_words})",
        "DAYNUM": r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)",
    }


class RulePattern:
    """A rule's pattern, compiled with its fragments filled in on first use: the word lists are
    read when the first text is coded, not when the rules are imported. It is compiled once for
    each knowledge it is used with (the coder's), since the fragments come from its words."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.source, self.flags = pattern, flags
        self._compiled: WeakKeyDictionary[Knowledge, re.Pattern[str]] = WeakKeyDictionary()

    @property
    def compiled(self) -> re.Pattern[str]:
        knowledge = in_force()
        found = self._compiled.get(knowledge)
        if found is None:
            filled = self.source % fragments()
            found = re.compile(rf"(?<![\w'’-])(?:{filled})(?![\w-]|['’](?!s\b))", self.flags)
            self._compiled[knowledge] = found
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Match]:
        return self.compiled.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self.compiled.match(text, pos, endpos)


def compile_rule(pattern: str, ignore_case: bool = True) -> RulePattern:
    """A rule's pattern with its fragments filled in; whole words only."""
    return RulePattern(pattern, re.IGNORECASE if ignore_case else 0)
