"""The filters of GET /events (and of every view built on events), read and checked: a bad
value is a 422 naming the parameter, never a query."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import Query

from ..model import PLOVER_TYPES, Modality
from ..store.query import EventFilter
from .problems import Problem
from .queries import BBox, EventQuery

CODE = r"^[A-Za-z0-9]{2,12}$"  # ISO alpha-3, or an organisation code (IGO, NATO, UN)
_DYAD = re.compile(r"^([A-Za-z0-9]{2,12})[,-]([A-Za-z0-9]{2,12})$")
TEXT_MAX = 200


async def event_query(  # async: pure parsing, no worker thread needed
    dyad: Annotated[
        str | None, Query(description="Two country codes, `IRN,RUS`: events between them.")
    ] = None,
    directed: Annotated[
        bool, Query(description="dyad A,B: only A as source, B as target.")
    ] = False,
    country: Annotated[
        str | None, Query(pattern=CODE, description="A country code on either side.")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=TEXT_MAX, description="Words of a source or target name.")
    ] = None,
    event_type: Annotated[
        list[str] | None, Query(alias="type", description="PLOVER types (repeatable).")
    ] = None,
    quad_class: Annotated[
        list[Annotated[int, Query(ge=1, le=4)]] | None,
        Query(
            description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."
        ),
    ] = None,
    modality: Annotated[list[Modality] | None, Query(description="Repeatable.")] = None,
    outlet: Annotated[str | None, Query(max_length=TEXT_MAX)] = None,
    since: Annotated[dt.date | None, Query(description="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="To this date (YYYY-MM-DD).")] = None,
    bbox: Annotated[
        str | None, Query(description="west,south,east,north in degrees.", max_length=100)
    ] = None,
    q: Annotated[
        str | None, Query(max_length=TEXT_MAX, description="Words in the event's sentence.")
    ] = None,
) -> EventQuery:
    """The filters of the request (async: pure parsing, it needs no worker thread)."""
    base = EventFilter(
        dyad=parse_dyad(dyad) if dyad else None,
        directed=directed,
        country=country,
        types=parse_types(event_type or []),
        modalities=tuple(modality or ()),
        since=since,
        until=until,
    )
    return EventQuery(
        base=base,
        actor=actor or None,
        quad_classes=tuple(quad_class or ()),
        outlet=outlet or None,
        bbox=parse_bbox(bbox) if bbox else None,
        text=q or None,
    )


def parse_dyad(text: str) -> tuple[str, str]:
    match = _DYAD.match(text.strip())
    if not match:
        raise Problem(422, f"dyad: two country codes as A,B (got {text[:40]!r})", "E009")
    return match[1].upper(), match[2].upper()


def parse_types(given: list[str]) -> tuple[str, ...]:
    chosen = []
    for value in given:
        name = value.strip().upper()
        if name not in PLOVER_TYPES:
            raise Problem(
                422, f"type: unknown {value[:40]!r}; valid: {', '.join(PLOVER_TYPES)}", "E009"
            )
        chosen.append(name)
    return tuple(chosen)


def parse_bbox(text: str) -> BBox:
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise Problem(422, "bbox: four numbers, west,south,east,north", "E009") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise Problem(422, "bbox: west <= east in [-180, 180], south <= north in [-90, 90]", "E009")
    return BBox(west, south, east, north)
