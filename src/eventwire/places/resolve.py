"""Toponym resolution: every candidate of every place name gets a score that is a sum of named
features, so that a choice can be explained and checked.

Features of the candidate alone: population (per power of ten), its kind (country, region,
city...), whether the name is its main name or only an alternate one, whether it is a region
that shares its name with a city of its country (a bare "Donetsk" is the city). Features of the
words around the name: a qualifier ("Alexandria, La."), a demonym ("the Russian town of").
Features of the document, from the other names' current best places: agreement with the
countries it is about (and the countries given by the caller, e.g. its actors), with the
first-level regions of the other places, closeness to the other places, and a relative
expression used as a check ("960 km east of Moscow"). The document features are computed from
the previous round's choices, for three rounds; a name never counts as evidence for itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..kb import derived, in_force
from .cues import Relative, demonym_countries
from .evidence import CLUSTER_KM, POINT_FEATURES, Evidence, View, collect
from .fallback import approximate
from .gazetteer import Gazetteer
from .geo import angle_between, bearing_deg, distance_km
from .mentions import Candidate, Mention, Resolution, make_mentions

ROUNDS = 3
UNKNOWN_TOWN_POPULATION = 1000  # GeoNames gives 0 for 30,000 towns and city quarters
_NEAR_SCALE = math.log10(1 + 1000.0)  # closeness counts up to ~1,000 km
_KM_PER_DEGREE = 111.2
_NEAR_DEGREES = 1000.0 / _KM_PER_DEGREE / 0.5  # beyond this, a place is over 1,000 km away
_CLUSTER_DEG2 = (CLUSTER_KM / _KM_PER_DEGREE) ** 2


@dataclass(frozen=True)
class Weights:
    """What each feature adds to a candidate's score (`data/weights.tsv`, `places.resolve.*`).
    Set by hand, then adjusted by coordinate ascent on the even-numbered documents of GeoWebNews
    and LGL (bench/places.py --split dev); the odd-numbered ones stay held out."""

    population: float  # per power of ten of the population
    continent: float
    region: float
    country: float
    admin: float
    city: float
    custom: float  # a user's own places win over namesakes, unless the text says otherwise
    capital: float  # capitals stand for governments: "Washington said"
    alternate_name: float
    city_namesake: float
    qualifier: float
    qualifies: float
    demonym: float
    country_context: float
    country_share: float
    admin1_context: float
    admin1_share: float
    nearby: float
    cluster: float
    relative: float


@derived
def default_weights() -> Weights:
    """The weights of the knowledge in force."""
    return Weights(**in_force().weights.of("places.resolve"))


def static_features(gaz: Gazetteer, mention: Mention, row: int, w: Weights) -> dict[str, float]:
    t = gaz.table
    feature, key = t.features[row], mention.found_key
    people = t.populations[row] or (UNKNOWN_TOWN_POPULATION if feature == "city" else 0)
    found = {"population": w.population * math.log10(people + 1)}
    found[feature] = getattr(w, feature, 0.0)
    if feature in {"city", "admin"} and t.key(row) != key and row not in mention.aliased:
        found["alternate_name"] = w.alternate_name
    if feature == "admin" and any(
        t.features[r] == "city" and _contains(gaz, row, r) for r in mention.rows
    ):
        found["city_namesake"] = w.city_namesake
    if any(_contains(gaz, q, row) for q in mention.qualifiers):
        found["qualifier"] = w.qualifier
    if mention.demonym and mention.demonym == t.countries[row]:
        found["demonym"] = w.demonym
    return found


def _contains(gaz: Gazetteer, outer: int, inner: int) -> bool:
    """Whether place `outer` (a country or first-level region) contains place `inner`."""
    t = gaz.table
    if outer == inner or t.countries[outer] != t.countries[inner] or not t.countries[inner]:
        return False
    if t.features[outer] == "country":
        return t.features[inner] != "country"
    return (
        t.features[outer] == "admin"
        and bool(t.admin1[outer])
        and t.admin1[outer] == t.admin1[inner]
    )


def _proximity(points: list[tuple[float, float]], lat: float, lon: float) -> tuple[float, float]:
    """Distance in km to the closest of `points`, and the share of them within CLUSTER_KM
    (flat-earth approximation: only the order of magnitude matters here)."""
    scale = math.cos(math.radians(lat))
    d2 = [(a - lat) ** 2 + (((o - lon + 180) % 360 - 180) * scale) ** 2 for a, o in points]
    close = sum(1 for d in d2 if d <= _CLUSTER_DEG2)
    return math.sqrt(min(d2)) * _KM_PER_DEGREE, close / len(d2)


@dataclass(frozen=True)
class Around:
    """What the rest of the document says to one mention in one round."""

    view: View
    given: set[str]
    head: int | None  # row chosen for the place this mention qualifies
    anchor: int | None  # row chosen for the anchor of its relative expression
    local_rival: bool  # a candidate lies in a first-level region the text is about


def around(gaz: Gazetteer, mention: Mention, ev: Evidence) -> Around:
    t, view = gaz.table, ev.view(mention.key)
    head = ev.chosen.get(mention.head) if mention.head is not None else None
    anchor = ev.by_start.get(mention.relative.anchor_start) if mention.relative else None
    local = any(t.admin1[r] and (t.countries[r], t.admin1[r]) in view.admin1 for r in mention.rows)
    return Around(view, ev.given, head, anchor, local)


def document_features(
    gaz: Gazetteer, mention: Mention, row: int, near: Around, w: Weights
) -> dict[str, float]:
    t, view, found = gaz.table, near.view, {}
    country = t.countries[row]
    others = view.countries.get(country, 0.0) if country else 0.0
    if row in gaz.capitals and (others > 0 or not near.local_rival):
        found["capital"] = w.capital  # unless a namesake lies in a region the text is about
    if others > 0 or (country and country in near.given):
        found["country_context"] = w.country_context
        if view.total:
            found["country_share"] = w.country_share * others / view.total
    region = (country, t.admin1[row])
    in_region = view.admin1.get(region, 0.0) if t.admin1[row] else 0.0
    if in_region > 0:
        found["admin1_context"] = w.admin1_context
        found["admin1_share"] = w.admin1_share * in_region / view.admin1_total
    lat, lon = t.lats[row], t.lons[row]
    if t.features[row] in POINT_FEATURES and view.reaches(lat, lon, _NEAR_DEGREES):
        km, close = _proximity(view.points, lat, lon)
        if km < 1000:
            found["nearby"] = w.nearby * (1 - math.log10(1 + km) / _NEAR_SCALE)
        if close:
            found["cluster"] = w.cluster * close
    if near.head is not None and _contains(gaz, row, near.head):
        found["qualifies"] = w.qualifies
    if near.anchor is not None and mention.relative is not None:
        agrees = _where_said(gaz, mention.relative, near.anchor, row)
        found["relative"] = w.relative if agrees else -w.relative
    return found


def _where_said(gaz: Gazetteer, rel: Relative, anchor: int, row: int) -> bool:
    """Whether the candidate lies where "960 km east of <anchor>" says."""
    t = gaz.table
    lat0, lon0, lat, lon = t.lats[anchor], t.lons[anchor], t.lats[row], t.lons[row]
    km_off = abs(distance_km(lat0, lon0, lat, lon) - rel.km)
    angle = angle_between(bearing_deg(lat0, lon0, lat, lon), rel.bearing)
    return km_off <= max(0.35 * rel.km, 30.0) and angle <= 50


def _rank(
    gaz: Gazetteer, mention: Mention, fixed: dict[int, dict[str, float]], ev: Evidence, w: Weights
) -> list[Candidate]:
    near, ranked = around(gaz, mention, ev), []
    for row, features in fixed.items():
        found = {**features, **document_features(gaz, mention, row, near, w)}
        ranked.append(Candidate(row, sum(found.values()), found))
    ranked.sort(key=lambda c: c.score, reverse=True)
    return ranked


def _same_cues(mentions: list[Mention]) -> dict[tuple[object, ...], list[int]]:
    """Mentions that must rank alike: the same name with the same cues around it (a name said
    five times is ranked once per round)."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, m in enumerate(mentions):
        alone = m.relative is not None or m.head is not None
        signature = (m.key, tuple(m.qualifiers), m.demonym, i if alone else None)
        groups.setdefault(signature, []).append(i)
    return groups


def _first_choices(
    statics: dict[int, dict[int, dict[str, float]]], groups: dict[int, list[int]]
) -> dict[int, int]:
    """Each mention's best candidate on its own features alone."""
    chosen: dict[int, int] = {}
    for i, fixed in statics.items():
        if fixed:
            best = max(fixed, key=lambda row: sum(fixed[row].values()))
            chosen.update(dict.fromkeys(groups[i], best))
    return chosen


def score(gaz: Gazetteer, mentions: list[Mention], base: Evidence, w: Weights) -> list[Resolution]:
    """Rank every mention's candidates. Rounds repeat (up to ROUNDS) while choices change;
    names with one candidate cannot change and are scored once, at the end."""
    groups = {members[0]: members for members in _same_cues(mentions).values()}
    statics = {
        i: {row: static_features(gaz, mentions[i], row, w) for row in mentions[i].rows}
        for i in groups
    }
    chosen = _first_choices(statics, groups)
    ranked: dict[int, list[Candidate]] = {}
    for _ in range(ROUNDS):
        ev = collect(gaz, mentions, chosen, base)
        ranked = {i: _rank(gaz, mentions[i], s, ev, w) for i, s in statics.items() if len(s) > 1}
        before = dict(chosen)
        for i, candidates in ranked.items():
            chosen.update(dict.fromkeys(groups[i], candidates[0].row))
        if chosen == before:
            break
    ranked.update({i: _rank(gaz, mentions[i], s, ev, w) for i, s in statics.items() if len(s) == 1})
    by_mention = {j: ranked.get(i, []) for i, members in groups.items() for j in members}
    return [Resolution(m, by_mention[i]) for i, m in enumerate(mentions)]


def base_evidence(gaz: Gazetteer, text: str, context: Iterable[str]) -> Evidence:
    return Evidence(given=set(context), demonyms=demonym_countries(text, gaz))


def resolve_spans(
    gaz: Gazetteer,
    text: str,
    spans: Sequence[tuple[int, int, str]],
    context: Iterable[str] = (),
    weights: Weights | None = None,
) -> list[Resolution]:
    """Resolve the place names at `spans` (start, end, recogniser label or "") of `text`;
    `context` holds ISO3 codes of countries the document is about (its actors). Returns one
    Resolution per span, in text order."""
    mentions = make_mentions(gaz, text, spans)
    resolutions = score(
        gaz, mentions, base_evidence(gaz, text, context), weights or default_weights()
    )
    approximate(gaz, resolutions)
    return resolutions
