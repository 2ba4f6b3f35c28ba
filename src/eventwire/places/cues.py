"""Cues in the words around a place name, read from the plain text (no parse needed):

- a qualifier after a comma: "Alexandria, La.", "Paris, Texas", "Tbilisi, Georgia"; in brackets,
  as wire notes write them: "Andar (Ghazni province)"; after "in": "Tripoli in Lebanon";
- a demonym before a settlement word: "the Russian town of Yelabuga";
- a relative expression: "Yelabuga, 960 km east of Moscow";
- demonyms anywhere in the text ("Iranian officials"), which say which countries it is about.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import Gazetteer, name_key
from .knowledge import Terms

_QUALIFIER = re.compile(
    r"\s*,\s*((?:[A-Z][\w'’\-]*\.?)(?:\s?(?:[A-Z][\w'’\-]*\.?|of|and|de|del|la))*)"
)
_IN_QUALIFIER = re.compile(r"\s+in\s+(?:the\s+)?([A-Z][\w'’\-]*(?:\s[A-Z][\w'’\-]*){0,2})")
_BRACKETS = re.compile(r"\s*\(([^()\n]{1,80})\)")
# the small words inside a place's name: "Valle del Cauca", "Deir ez-Zor"
NAME_PARTICLES = "de|del|da|do|la|el|al|ez|es"
_LEADING_CAPITALS = re.compile(
    rf"[A-Z][\w'’\-]*(?:\s(?:(?:{NAME_PARTICLES})\s)?[A-Z][\w'’\-]*){{0,3}}"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[\-\s][A-Z][a-z]+)?\b")
_BEFORE = 60  # characters read before a name for "the Russian town of"
_AFTER = 80  # characters read after a name for a relative expression


@dataclass(frozen=True)
class Relative:
    """A relative expression, "960 km east of <anchor>": the distance, the bearing from the anchor, where it starts."""

    km: float
    bearing: float
    anchor_start: int


def qualifier_after(text: str, end: int) -> tuple[list[str], str]:
    """The words that may name the region or country of the place just before, longest first,
    and how far they bind it: after a comma, a "hint" ("Alexandria, La., on Friday" -> ["La."];
    "London, Paris and Berlin" is a list); after "in", the candidates inside are "preferred" to
    the others ("Tripoli in Lebanon"); in the brackets of wire notes, the place "must" lie inside
    ("Andar (Ghazni province)", "Ghazni (Andar district, Ghazni province)": each part)."""
    match = _QUALIFIER.match(text, end)
    if match is not None:
        return _prefixes(match.group(1)), "hint"
    match = _IN_QUALIFIER.match(text, end)
    if match is not None:
        return _prefixes(match.group(1)), "preferred"
    brackets = _BRACKETS.match(text, end)
    if brackets is None:
        return [], "hint"
    parts = [_LEADING_CAPITALS.match(p.strip()) for p in brackets.group(1).split(",")]
    names = [p.group(0) for p in parts if p is not None and not p.group(0).isupper()]
    # each part is a whole name, bounded by the commas: not its first words ("North" of "North
    # Kivu", "San Pedro" of "San Pedro Sula" name other places); the widest, last, first
    return names[::-1], "must"  # not "(AP)", "(CIS)"


def _prefixes(phrase: str) -> list[str]:
    words = phrase.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def demonym_before(text: str, start: int, gaz: Gazetteer) -> str | None:
    """The country of "the Russian town of X" / "the Iraqi city X": a demonym followed by a
    settlement or administrative word just before the name."""
    window = text[max(0, start - _BEFORE) : start]
    words = re.findall(r"[\w'’\-]+", window)
    if words and words[-1].lower() == "of":
        words = words[:-1]
    if len(words) < 2 or _term_kind(words[-1], gaz) not in {"settlement", "admin"}:
        return None
    for word in reversed(words[-4:-1]):  # "the Russian industrial town of"
        if word[:1].isupper() and name_key(word) in gaz.demonyms:
            return gaz.demonyms[name_key(word)]
    return None


def _term_kind(word: str, gaz: Gazetteer) -> str | None:
    key = name_key(word)
    return gaz.terms.get(key) or gaz.terms.get(key.rstrip("s"))


@lru_cache(maxsize=4)
def _relative_pattern(terms: Terms) -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(terms.units, key=len, reverse=True))
    directions = "|".join(
        re.escape(d).replace(r"\ ", r"[\s\-]")
        for d in sorted(terms.directions, key=len, reverse=True)
    )
    return re.compile(
        r"[\s,(]*(?:about |some |around |nearly |roughly |approximately |almost |over |under )?"
        rf"(\d[\d,]*(?:\.\d+)?)\s*-?\s*({units})\.?\s+(?:\([^)]{{0,30}}\)\s+)?"
        rf"(?:to the )?({directions})\s+of\s+(?:the\s+)?",
        re.IGNORECASE,
    )


def relative_after(text: str, end: int, terms: Terms) -> Relative | None:
    match = _relative_pattern(terms).match(text[end : end + _AFTER])
    if match is None:
        return None
    amount, unit, direction = match.groups()
    km = float(amount.replace(",", "")) * terms.units[name_key(unit)]
    bearing = terms.directions[name_key(direction)]
    return Relative(km, bearing, end + match.end())


def demonym_countries(text: str, gaz: Gazetteer) -> Counter[str]:
    """Countries named by demonyms in the text ("Iranian", "South Korean"), counted."""
    found: Counter[str] = Counter()
    for words in _CAPITALISED.findall(text):
        key = words.lower().replace("-", " ")  # as name_key would make it, for these words
        country = gaz.demonyms.get(key) or gaz.demonyms.get(key.split(" ", 1)[0])
        if country:
            found[country] += 1
    return found
