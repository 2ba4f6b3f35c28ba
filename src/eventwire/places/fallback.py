"""Approximate points for names the gazetteer lacks, marked as such:

- a US county ("Rapides Parish") lies in a known state: at the centre of the document's towns in
  that state, else at its namesake town there, else at the state's point;
- a facility, natural feature or neighbourhood ("Frenchmen Street", "Carnegie Library",
  "French Quarter") lies, in news, near the place the document is about: of its towns, the
  one with most of its other places around it (else its region). This applies to names with a generic word of those kinds, to spaCy FAC and
  LOC entities, and to spans a caller gives as places; an unknown GPE gets no point.
"""

from __future__ import annotations

import statistics
from collections import Counter

from .evidence import CLUSTER_KM, county_state
from .gazetteer import Gazetteer
from .geo import distance_km
from .mentions import Resolution

_LOCAL_TERMS = {"facility", "natural"}
# spaCy's facilities and other locations; "" for spans a caller gives as places
_LOCAL_LABELS = {"FAC", "LOC", ""}


def focus(gaz: Gazetteer, resolutions: list[Resolution]) -> int | None:
    """The row of the place the document is about: of its towns (else its regions), the one
    with most of the document's places around it, then the most mentioned."""
    t = gaz.table
    for features in ({"city", "custom"}, {"admin"}):
        counts = Counter(
            r.best.row
            for r in resolutions
            if r.best is not None and t.features[r.best.row] in features
        )
        if counts:
            return max(counts, key=lambda row: (_neighbours(gaz, row, counts), counts[row]))
    return None


def _neighbours(gaz: Gazetteer, row: int, counts: Counter[int]) -> int:
    t = gaz.table
    lat, lon = t.lats[row], t.lons[row]
    return sum(
        n for r, n in counts.items() if distance_km(lat, lon, t.lats[r], t.lons[r]) <= CLUSTER_KM
    )


def _county_point(
    gaz: Gazetteer, name: str, state: tuple[str, str], resolutions: list[Resolution]
) -> tuple[tuple[float, float], int | None] | None:
    """A point for a county: the centre of the document's towns in its state (local news
    names the towns around), else its namesake town in the state ("Orange County": Orange),
    else the state's point. Also returns the row the point comes from, if one."""
    t = gaz.table
    inside = [
        r.best.row
        for r in resolutions
        if r.best is not None
        and (t.countries[r.best.row], t.admin1[r.best.row]) == state
        and t.features[r.best.row] == "city"
    ]
    if inside:
        lats, lons = [t.lats[i] for i in inside], [t.lons[i] for i in inside]
        return (statistics.fmean(lats), statistics.fmean(lons)), None
    stem = name.rsplit(" ", 1)[0]
    namesakes = [r for r in gaz.lookup(stem) if (t.countries[r], t.admin1[r]) == state]
    towns = [r for r in namesakes if t.features[r] == "city"]
    if towns:
        town = max(towns, key=lambda r: t.populations[r])
        return (t.lats[town], t.lons[town]), town
    row = gaz.regions.get(state)
    return ((t.lats[row], t.lons[row]), row) if row is not None else None


def _county_state(
    gaz: Gazetteer, states: list[tuple[str, str]], resolutions: list[Resolution]
) -> tuple[str, str] | None:
    t = gaz.table
    seen = Counter(
        (t.countries[r.best.row], t.admin1[r.best.row]) for r in resolutions if r.best is not None
    )
    return county_state(states, dict(seen))


def approximate(gaz: Gazetteer, resolutions: list[Resolution]) -> None:
    centre = focus(gaz, resolutions)
    for resolution in resolutions:
        mention = resolution.mention
        if resolution.candidates:
            continue
        if mention.qualifiers and not mention.rows:  # "Andar (Ghazni province)": the province
            _at_qualifier(gaz, resolution)
            continue
        state = _county_state(gaz, mention.counties, resolutions) if mention.counties else None
        found = _county_point(gaz, mention.key, state, resolutions) if state else None
        if found is not None:
            resolution.point, resolution.near = found
            resolution.admin1, resolution.approximate = state, "county"
        elif (
            centre is not None
            and mention.term != "direction"
            and (mention.counties or mention.term in _LOCAL_TERMS or mention.label in _LOCAL_LABELS)
        ):
            resolution.point = (gaz.table.lats[centre], gaz.table.lons[centre])
            resolution.near, resolution.approximate = centre, "document focus"


def _at_qualifier(gaz: Gazetteer, resolution: Resolution) -> None:
    """The smallest region the qualifier names (a province before a country)."""
    t = gaz.table
    rows = resolution.mention.qualifiers
    row = next((q for q in rows if t.features[q] == "admin"), rows[0])
    resolution.point, resolution.near = (t.lats[row], t.lons[row]), row
    if t.features[row] == "admin" and t.admin1[row]:
        resolution.admin1 = (t.countries[row], t.admin1[row])
    resolution.approximate = "qualifier"
