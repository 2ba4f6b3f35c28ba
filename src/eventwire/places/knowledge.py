"""Our own knowledge added to the package gazetteer: the knowledge base's countries (names,
aliases, demonyms and GeoNames-style points), generic place words and the words of relative
expressions (`places_terms.tsv`), region abbreviations (`places_region_abbreviations.tsv`) and
regions the packages lack (`places_extra.tsv`), other names and demonyms of places
(`places_aliases.tsv`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..kb import KnowledgeBase, PlaceKnowledge, data_path, in_force
from ..kb.places import NAME_KINDS, PlaceTerm, load_aliases, load_place_terms
from ..kb.places import load_region_abbreviations as load_region_abbreviations
from .gazetteer import Gazetteer, Place, name_key
from .userfile import load_user_places

__all__ = ["data_path", "load_aliases", "load_region_abbreviations"]


@dataclass(frozen=True, eq=False)  # identity hash: one Terms object is cached per knowledge
class Terms:
    kinds: dict[str, str] = field(default_factory=dict)  # "county" -> "admin"
    expansions: dict[str, str] = field(default_factory=dict)  # "st." -> "saint"
    directions: dict[str, float] = field(default_factory=dict)  # "east" -> 90.0
    units: dict[str, float] = field(default_factory=dict)  # "miles" -> 1.609344


def terms_from(rows: tuple[PlaceTerm, ...]) -> Terms:
    """The terms keyed as the gazetteer keys names (values checked on load)."""
    terms = Terms()
    for row in rows:
        term, kind = name_key(row.term), row.kind
        if kind in NAME_KINDS:
            terms.kinds[term] = kind
        elif kind == "expansion":
            terms.expansions[term] = name_key(row.value)
        elif kind == "direction":
            terms.directions[term] = float(row.value) % 360
        else:
            terms.units[term] = float(row.value)
    return terms


def load_terms(path: Path) -> Terms:
    return terms_from(load_place_terms(path))


@lru_cache(maxsize=4)
def terms_of(places: PlaceKnowledge) -> Terms:
    """The terms of a knowledge's places part, keyed once for it."""
    return terms_from(places.terms)


def default_terms() -> Terms:
    """The terms of the knowledge in force (`kb.in_force()`)."""
    return terms_of(in_force().places)


def add_countries(gaz: Gazetteer, kb: KnowledgeBase) -> None:
    """The knowledge base's country names and demonyms; its points follow GeoNames' convention
    (the point gold corpora use), so they replace the packages' points."""
    table = gaz.table
    for country in kb.countries:
        row = gaz.countries.get(country.iso3)
        if row is None:
            place = Place(f"country:{country.iso3}", country.name, country.iso3, 0, 0, 0, "country")
            row = gaz.add([place])[0]
        table.lats[row], table.lons[row] = country.lat, country.lon
        table.index_names(row, (country.name, *country.aliases))
        for adjective in country.adjectives:
            gaz.demonyms.setdefault(name_key(adjective), country.iso3)
        capitals = [
            r
            for r in gaz.lookup(country.capital)
            if table.features[r] == "city" and table.countries[r] == country.iso3
        ]
        if capitals:  # "Washington said": capitals stand for governments in the news
            gaz.capitals.add(max(capitals, key=lambda r: table.populations[r]))


def add_abbreviations(gaz: Gazetteer, triples: list[tuple[str, str, str]]) -> None:
    for country, region, abbreviation in triples:
        rows = [
            r
            for r in gaz.lookup(region)
            if gaz.table.features[r] == "admin" and gaz.table.countries[r] == country
        ]
        if rows:
            gaz.abbreviations[abbreviation.rstrip(".")] = rows[0]  # "N.Y." is also written "N.Y"


_TARGET_ORDER = ("continent", "region", "country", "admin", "custom", "city")


def find_place(gaz: Gazetteer, name: str, country: str = "") -> int | None:
    """The row a knowledge file means by a name (and country): larger kinds of place first."""
    t = gaz.table
    rows = [r for r in gaz.lookup(name) if not country or t.countries[r] == country]
    rows.sort(key=lambda r: (_TARGET_ORDER.index(t.features[r]), -t.populations[r]))
    return rows[0] if rows else None


def add_aliases(gaz: Gazetteer, aliases: list[tuple[str, str, str, str]]) -> None:
    for alias, place, country, kind in aliases:
        row = find_place(gaz, place, country)
        if row is None:
            continue  # the aliases test reports names that no longer resolve
        if kind == "name":
            gaz.table.link(name_key(alias), row)
        else:
            gaz.place_demonyms[name_key(alias)] = row


def add_short_region_names(gaz: Gazetteer, terms: Terms) -> None:
    """Regions by their names without a generic word ("Donetsk Oblast" is also written
    "Donetsk region"), kept apart from the main index so that plain "Donetsk" is the city."""
    table = gaz.table
    for row, feature in enumerate(table.features):
        if feature != "admin":
            continue
        words = table.key(row).split()
        if len(words) > 1 and terms.kinds.get(words[-1]) == "admin":
            gaz.region_short.setdefault(" ".join(words[:-1]), []).append(row)
        elif len(words) > 2 and terms.kinds.get(words[0]) == "admin" and words[1] == "of":
            gaz.region_short.setdefault(" ".join(words[2:]), []).append(row)


def add_knowledge(gaz: Gazetteer, kb: KnowledgeBase) -> None:
    """The knowledge's countries and places (its `places` part) on the packages' gazetteer."""
    terms = terms_of(kb.places)
    gaz.terms, gaz.expansions = dict(terms.kinds), dict(terms.expansions)
    add_countries(gaz, kb)
    if kb.places.extra is not None:  # in the users' place-file format: read by its reader
        gaz.add(load_user_places(kb.places.extra))
    add_abbreviations(gaz, list(kb.places.abbreviations))
    add_aliases(gaz, list(kb.places.aliases))
    add_short_region_names(gaz, terms)
