"""Our own knowledge added to the package gazetteer: the knowledge base's countries (names,
aliases, demonyms and GeoNames-style points), generic place words and the words of relative
expressions (`places_terms.tsv`), region abbreviations (`places_region_abbreviations.tsv`) and
regions the packages lack (`places_extra.tsv`), other names and demonyms of places
(`places_aliases.tsv`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import KnowledgeError
from ..kb import KnowledgeBase, read_tsv
from .gazetteer import Gazetteer, Place, name_key
from .userfile import load_user_places

_DATA_PACKAGE = "eventwire.data"
_NAME_KINDS = {"admin", "settlement", "facility", "natural"}
_KINDS = _NAME_KINDS | {"expansion", "direction", "unit"}


@dataclass(frozen=True, eq=False)  # identity hash: one Terms object is cached per process
class Terms:
    kinds: dict[str, str] = field(default_factory=dict)  # "county" -> "admin"
    expansions: dict[str, str] = field(default_factory=dict)  # "st." -> "saint"
    directions: dict[str, float] = field(default_factory=dict)  # "east" -> 90.0
    units: dict[str, float] = field(default_factory=dict)  # "miles" -> 1.609344


def data_path(filename: str) -> Path:
    return Path(str(resources.files(_DATA_PACKAGE).joinpath(filename)))


def _value(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise KnowledgeError(f"{where}: not a number: {value!r}") from None


def load_terms(path: Path) -> Terms:
    terms = Terms()
    for row in read_tsv(path, ("term", "kind", "value")):
        term, kind, where = name_key(row["term"]), row["kind"], f"{path}: {row['term']}"
        if kind not in _KINDS:
            raise KnowledgeError(f"{where}: kind must be one of {', '.join(sorted(_KINDS))}")
        if kind in _NAME_KINDS:
            terms.kinds[term] = kind
        elif kind == "expansion":
            terms.expansions[term] = name_key(row["value"])
        elif kind == "direction":
            terms.directions[term] = _value(row["value"], where) % 360
        else:
            terms.units[term] = _value(row["value"], where)
    return terms


@lru_cache(maxsize=1)
def default_terms() -> Terms:
    return load_terms(data_path("places_terms.tsv"))


def load_region_abbreviations(path: Path) -> list[tuple[str, str, str]]:
    """(country, region name, abbreviation) triples."""
    return [
        (row["country"], row["region"], abbreviation.strip())
        for row in read_tsv(path, ("country", "region", "abbreviations"))
        for abbreviation in row["abbreviations"].split("|")
        if abbreviation.strip()
    ]


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


def load_aliases(path: Path) -> list[tuple[str, str, str, str]]:
    """(alias, place, country, kind) rows; kind is "name" or "demonym"."""
    rows = []
    for row in read_tsv(path, ("alias", "place", "country", "kind")):
        if row["kind"] not in {"name", "demonym"}:
            raise KnowledgeError(f"{path}: {row['alias']}: kind must be name or demonym")
        rows.append((row["alias"], row["place"], row["country"], row["kind"]))
    return rows


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
    terms = default_terms()
    gaz.terms, gaz.expansions = dict(terms.kinds), dict(terms.expansions)
    add_countries(gaz, kb)
    gaz.add(load_user_places(data_path("places_extra.tsv")))
    add_abbreviations(gaz, load_region_abbreviations(data_path("places_region_abbreviations.tsv")))
    add_aliases(gaz, load_aliases(data_path("places_aliases.tsv")))
    add_short_region_names(gaz, terms)
