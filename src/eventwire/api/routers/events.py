"""GET /events (filtered, paged; JSON, CSV or GeoJSON), GET /events/{id} (the record with its
document and the characters behind each field), GET /timeline (counts by quad class)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from ...model import Document, Mentions
from ...store import SqlStore
from ...store.query import DOCUMENT_COLUMNS, EVENT_COLUMNS
from ..cache import Page, PageCache, response_of
from ..deps import PoolDep, SettingsDep, StoreDep
from ..event_index import EventIndex
from ..filters import event_query
from ..highlights import highlights
from ..page_json import page_json, stored_event
from ..problems import Problem
from ..queries import PERIODS, EventQuery, one_event, page_of_events, record_of, timeline
from ..schemas import EventDetail, EventPage, Timeline, TimelineCount

router = APIRouter(tags=["events"])
QueryDep = Annotated[EventQuery, Depends(event_query)]
ID = r"^[A-Za-z0-9_.:-]{1,128}$"


class EventsFormat(str, Enum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


@router.get("/events", response_model=EventPage)
async def list_events(
    request: Request,
    pool: PoolDep,
    settings: SettingsDep,
    query: QueryDep,
    limit: Annotated[int | None, Query(ge=1, description="Events per page.")] = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    output: Annotated[EventsFormat, Query(alias="format")] = EventsFormat.json,
) -> Any:
    """Events in date order, filtered; `next_cursor` gives the next page."""
    size = limit or settings.default_page_size
    if size > settings.max_page_size:
        raise Problem(422, f"limit: at most {settings.max_page_size} events a page", "E009")
    cache: PageCache = request.app.state.page_cache
    index: EventIndex | None = request.app.state.event_index

    async def render() -> Page:  # the queries block: in a worker thread, with a connection
        return await asyncio.to_thread(
            pool.run, lambda s: render_page(s, query, size, cursor, output, index)
        )

    meant = ("/events", query.canonical(), size, cursor, output.value)
    asked = cache.key(request.scope["path"], request.query_params)
    page = await cache.answer(meant, render, alias=asked)
    return response_of(page)


def render_page(
    store: SqlStore,
    query: EventQuery,
    size: int,
    cursor: str | None,
    output: EventsFormat,
    index: EventIndex | None = None,
) -> Page:
    rows, following = page_of_events(store, query, size, cursor, output == EventsFormat.json, index)
    headers = {"X-Next-Cursor": following} if following else {}
    if output == EventsFormat.csv:
        return as_csv(rows).encode(), "text/csv; charset=utf-8", headers
    if output == EventsFormat.geojson:
        return as_geojson(rows).encode(), "application/geo+json", headers
    # written here from the stored records: FastAPI would validate the page again
    return page_json(rows, following), "application/json", headers


@router.get("/events/{event_id}", response_model=EventDetail)
def get_event(store: StoreDep, event_id: Annotated[str, Path(pattern=ID)]) -> EventDetail:
    """One event, its document's text and the characters behind each of its fields."""
    row = one_event(store, event_id)
    if row is None:
        raise Problem(404, f"no event {event_id}")
    event = stored_event(row)
    document = document_of(store, row["document_id"])
    mentions = Mentions.model_validate(record_of(row["mentions"]) or {})
    return EventDetail(event=event, document=document, highlights=highlights(event, mentions))


@router.get("/timeline", response_model=Timeline)
def get_timeline(
    store: StoreDep,
    query: QueryDep,
    period: Annotated[str, Query(description=f"One of {', '.join(PERIODS)}.")] = "month",
) -> Timeline:
    """Matching events counted by period and quad class."""
    counts = [
        TimelineCount(period=p, quad_class=q, events=n)
        for p, q, n in timeline(store, query, period)
    ]
    return Timeline(period=period, counts=counts)


DOCUMENT_FIELDS = (
    "id",
    "title",
    "text",
    "outlet",
    "url",
    "published_at",
    "language",
    "anchor_date",
    "anchor_fallback",
)


def document_of(store: Any, document_id: str) -> Document:
    rows = store.fetchall(
        f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents WHERE id = ?", [document_id]
    )
    if not rows:
        raise Problem(404, f"no document {document_id}")
    values = dict(zip(DOCUMENT_FIELDS, rows[0], strict=True))
    values["language"] = values["language"] or "en"
    values["anchor_fallback"] = bool(values["anchor_fallback"])
    return Document.model_validate(values)


CSV_COLUMNS = (*EVENT_COLUMNS, *DOCUMENT_COLUMNS)


def as_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return buffer.getvalue()


def as_geojson(rows: list[dict[str, Any]]) -> str:
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {c: _plain(row[c]) for c in CSV_COLUMNS if c not in ("lat", "lon")},
        }
        for row in rows
        if row["lat"] is not None and row["lon"] is not None
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)
