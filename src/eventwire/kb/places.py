"""Knowledge of places beyond the gazetteer's packages: generic words of place names and of
relative expressions (`places_terms.tsv`), regions' abbreviations, other names and demonyms of
places, and places the packages lack (`places_extra.tsv`, in the users' place-file format,
read by the places stage's reader when it builds the gazetteer)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import KnowledgeError
from .tables import data_path, number, read_table

NAME_KINDS = ("admin", "settlement", "facility", "natural")
TERM_KINDS = (*NAME_KINDS, "expansion", "direction", "unit")
ALIAS_KINDS = ("name", "demonym")


@dataclass(frozen=True)
class PlaceTerm:
    term: str  # as written; the places stage keys it
    kind: str  # one of TERM_KINDS
    value: str  # an expansion's words; a direction's bearing or a unit's kilometres (numbers)


@dataclass(frozen=True, eq=False)  # identity hash: what is derived from it is cached by it
class PlaceKnowledge:
    terms: tuple[PlaceTerm, ...] = ()
    abbreviations: tuple[tuple[str, str, str], ...] = ()  # (country, region, abbreviation)
    aliases: tuple[tuple[str, str, str, str], ...] = ()  # (alias, place, country, kind)
    extra: Path | None = None  # places_extra.tsv


def load_place_terms(path: Path) -> tuple[PlaceTerm, ...]:
    terms = []
    for where, row in read_table(path, ("term", "kind", "value")):
        term, kind = row["term"], row["kind"]
        if kind not in TERM_KINDS:
            raise KnowledgeError(
                f"{where}: {term}: kind must be one of {', '.join(sorted(TERM_KINDS))}"
            )
        if kind in {"direction", "unit"}:
            number(row["value"], f"{where}: {term}")
        terms.append(PlaceTerm(term, kind, row["value"]))
    return tuple(terms)


def load_region_abbreviations(path: Path) -> tuple[tuple[str, str, str], ...]:
    """(country, region name, abbreviation) triples."""
    return tuple(
        (row["country"], row["region"], abbreviation.strip())
        for _, row in read_table(path, ("country", "region", "abbreviations"))
        for abbreviation in row["abbreviations"].split("|")
        if abbreviation.strip()
    )


def load_aliases(path: Path) -> tuple[tuple[str, str, str, str], ...]:
    """(alias, place, country, kind) rows; kind is "name" or "demonym"."""
    rows = []
    for where, row in read_table(path, ("alias", "place", "country", "kind")):
        if row["kind"] not in ALIAS_KINDS:
            raise KnowledgeError(f"{where}: {row['alias']}: kind must be name or demonym")
        rows.append((row["alias"], row["place"], row["country"], row["kind"]))
    return tuple(rows)


def load_place_knowledge() -> PlaceKnowledge:
    return PlaceKnowledge(
        load_place_terms(data_path("places_terms.tsv")),
        load_region_abbreviations(data_path("places_region_abbreviations.tsv")),
        load_aliases(data_path("places_aliases.tsv")),
        data_path("places_extra.tsv"),
    )
