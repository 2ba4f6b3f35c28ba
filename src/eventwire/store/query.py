"""Reading a store: events filtered by dyad, country, type, modality and date (`eventwire
events`), and a summary of what is stored and of the runs that stored it (`eventwire stats`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .base import SqlStore
from .migrations import TABLES
from .runs import observed_status, recent_runs

EVENT_COLUMNS = (
    "id",
    "document_id",
    "type",
    "cameo",
    "quad_class",
    "intensity",
    "source_name",
    "source_country",
    "source_sector",
    "target_name",
    "target_country",
    "target_sector",
    "modality",
    "negated",
    "attribution",
    "date_start",
    "date_end",
    "date_granularity",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "confidence",
    "coder",
    "evidence",
)
DOCUMENT_COLUMNS = ("published_at", "title", "url", "outlet")


@dataclass(frozen=True)
class EventFilter:
    """Which events: a dyad (either direction unless `directed`), a country on either side,
    types, modalities, and a date range on the event's date (else its document's date)."""

    dyad: tuple[str, str] | None = None
    directed: bool = False
    country: str | None = None
    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.dyad:
            a, b = (code.upper() for code in self.dyad)
            pair = "(e.source_country = ? AND e.target_country = ?)"
            clauses.append(pair if self.directed else f"({pair} OR {pair})")
            params += [a, b] if self.directed else [a, b, b, a]
        if self.country:
            clauses.append("(e.source_country = ? OR e.target_country = ?)")
            params += [self.country.upper()] * 2
        for column, values in (("e.type", self.types), ("e.modality", self.modalities)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
                params += [v.upper() if column == "e.type" else v for v in values]
        day = "COALESCE(e.date_start, d.published_at)"
        if self.since:
            clauses.append(f"{day} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{day} <= ?")
            params.append(self.until)
        return (" AND ".join(clauses) or "TRUE"), params


def select_events(
    store: SqlStore, event_filter: EventFilter, with_record: bool = False
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The matching events in date order: typed columns, their document's date, title, URL
    and outlet, and the full record (JSON) when asked."""
    where, params = event_filter.where()
    columns = [f"e.{c}" for c in EVENT_COLUMNS] + [f"d.{c}" for c in DOCUMENT_COLUMNS]
    if with_record:
        columns.append("e.record")
    sql = (
        f"SELECT {', '.join(columns)} FROM events e JOIN documents d ON d.id = e.document_id "
        f"WHERE {where} ORDER BY COALESCE(e.date_start, d.published_at), e.id"
    )
    if event_filter.limit is not None:
        sql += " LIMIT ?"
        params.append(event_filter.limit)
    return store.stream(sql, params)


def as_json(value: Any) -> Any:
    """A JSON column as a Python value (DuckDB gives text, psycopg gives values)."""
    return json.loads(value) if isinstance(value, str) else value


def stats(store: SqlStore, runs: int = 5) -> dict[str, Any]:
    """What is stored: table sizes, the documents' date span, events by type, modality and
    coder version, the busiest dyads, the documents per coder version, the latest runs."""
    return {
        "database": store.target,
        "schema_version": store.schema_version(),
        "tables": {table: store.count(table) for table in TABLES},
        "published": _span(store),
        "events_by_type": _grouped(store, "SELECT type, count(*) FROM events"),
        "events_by_modality": _grouped(store, "SELECT modality, count(*) FROM events"),
        "events_by_coder": _grouped(store, "SELECT coder, count(*) FROM events"),
        "documents_by_coder": _grouped(store, "SELECT coder, count(*) FROM documents"),
        "top_dyads": [
            {"source": s, "target": t, "events": int(n)}
            for s, t, n in store.fetchall(
                "SELECT source_country, target_country, count(*) AS n FROM events "
                "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
                "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10"
            )
        ],
        "runs": [_run_summary(r) for r in recent_runs(store, runs)],
    }


def _span(store: SqlStore) -> dict[str, str | None]:
    first, last = store.fetchall("SELECT min(published_at), max(published_at) FROM documents")[0]
    return {"first": first and str(first), "last": last and str(last)}


def _grouped(store: SqlStore, select: str) -> dict[str, int]:
    rows = store.fetchall(f"{select} GROUP BY 1 ORDER BY 2 DESC, 1")
    return {str(key): int(n) for key, n in rows}


def _run_summary(run: Any) -> dict[str, Any]:
    seconds = (
        (run.finished_at - run.started_at).total_seconds()
        if run.finished_at and run.started_at
        else None
    )
    return {
        "id": run.id,
        "command": run.command,
        "status": observed_status(run),
        "started_at": str(run.started_at),
        "seconds": seconds,
        "documents_read": run.documents_read,
        "documents_coded": run.documents_coded,
        "documents_skipped": run.documents_skipped,
        "inputs_failed": run.inputs_failed,
        "events": run.events,
        "resumed": run.resumed,
        "documents_undated": run.documents_undated,
        "documents_other_language": run.documents_other_language,
        "failures": run.failures[:20],
    }
