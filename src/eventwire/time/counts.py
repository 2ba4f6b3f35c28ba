"""Telling a year from a count: "in 1990" is a year, "more than 1600 civilians" and "a force of
1800 troops" are counts. TimeML marks a number as a year only where the words make it one, so a
number in digits (1500 to 2099) that reads as a count is never a year, whatever its cue."""

from __future__ import annotations

import re

from ..kb import derived
from ..quantities.lexicon import quantity_words
from .grammar import alternation
from .lexicon import time_words

# the word after the number, past a second number of a range ("between 1500 and 2000 people")
_NEXT_WORD = re.compile(r"(?:\s*(?:and|or|to|-|–)\s*\d+(?:[,.]\d+)*)?\s+([^\W\d_]+)")
# "the 1987 crash", "its 1990 invasion", "the company's 1989 results", "his failed 1996 bid": a
# year as a modifier
_DETERMINER = re.compile(
    r"(?:(?<![\w-])(?:the|a|an|its|his|her|their|our|that|this|whose)|\w['’]s)\s+(?:[a-z]+\s+)?$",
    re.IGNORECASE,
)
# "of 1935 Orchard St.": a house number, before a street's name and its street word
_STREET = re.compile(r"(?:\s+[A-Z][\w'’-]*){1,3}\s+([A-Za-z]+\.?)")
_NEXT_NAME = re.compile(r"\s+([A-Za-z]+)\b")
# a bare year is cued weakly by "and"/"or" or by the end of a clause; counts of 1500 to 1899
# are likelier there than years, and dates this far ahead are not news
EARLIEST_WEAKLY_CUED, LATEST_AHEAD = 1900, 30


@derived
def _count_cue() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){alternation(time_words().count_cues)}\s+$", re.IGNORECASE)


def counted_after(text: str, end: int, plural: bool = True) -> bool:
    """Whether a noun counted follows the number ending at `end`: one of the nouns counted
    without an -s ("people", "police") or, with `plural`, a word in -s ("troops", "Palestinians";
    a verb in -s too, which is why cues that never take a count ask without it)."""
    found = _NEXT_WORD.match(text, end)
    if found is None:
        return False
    word = found[1].lower()
    words = time_words()
    if word in words.counted:
        return True
    if not plural or word in words.not_counted or len(word) < 3:
        return False
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def street_after(text: str, end: int) -> bool:
    """Whether the number ending at `end` is a house number: "1935 Orchard St."."""
    found = _STREET.match(text, end)
    return found is not None and found[1].lower() in quantity_words().addresses


def count_cued_before(text: str, start: int) -> bool:
    """Whether the words right before `start` make the number a count: "more than", "some"."""
    return _count_cue().search(text, max(0, start - 24), start) is not None


def plausible_weakly_cued(year: int, anchor_year: int) -> bool:
    return EARLIEST_WEAKLY_CUED <= year <= anchor_year + LATEST_AHEAD


def modifies_a_noun(text: str, start: int, end: int) -> bool:
    """Whether the number between `start` and `end` stands after a determiner (and an adjective)
    and before a word that is neither a unit nor counted: "the 1987 crash", "the 2000 Olympics",
    not "a 1500 km border"."""
    if _DETERMINER.search(text, max(0, start - 30), start) is None:
        return False
    word = _NEXT_NAME.match(text, end)
    return (
        word is not None
        and word[1].lower() not in quantity_words().units
        and not counted_after(text, end)
    )


# "2012 was a bad year", "1989 saw the fall of the Wall": a number opening a sentence as the
# subject of a verb of being or of witnessing is a year (a count there is written in words)
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_SUBJECT_VERB = re.compile(
    r"\s+(?:was|is|will|has|had|saw|sees|marked|marks|brought|began|ended|promises)\b"
)


def opens_a_sentence_as_subject(text: str, start: int, end: int) -> bool:
    return (
        _SENTENCE_OPENING.search(text, max(0, start - 3), start) is not None
        and _SUBJECT_VERB.match(text, end) is not None
    )
