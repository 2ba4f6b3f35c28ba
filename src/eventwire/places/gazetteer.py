"""The gazetteer: every place in columns, an index from normalised names to places, and the
lookups that resolution needs (countries by code, first-level regions by admin1 code, demonyms,
region abbreviations, US counties).

Places are stored column by column (plain lists of strings and numbers) because such lists
pickle and unpickle much faster than a quarter of a million objects; `Place` records are made
on demand for the few candidates a name has.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

FEATURES = ("continent", "region", "country", "admin", "city", "custom")
_SPACES = re.compile(r"[\s\-‐‑–—_]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s?$")


@dataclass(frozen=True)
class Place:
    gazetteer_id: str
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    population: int
    feature: str  # one of FEATURES
    admin1: str = ""  # first-level region code within the country (GeoNames admin1), "" unknown
    aliases: tuple[str, ...] = ()


def fold(name: str) -> str:
    """Lower-case, accent-free form ("Élysée" -> "elysee")."""
    if name.isascii():
        return name.lower().strip()
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@lru_cache(maxsize=1 << 16)  # the same names recur from document to document
def name_key(name: str) -> str:
    """The index key of a name: folded, hyphens as spaces, one space between words, no
    leading article or trailing possessive ("The Hague" -> "hague", "Kyiv's" -> "kyiv")."""
    key = _SPACES.sub(" ", fold(name.translate(_QUOTES))).strip(" ,;:")
    if key.startswith("the "):
        key = key[4:]
    return _POSSESSIVE.sub("", key).strip()


@dataclass
class PlaceTable:
    """Columns of every place, and the name index.

    The index maps a name key to one row (a number >= 0) or, for names shared by several
    places, to `-1 - i` where `shared[i]` lists the rows: a quarter of a million small lists
    would make the cache several times slower to load."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO3, "" when unknown
    admin1: list[str] = field(default_factory=list)
    lats: array[float] = field(default_factory=lambda: array("d"))
    lons: array[float] = field(default_factory=lambda: array("d"))
    populations: array[int] = field(default_factory=lambda: array("q"))
    features: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    shared: list[tuple[int, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, place: Place, aliases: Iterable[str] = ()) -> int:
        row = len(self.ids)
        self.ids.append(place.gazetteer_id)
        self.names.append(place.name)
        self.countries.append(sys.intern(place.country or ""))
        self.admin1.append(sys.intern(place.admin1))
        self.lats.append(place.lat)
        self.lons.append(place.lon)
        self.populations.append(place.population)
        self.features.append(sys.intern(place.feature))
        self.index_names(row, (place.name, *place.aliases, *aliases))
        return row

    def index_names(self, row: int, names: Iterable[str]) -> None:
        for key in {name_key(n) for n in names} - {""}:
            self.link(key, row)

    def link(self, key: str, row: int) -> None:
        rows = self.rows(key)
        if row in rows:
            return
        if not rows:
            self.index[key] = row
        elif len(rows) == 1:
            self.index[key] = -1 - len(self.shared)
            self.shared.append((rows[0], row))
        else:
            self.shared[-1 - self.index[key]] = (*rows, row)

    def rows(self, key: str) -> tuple[int, ...]:
        value = self.index.get(key)
        if value is None:
            return ()
        return (value,) if value >= 0 else self.shared[-1 - value]

    def key(self, row: int) -> str:
        return name_key(self.names[row])

    def place(self, row: int) -> Place:
        return Place(
            gazetteer_id=self.ids[row],
            name=self.names[row],
            country=self.countries[row] or None,
            lat=self.lats[row],
            lon=self.lons[row],
            population=self.populations[row],
            feature=self.features[row],
            admin1=self.admin1[row],
        )


@dataclass
class Gazetteer:
    """Places and the lookups used to find and rank them."""

    table: PlaceTable
    countries: dict[str, int] = field(default_factory=dict)  # ISO3 -> row of the country
    regions: dict[tuple[str, str], int] = field(default_factory=dict)  # (ISO3, admin1) -> row
    demonyms: dict[str, str] = field(default_factory=dict)  # name_key("Iranian") -> "IRN"
    place_demonyms: dict[str, int] = field(default_factory=dict)  # "texan" -> row of Texas
    abbreviations: dict[str, int] = field(default_factory=dict)  # "La" -> row of Louisiana
    counties: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # -> (ISO3, admin1)
    region_short: dict[str, list[int]] = field(default_factory=dict)  # "donetsk" -> the oblast
    capitals: set[int] = field(default_factory=set)  # rows of national capitals
    terms: dict[str, str] = field(default_factory=dict)  # generic word -> kind (admin, ...)
    expansions: dict[str, str] = field(default_factory=dict)  # "st." -> "saint"

    @property
    def places(self) -> PlaceTable:
        return self.table

    def lookup(self, name: str) -> list[int]:
        """Rows whose name or alternate name is `name` (after normalisation), expanding a
        leading abbreviation ("St. Louis" -> "saint louis") when the name itself is unknown."""
        return list(self.table.rows(self.index_key(name)))

    def index_key(self, name: str) -> str:
        """The key under which `name` is found: its own, or with a leading abbreviation
        expanded when only that form is known."""
        key = name_key(name)
        if key not in self.table.index and " " in key:
            first, rest = key.split(" ", 1)
            expanded = self.expansions.get(first)
            if expanded and f"{expanded} {rest}" in self.table.index:
                return f"{expanded} {rest}"
        return key

    def candidates(self, name: str) -> list[Place]:
        return [self.table.place(row) for row in self.lookup(name)]

    def place(self, row: int) -> Place:
        return self.table.place(row)

    def abbreviation(self, text: str) -> int | None:
        """The region an abbreviation names ("La.", "N.Y", "Calif."); capitals matter."""
        return self.abbreviations.get(text.strip().rstrip("."))

    def demonym_row(self, key: str) -> int | None:
        """The place a demonym names ("Irish" -> Ireland, "Texans" -> Texas)."""
        for form in (key, key[:-1] if key.endswith("s") else key):
            if form in self.demonyms and self.demonyms[form] in self.countries:
                return self.countries[self.demonyms[form]]
            if form in self.place_demonyms:
                return self.place_demonyms[form]
        return None

    def region_of(self, row: int) -> int | None:
        """The row of the first-level region a place lies in, when known."""
        admin1 = self.table.admin1[row]
        if not admin1 or self.table.features[row] == "admin":
            return None
        return self.regions.get((self.table.countries[row], admin1))

    def add(self, places: Iterable[Place]) -> list[int]:
        """Add places (a user's file, our extra regions); returns their rows."""
        rows = []
        for place in places:
            row = self.table.add(place)
            if place.feature == "country" and place.country:
                self.countries.setdefault(place.country, row)
            rows.append(row)
        return rows
