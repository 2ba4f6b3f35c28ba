"""What resolution knows about each place name before it looks at the rest of the document
(its candidate places and the cues in the words around it), and what it decides (`Resolution`:
the candidates ranked, each with its score and the features behind it)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .cues import Relative, demonym_before, qualifier_after, relative_after
from .gazetteer import Gazetteer, name_key
from .knowledge import default_terms

MAX_CANDIDATES = 40  # the most likely by prior; "San Jose" alone has a hundred namesakes
_QUALIFIER_FEATURES = {"country", "admin", "region"}
_ACRONYM = re.compile(r"^[A-Z]{2,3}$")
_LARGE_CITY = 100_000
_ARTICLE = "al "  # the Arabic article as name keys write it ("Al-Anbar" -> "al anbar")
_KIND_PRIOR = {"continent": 0.0, "region": 1.0, "country": 1.5, "admin": 0.5, "city": 0.0}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    key: str  # the name's index key: mentions of the same name share it
    found_key: str  # the key it was found under ("mount pleasant" for "Mt. Pleasant")
    rows: list[int]  # candidate places
    label: str = ""  # the recogniser's label (GPE, LOC, FAC), "" when unknown
    term: str | None = None  # kind of its generic word (facility, natural, admin...), direction
    qualifiers: list[int] = field(default_factory=list)  # rows named by ", Louisiana"
    demonym: str | None = None  # ISO3 of "the Russian town of"
    relative: Relative | None = None
    head: int | None = None  # index of the mention this one qualifies ("Tbilisi, Georgia")
    counties: list[tuple[str, str]] = field(default_factory=list)  # (ISO3, admin1) of a county
    aliased: set[int] = field(default_factory=set)  # rows found by a demonym or abbreviation


@dataclass
class Candidate:
    row: int
    score: float
    features: dict[str, float]  # feature name -> what it adds to the score


@dataclass
class Resolution:
    mention: Mention
    candidates: list[Candidate] = field(default_factory=list)  # best first
    approximate: str = ""  # why the point is a guess: "county", "document focus"
    point: tuple[float, float] | None = None  # the guessed point, when approximate
    admin1: tuple[str, str] | None = None  # (ISO3, admin1) of an approximate county
    near: int | None = None  # row of the place an approximate point is taken from

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def prior(gaz: Gazetteer, row: int) -> float:
    """How likely a place is a priori: its size, and countries before regions before cities."""
    table = gaz.table
    return math.log10(table.populations[row] + 1) * 0.5 + _KIND_PRIOR.get(table.features[row], 3.0)


def _large(gaz: Gazetteer, row: int) -> bool:
    return gaz.table.features[row] != "city" or gaz.table.populations[row] >= _LARGE_CITY


def _term_of(key: str, gaz: Gazetteer) -> str | None:
    """The kind of the name's generic last word ("Rapides Parish": admin), or "direction" for
    a bare compass word."""
    if key in default_terms().directions:
        return "direction"
    words = key.split()
    return gaz.terms.get(words[-1]) if len(words) > 1 else None


def _generic_rows(gaz: Gazetteer, key: str, term: str | None) -> list[int]:
    """A name with a generic word: "Kherson region" is the region named so, else the region
    of the town named so, else the town; "Kazan city" is the city Kazan."""
    stem = key.rsplit(" ", 1)[0]
    features, rows = gaz.table.features, gaz.lookup(stem)
    if term == "admin":
        regions = gaz.region_short.get(stem) or [r for r in rows if features[r] == "admin"]
        if not regions:
            towns = sorted((r for r in rows if features[r] == "city"), key=lambda r: -prior(gaz, r))
            regions = list(dict.fromkeys(g for r in towns if (g := gaz.region_of(r)) is not None))
        return regions or rows
    if term == "settlement":
        return [r for r in rows if features[r] == "city"]
    return []


def candidate_rows(gaz: Gazetteer, text: str) -> tuple[list[int], set[int]]:
    """Places a name may denote: its own entries and, for a demonym, its country ("Irish" ->
    Ireland); else an abbreviation ("La.") or the name without its generic word ("Kherson
    region"). A US county name has none: its point is approximated from its state, and a bare
    compass word ("the East", "the West") has none: it names no region by itself. Also returns
    the rows found by a demonym or an abbreviation rather than by the name."""
    key = name_key(text)
    if key in default_terms().directions:  # "pivot to the East": a direction, not the region
        return [], set()
    rows = gaz.lookup(text)
    if len(key) > 3 and " " not in key and not text.strip().isupper():
        # Arabic names are written with or without their article ("Anbar", "Al Anbar"): the
        # form without it is the same place, not an alternate name abroad ("Ambar", Turkey)
        rows += [r for r in gaz.table.rows(_ARTICLE + key) if r not in rows]
    aliased = set()
    named = gaz.demonym_row(key)
    if named is not None and named not in rows:
        rows.insert(0, named)
        aliased.add(named)
    abbreviated = gaz.abbreviation(text)
    if not rows and abbreviated is not None:
        rows, aliased = [abbreviated], {abbreviated}
    if not rows and key not in gaz.counties:
        rows = _generic_rows(gaz, key, _term_of(key, gaz))
    if _ACRONYM.match(text.strip()):  # "EU", "SA": not the alternate names of small towns
        rows = [r for r in rows if r in aliased or _large(gaz, r)]
    if len(rows) > MAX_CANDIDATES:
        rows = sorted(rows, key=lambda r: prior(gaz, r), reverse=True)[:MAX_CANDIDATES]
    return rows, aliased


def within_qualifiers(gaz: Gazetteer, rows: list[int], qualifiers: list[int]) -> list[int]:
    """The candidates in a country that the qualifier names ("Andar (Ghazni province)" is not
    Andard in France); none when no candidate is, and the qualifier stands in for the place."""
    if not qualifiers:
        return rows
    countries = {gaz.table.countries[q] for q in qualifiers} - {""}
    return [r for r in rows if gaz.table.countries[r] in countries or r in qualifiers]


def qualifier_rows(gaz: Gazetteer, phrases: list[str]) -> list[int]:
    """Countries and regions named by the first phrase that names any."""
    return _qualifier(gaz, phrases)[0]


def _qualifier(gaz: Gazetteer, phrases: list[str]) -> tuple[list[int], str]:
    """The rows of `qualifier_rows` and the phrase that named them ("" when none did)."""
    for phrase in phrases:
        abbreviated = gaz.abbreviation(phrase)
        if abbreviated is not None:
            return [abbreviated], phrase
        rows = [
            r
            for r in gaz.lookup(phrase.rstrip("."))  # "Springfield, Illinois."
            if gaz.table.features[r] in _QUALIFIER_FEATURES
        ]
        if rows:
            return rows, phrase
    return [], ""


def _compass_name(phrase: str) -> bool:
    """A region named by a compass point alone ("North-West", "South West"): many countries
    have one, and the gazetteer holds only some of them, so such a name in brackets cannot
    rule out a place of another country ("Bamenda (Mezam, North-West)" is in Cameroon, whose
    North-West region the gazetteer lacks; Botswana's is no clue against it)."""
    return bool(phrase) and name_key(phrase) in default_terms().directions


def make_mention(gaz: Gazetteer, text: str, start: int, end: int, label: str = "") -> Mention:
    surface = text[start:end]
    head, _, tail = surface.partition(", ")  # "Washington, D.C." as one span
    key = name_key(head)
    rows, aliased = candidate_rows(gaz, head)
    mention = Mention(
        start, end, surface, key, gaz.index_key(head), rows, label, _term_of(key, gaz)
    )
    mention.aliased = aliased
    phrases, binding = ([tail], "hint") if tail else qualifier_after(text, end)
    mention.qualifiers, named_by = _qualifier(gaz, phrases)
    if binding == "must" and _compass_name(named_by):
        binding = "preferred"
    if binding != "hint":
        inside = within_qualifiers(gaz, mention.rows, mention.qualifiers)
        mention.rows = inside if inside or binding == "must" else mention.rows
    mention.demonym = demonym_before(text, start, gaz)
    mention.relative = relative_after(text, end, default_terms())
    mention.counties = gaz.counties.get(key, []) if not mention.rows else []
    return mention


def make_mentions(
    gaz: Gazetteer, text: str, spans: Sequence[tuple[int, int, str]]
) -> list[Mention]:
    """Mentions in text order; `spans` are (start, end, label) with label "" when unknown."""
    mentions = [make_mention(gaz, text, s, e, label) for s, e, label in sorted(spans)]
    for i in range(1, len(mentions)):
        gap = text[mentions[i - 1].end : mentions[i].start]
        if gap.strip() == ",":
            mentions[i].head = i - 1
    _bare_counties(gaz, mentions)
    return mentions


def _bare_counties(gaz: Gazetteer, mentions: list[Mention]) -> None:
    """A text that names "Barrow County" means the county by a bare "Barrow" too."""
    counties = {m.key: m.counties for m in mentions if m.counties}
    for mention in mentions:
        for key, states in counties.items():
            if key != mention.key and key.rsplit(" ", 1)[0] == mention.key:
                mention.rows, mention.counties = [], states
