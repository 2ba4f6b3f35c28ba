"""Knowledge of actors: countries, organisations, role words and people with dated roles
(`countries.tsv`, `organisations*.tsv`, `roles.tsv`, `people*.tsv`), the sector codes they
use (`sectors.tsv`) and the words that qualify a group noun (`roles_modifiers.tsv`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Container
from dataclasses import dataclass, replace
from pathlib import Path

from ..cache import cache_dir, cached, fingerprint
from ..errors import KnowledgeError
from .tables import data_path, iso_date, number, read_table, split

COUNTRY_STATUS = ("member", "observer", "other")  # UN membership
ROLE_REFERS = ("person", "group", "state")
COUNTRY_COLUMNS = (
    "iso3",
    "iso2",
    "name",
    "aliases",
    "adjectives",
    "capital",
    "metonyms",
    "lat",
    "lon",
    "status",
)
ORGANISATION_COLUMNS = ("code", "name", "aliases", "country", "sector", "kind")
PEOPLE_COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end")
SECTOR_COLUMNS = ("code", "name", "civilian", "stateless")
MODIFIER_COLUMNS = ("word", "country", "sector", "kind")
METONYM_SECTORS = {"GOV", "MIL", "SPY"}


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str
    metonyms: tuple[tuple[str, str], ...]  # (phrase, sector)
    lat: float
    lon: float
    status: str = "other"


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    kind: str


@dataclass(frozen=True)
class Role:
    """A role word: `refers` says what it names: one person ("minister"), a group of people
    ("officials"), or a state named before or beside it ("the two powers", "the country")."""

    phrase: str
    sector: str
    refers: str = "group"

    @property
    def person(self) -> bool:
        return self.refers == "person"


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    start: dt.date | None
    end: dt.date | None

    def holds_role_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Sector:
    code: str  # CAMEO-style: GOV, MIL, REB, CVL, ...
    name: str
    civilian: bool  # its people are civilians (ACLED's "violence against civilians")
    stateless: bool = False  # its groups belong to no state by default (aid agencies)


def load_sectors(path: Path) -> dict[str, Sector]:
    sectors = {}
    for where, r in read_table(path, SECTOR_COLUMNS):
        for flag in ("civilian", "stateless"):
            if r[flag] not in {"yes", "no"}:
                raise KnowledgeError(f"{where}: {flag} must be yes or no")
        sectors[r["code"]] = Sector(
            r["code"], r["name"], r["civilian"] == "yes", r["stateless"] == "yes"
        )
    return sectors


def package_sectors() -> frozenset[str]:
    """The sector codes an actor may have ("" for none)."""
    return frozenset(load_sectors(data_path("sectors.tsv"))) | {""}


def check_sector(sector: str, sectors: Container[str] | None, where: str) -> str:
    if sectors is not None and sector not in sectors:
        raise KnowledgeError(f"{where}: unknown sector {sector!r} (see sectors.tsv)")
    return sector


def _metonyms(value: str, where: str) -> tuple[tuple[str, str], ...]:
    metonyms = []
    for item in split(value):
        phrase, _, sector = item.rpartition("=")
        if not phrase or sector not in METONYM_SECTORS:
            raise KnowledgeError(f"{where}: bad metonym {item!r} (want phrase=GOV|MIL|SPY)")
        metonyms.append((phrase, sector))
    return tuple(metonyms)


def country_from_row(row: dict[str, str], where: str) -> Country:
    status = row.get("status") or "other"
    if status not in COUNTRY_STATUS:
        raise KnowledgeError(f"{where}: status must be one of {', '.join(COUNTRY_STATUS)}")
    return Country(
        iso3=row["iso3"],
        iso2=row.get("iso2", ""),
        name=row.get("name", ""),
        aliases=split(row.get("aliases", "")),
        adjectives=split(row.get("adjectives", "")),
        capital=row.get("capital", ""),
        metonyms=_metonyms(row.get("metonyms", ""), where),
        lat=number(row.get("lat") or "0", where),
        lon=number(row.get("lon") or "0", where),
        status=status,
    )


def organisation_from_row(
    row: dict[str, str], where: str = "", sectors: Container[str] | None = None
) -> Organisation:
    return Organisation(
        row["code"],
        row["name"],
        split(row["aliases"]),
        row["country"],
        check_sector(row["sector"], sectors, f"{where}: {row['code']}"),
        row["kind"],
    )


def person_from_row(
    row: dict[str, str], where: str, sectors: Container[str] | None = None
) -> Person:
    return Person(
        row["name"],
        split(row["aliases"]),
        row["country"],
        check_sector(row["sector"], sectors, f"{where}: {row['name']}"),
        row["role"],
        iso_date(row["start"], f"{where}: {row['name']}"),
        iso_date(row["end"], f"{where}: {row['name']}"),
    )


def load_countries(path: Path) -> list[Country]:
    return [
        country_from_row(r, f"{where}: {r['iso3']}")
        for where, r in read_table(path, COUNTRY_COLUMNS)
    ]


def load_organisations(path: Path, sectors: Container[str] | None = None) -> list[Organisation]:
    return [
        organisation_from_row(r, where, sectors)
        for where, r in read_table(path, ORGANISATION_COLUMNS)
    ]


def load_roles(path: Path, sectors: Container[str] | None = None) -> list[Role]:
    roles = []
    for where, r in read_table(path, ("phrase", "sector", "refers")):
        if r["refers"] not in ROLE_REFERS:
            raise KnowledgeError(f"{where}: {r['phrase']}: refers must be person, group or state")
        sector = check_sector(r["sector"], sectors, f"{where}: {r['phrase']}")
        roles.append(Role(r["phrase"].lower(), sector, r["refers"]))
    return roles


def load_people(path: Path, sectors: Container[str] | None = None) -> list[Person]:
    return [person_from_row(r, where, sectors) for where, r in read_table(path, PEOPLE_COLUMNS)]


def with_generated_people(written: list[Person], generated: list[Person]) -> list[Person]:
    """The hand-written people, then the generated ones (people_wikidata.tsv): a generated row
    of a person written by hand is kept only for a time no hand-written row of theirs covers
    (their earlier posts), under the hand-written name; the hand-written rows win."""
    by_name: dict[str, list[Person]] = {}
    for p in written:
        for name in (p.name, *p.aliases):
            by_name.setdefault(folded(name), []).append(p)
    kept = []
    for row in generated:
        own = by_name.get(folded(row.name))
        if not own:
            kept.append(row)
            continue
        clipped: Person | None = replace(row, name=own[0].name, aliases=own[0].aliases)
        for hand in own:
            clipped = _before(clipped, hand)
        if clipped is not None:
            kept.append(clipped)
    return written + kept


def _before(row: Person | None, hand: Person) -> Person | None:
    """A generated row as far as a hand-written one leaves it: ended the day before the
    hand-written role starts (an open Wikidata holding of a post since left), or dropped."""
    if row is None:
        return None
    row_start, row_end = row.start or dt.date.min, row.end or dt.date.max
    hand_start, hand_end = hand.start or dt.date.min, hand.end or dt.date.max
    if row_end < hand_start or hand_end < row_start:
        return row
    if row_start < hand_start:
        return replace(row, end=hand_start - dt.timedelta(days=1))
    return None


def package_people(sectors: Container[str] | None = None) -> list[Person]:
    """The hand-written people (people.tsv, people_gaps.tsv) with the rows generated from
    Wikidata (people_wikidata.tsv, 28,000 rows, by scripts/build_people.py) that they do not
    correct: read once, then from the cache (keyed by the files' bytes)."""
    files = [data_path(f) for f in ("people.tsv", "people_gaps.tsv", "people_wikidata.tsv")]
    checked = [*files, data_path("sectors.tsv")]  # validated against the sectors when built
    key = fingerprint(hashlib.sha256(p.read_bytes()).hexdigest() for p in checked)
    return cached(
        cache_dir() / f"people-{key}.pickle",
        lambda: with_generated_people(
            load_people(files[0], sectors) + load_people(files[1], sectors),
            load_people(files[2], sectors),
        ),
    )


def folded(name: str) -> str:
    """Case, accents and hyphens away: "Recep Tayyip Erdoğan" is "recep tayyip erdogan"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("-", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@dataclass(frozen=True)
class Modifier:
    """A word before a group noun and what it says of the group ("Rakhine rebels")."""

    word: str
    country: str | None
    sector: str | None
    kind: str  # region | religion | party | organisation (a name's head noun) | adjective


def load_modifiers(path: Path) -> dict[str, Modifier]:
    """Lower-cased word (one or two tokens) -> what it says of the group it qualifies."""
    found = {}
    for _, row in read_table(path, MODIFIER_COLUMNS, path.name):
        word = row["word"]
        found[word.lower()] = Modifier(
            word, row["country"] or None, row["sector"] or None, row["kind"]
        )
    return found
