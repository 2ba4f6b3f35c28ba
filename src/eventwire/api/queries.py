"""Events as the API filters them: the store's `EventFilter` (dyad, country, type, modality,
dates) plus actor, quad class, outlet, bounding box and text, paged by a cursor. Every value a
request gives is a bound parameter; the SQL text is fixed here."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..store import SqlStore
from ..store.query import DOCUMENT_COLUMNS, EVENT_COLUMNS, EventFilter, as_json
from .problems import Problem

if TYPE_CHECKING:
    from .event_index import EventIndex

# undated events sort last; a fixed key keeps the cursor comparison free of NULLs
SORT_DAY = "COALESCE(e.date_start, d.published_at, DATE '9999-12-31')"
PERIODS = ("day", "week", "month", "quarter", "year")
FROM = "FROM events e JOIN documents d ON d.id = e.document_id"
# a dated event needs nothing of its document to be sorted or filtered by date: join only the
# undated ones (half the cost of a page on 100,000 events), unless a filter reads the document
FROM_UNDATED = (
    "FROM events e LEFT JOIN documents d ON d.id = e.document_id AND e.date_start IS NULL"
)


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True)
class EventQuery:
    """What GET /events asks for; `base` holds the filters the store already knows."""

    base: EventFilter = field(default_factory=EventFilter)
    actor: str | None = None
    quad_classes: tuple[int, ...] = ()
    outlet: str | None = None
    bbox: BBox | None = None
    text: str | None = None

    def canonical(self) -> EventQuery:
        """The same query, written one way: codes in capitals, lists sorted, an undirected
        dyad's codes in order (the SQL is symmetric). Words stay as given."""
        base, dyad = self.base, None
        if self.base.dyad:
            a, b = (code.upper() for code in self.base.dyad)
            dyad = (a, b) if base.directed or a <= b else (b, a)
        return dataclasses.replace(
            self,
            base=dataclasses.replace(
                base,
                dyad=dyad,
                country=base.country and base.country.upper(),
                types=tuple(sorted({t.upper() for t in base.types})),
                modalities=tuple(sorted(set(base.modalities))),
            ),
            quad_classes=tuple(sorted(set(self.quad_classes))),
        )

    def source(self) -> str:
        """The FROM clause: every document joined only where a filter reads it."""
        return FROM if self.outlet else FROM_UNDATED

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = self.base.where()
        extra: list[str] = [clauses]
        if self.quad_classes:
            extra.append(f"e.quad_class IN ({', '.join('?' * len(self.quad_classes))})")
            params += list(self.quad_classes)
        if self.bbox:
            extra.append("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?")
            params += [self.bbox.south, self.bbox.north, self.bbox.west, self.bbox.east]
        words, word_params = self.words_where()
        if words:
            extra.append(words)
            params += word_params
        return " AND ".join(extra), params

    def words_where(self) -> tuple[str, list[Any]]:
        """The filters on words (actor, outlet, text), matched by SQL alone ('' if none)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            pattern = like_pattern(self.actor)
            names = ("e.source_name", "e.target_name", "e.source_text", "e.target_text")
            clauses.append("(" + " OR ".join(f"{n} ILIKE ? ESCAPE '\\'" for n in names) + ")")
            params += [pattern] * len(names)
        if self.outlet:
            clauses.append("lower(d.outlet) = lower(?)")
            params.append(self.outlet)
        if self.text:
            clauses.append("e.evidence ILIKE ? ESCAPE '\\'")
            params.append(like_pattern(self.text))
        return " AND ".join(clauses), params


def like_pattern(text: str) -> str:
    """`text` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def encode_cursor(day: dt.date, event_id: str) -> str:
    raw = json.dumps([day.isoformat(), event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, str]:
    """The (day, id) a page ends at; anything else is the client's error."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        return dt.date.fromisoformat(day), str(event_id)
    except (binascii.Error, ValueError, TypeError) as err:
        raise Problem(422, "cursor: not a cursor this server gave", "E009") from err


COLUMNS = [f"e.{c}" for c in EVENT_COLUMNS] + [f"d.{c}" for c in DOCUMENT_COLUMNS]


def page_of_events(
    store: SqlStore,
    query: EventQuery,
    limit: int,
    cursor: str | None,
    with_record: bool,
    index: EventIndex | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page in (date, id) order, and the cursor of the next page (None at the end).

    Two steps: the page's keys, then their rows. The keys come from the in-memory index of a
    read-only store, else from a top-N sort on the keys in SQL (sorting whole rows, JSON
    records and all, costs ten times more on 100,000 events)."""
    after = decode_cursor(cursor) if cursor else None
    if index is not None:
        found = index.page(store, query, limit + 1, after)
        keys = list(zip(found.ids, found.sort_days, strict=True))
        events = index.rows(store, found.event_rows[:limit], with_record)
        pairs = zip(
            found.ids[:limit], found.event_rows[:limit], found.documents[:limit], strict=True
        )
        rows = {event_id: events[row] | document for event_id, row, document in pairs}
    else:
        keys = page_keys(store, query, limit, after)
        rows = rows_by_id(store, [event_id for event_id, _ in keys[:limit]], with_record)
    following = encode_cursor(keys[limit - 1][1], keys[limit - 1][0]) if len(keys) > limit else None
    return [rows[event_id] | {"sort_day": day} for event_id, day in keys[:limit]], following


def page_keys(
    store: SqlStore, query: EventQuery, limit: int, after: tuple[dt.date, str] | None
) -> list[tuple[str, dt.date]]:
    """The (id, sort day) of the page's events and of the one after (a top-N on the keys)."""
    where, params = query.where()
    if after:
        day, last_id = after
        where += f" AND ({SORT_DAY} > ? OR ({SORT_DAY} = ? AND e.id > ?))"
        params += [day, day, last_id]
    keys = store.fetchall(
        f"SELECT e.id, {SORT_DAY} {query.source()} WHERE {where} ORDER BY {SORT_DAY}, e.id LIMIT ?",
        [*params, limit + 1],
    )
    return [(str(event_id), day) for event_id, day in keys]


def row_columns(with_record: bool) -> list[str]:
    # the JSON page needs only the record; CSV and GeoJSON the typed columns
    return ["id", "document_id", "record"] if with_record else list(EVENT_COLUMNS)


def rows_at(store: SqlStore, event_rows: list[int], with_record: bool) -> dict[int, dict[str, Any]]:
    """The events at these DuckDB row ids, by row id: a join on row ids reads only those rows
    (no lookup of each key in the primary key's index)."""
    if not event_rows:
        return {}
    columns = row_columns(with_record)
    found = store.fetchall(
        f"SELECT k.r, {', '.join(f'e.{c}' for c in columns)} FROM (SELECT unnest(?::BIGINT[]) "
        "AS r) k JOIN events e ON e.rowid = k.r",
        [event_rows],
    )
    return {int(row[0]): dict(zip(columns, row[1:], strict=True)) for row in found}


def rows_by_id(store: SqlStore, ids: list[str], with_record: bool) -> dict[str, dict[str, Any]]:
    """The events' typed columns (and records) and their documents', looked up by key."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))  # an IN list of parameters: DuckDB uses the key's index
    columns = row_columns(with_record)
    events = store.fetchall(f"SELECT {', '.join(columns)} FROM events WHERE id IN ({marks})", ids)
    found = {str(row[0]): dict(zip(columns, row, strict=True)) for row in events}
    document_ids = sorted({row["document_id"] for row in found.values()})
    documents = store.fetchall(
        f"SELECT id, {', '.join(DOCUMENT_COLUMNS)} FROM documents "
        f"WHERE id IN ({', '.join('?' * len(document_ids))})",
        document_ids,
    )
    by_document = {
        str(row[0]): dict(zip(DOCUMENT_COLUMNS, row[1:], strict=True)) for row in documents
    }
    return {key: row | by_document.get(row["document_id"], {}) for key, row in found.items()}


def one_event(store: SqlStore, event_id: str) -> dict[str, Any] | None:
    sql = f"SELECT {', '.join(COLUMNS)}, e.record, d.mentions {FROM} WHERE e.id = ?"
    names, rows = store.stream(sql, [event_id])
    found = [dict(zip(names, row, strict=True)) for row in rows]
    return found[0] if found else None


def timeline(store: SqlStore, query: EventQuery, period: str) -> list[tuple[str, int, int]]:
    """(period start, quad class, events) for the matching dated events."""
    if period not in PERIODS:  # the one word put into the SQL text: from a fixed list only
        raise Problem(422, f"period: one of {', '.join(PERIODS)}", "E009")
    where, params = query.where()
    day = "COALESCE(e.date_start, d.published_at)"
    sql = (
        f"SELECT CAST(date_trunc('{period}', {day}) AS DATE) AS p, e.quad_class, count(*) "
        f"{query.source()} WHERE {where} AND {day} IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
    )
    return [(str(p), int(q), int(n)) for p, q, n in store.fetchall(sql, params)]


def record_of(value: Any) -> dict[str, Any]:
    record: dict[str, Any] = as_json(value)
    return record
