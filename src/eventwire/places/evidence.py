"""Document evidence for resolution: what the other place names' current choices say (their
countries, first-level regions and points), plus the countries given by the caller (actors) and
named by demonyms. A name never counts as evidence for itself: each name gets a view of the
evidence with all its own mentions left out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .gazetteer import Gazetteer
from .mentions import Mention

POINT_FEATURES = {"city", "admin", "region", "custom"}
CLUSTER_KM = 150.0  # "the same area": for the share of other places around a candidate


def _plus(tally: dict[Any, float], key: Any, amount: float) -> None:
    tally[key] = tally.get(key, 0.0) + amount


@dataclass
class Clues:
    """What the mentions of one name say, or of all names together."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)
    points: dict[tuple[float, float], int] = field(default_factory=dict)  # point -> names

    def add(self, country: str, admin1: tuple[str, str] | None, weight: float) -> None:
        if country:
            _plus(self.countries, country, weight)
        if admin1:
            _plus(self.admin1, admin1, weight)


def _without(total: dict[Any, float], own: dict[Any, float]) -> dict[Any, float]:
    return {k: v - own.get(k, 0.0) for k, v in total.items() if v - own.get(k, 0.0) > 1e-9}


@dataclass
class View:
    """The evidence as one name sees it."""

    countries: dict[str, float]  # country -> other mentions there, plus demonyms of it
    total: float
    admin1: dict[tuple[str, str], float]  # (country, admin1) -> other mentions there
    admin1_total: float
    points: list[tuple[float, float]]
    box: tuple[float, float, float, float] = (90.0, -90.0, 180.0, -180.0)  # around the points

    def reaches(self, lat: float, lon: float, degrees: float) -> bool:
        """Whether (lat, lon) lies within `degrees` of the box around the points: a quick test
        before measuring distances (the box does not wrap around the date line)."""
        south, north, west, east = self.box
        return south - degrees <= lat <= north + degrees and west - degrees <= lon <= east + degrees


@dataclass
class Evidence:
    given: set[str] = field(default_factory=set)  # countries from the caller (actors)
    demonyms: Counter[str] = field(default_factory=Counter)
    chosen: dict[int, int] = field(default_factory=dict)  # mention index -> row
    by_start: dict[int, int] = field(default_factory=dict)  # mention start offset -> row
    by_key: dict[str, Clues] = field(default_factory=dict)
    everything: Clues = field(default_factory=Clues)
    views: dict[str, View] = field(default_factory=dict)

    def add(
        self,
        key: str,
        country: str,
        admin1: tuple[str, str] | None,
        point: tuple[float, float] | None = None,
        weight: float = 1.0,
    ) -> None:
        own = self.by_key.setdefault(key, Clues())
        own.add(country, admin1, weight)
        self.everything.add(country, admin1, weight)
        if point is not None and point not in own.points:
            own.points[point] = 1
            self.everything.points[point] = self.everything.points.get(point, 0) + 1

    def view(self, key: str) -> View:
        if key not in self.views:
            own, every = self.by_key.get(key, Clues()), self.everything
            countries = _without(every.countries, own.countries)
            for country, n in self.demonyms.items():
                _plus(countries, country, n)
            admin1 = _without(every.admin1, own.admin1)
            points = [p for p, n in every.points.items() if n > own.points.get(p, 0)]
            self.views[key] = View(
                countries,
                sum(countries.values()),
                admin1,
                sum(admin1.values()),
                points,
                _box(points),
            )
        return self.views[key]


def _box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    if not points:
        return (90.0, -90.0, 180.0, -180.0)
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # around the date line: a box of the whole world
        return (min(lats), max(lats), -360.0, 360.0)
    return (min(lats), max(lats), min(lons), max(lons))


def collect(
    gaz: Gazetteer, mentions: list[Mention], chosen: dict[int, int], base: Evidence
) -> Evidence:
    """The evidence of one round: each mention's chosen place, and the states of US counties."""
    t = gaz.table
    ev = Evidence(given=base.given, demonyms=base.demonyms, chosen=dict(chosen))
    for i, row in chosen.items():
        mention = mentions[i]
        admin1 = (t.countries[row], t.admin1[row]) if t.admin1[row] else None
        point = (t.lats[row], t.lons[row]) if t.features[row] in POINT_FEATURES else None
        ev.add(mention.key, t.countries[row], admin1, point)
        ev.by_start[mention.start] = row
    seen = dict(ev.everything.admin1)
    for mention in mentions:  # "Rapides Parish" names its state; "Henry County" one of ten
        state = county_state(mention.counties, seen)
        states = [state] if state is not None else mention.counties
        for country, code in states:
            ev.add(mention.key, country, (country, code), weight=1 / len(states))
    return ev


def county_state(
    states: list[tuple[str, str]], seen: dict[tuple[str, str], float]
) -> tuple[str, str] | None:
    """Of the states that have a county of this name, the one the other places are in; the
    only one when there is one; none when the others say nothing."""
    if len(states) == 1:
        return states[0]
    best = max(states, key=lambda s: seen.get(s, 0.0), default=None)
    return best if best is not None and seen.get(best, 0.0) > 0 else None
