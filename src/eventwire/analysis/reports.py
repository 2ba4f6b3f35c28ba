"""Reports as the analysis layer reads them from the store: one coded event with what matching
needs (its document's date and outlet, its evidence text's vector, its figures)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..store.base import SqlStore
from .text import Vector, vector

# the columns read for each event, in this order (see `Report.from_row`)
_COLUMNS = (
    "e.id",
    "e.document_id",
    "e.type",
    "e.quad_class",
    "e.intensity",
    "e.source_name",
    "e.source_country",
    "e.target_name",
    "e.target_country",
    "e.modality",
    "e.negated",
    "e.attribution_kind",
    "e.date_start",
    "e.date_end",
    "e.date_granularity",
    "e.location_name",
    "e.location_country",
    "e.lat",
    "e.lon",
    "e.evidence",
    "e.quantities",
    "e.coder",
    "d.published_at",
    "d.outlet",
)
_PRECISION = {
    "duckdb": "json_extract_string(e.record, '$.location.precision')",
    "postgres": "e.record->'location'->>'precision'",
}


@dataclass
class Report:
    id: str
    document_id: str
    type: str
    quad_class: int
    intensity: float
    source_name: str | None
    source_country: str | None
    target_name: str | None
    target_country: str | None
    modality: str
    negated: bool
    attribution_kind: str | None
    start: dt.date | None
    end: dt.date | None
    granularity: str | None
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    evidence: str
    figures: dict[str, float]  # casualty kind -> the largest figure the report gives
    coder: str | None
    published_at: dt.date | None
    outlet: str | None
    precision: str | None
    cluster_id: str | None = None  # its stored cluster (None: not clustered yet)
    component_id: str | None = None  # its stored link component
    words: Vector = field(default_factory=dict)

    @property
    def dyad(self) -> tuple[str, str]:
        """The unordered dyad ("" for a missing side)."""
        a, b = self.source_country or "", self.target_country or ""
        return (a, b) if a <= b else (b, a)

    @property
    def day(self) -> dt.date | None:
        return self.start or self.published_at

    @property
    def last_day(self) -> dt.date | None:
        return self.end or self.start or self.published_at


def _figures(value: Any) -> dict[str, float]:
    quantities = json.loads(value) if isinstance(value, str) else (value or [])
    figures: dict[str, float] = {}
    for quantity in quantities:
        kind = quantity.get("casualty")
        if kind and isinstance(quantity.get("value"), int | float):
            figures[kind] = max(figures.get(kind, 0.0), float(quantity["value"]))
    return figures


def _report(row: Sequence[Any], with_words: bool) -> Report:
    (eid, doc, kind, quad, intensity, sname, scountry, tname, tcountry, modality, negated) = row[
        :11
    ]
    (attribution, start, end, granularity, lname, lcountry, lat, lon, evidence) = row[11:20]
    quantities, coder, published, outlet, precision, cluster_id, component_id = row[20:27]
    return Report(
        id=eid,
        document_id=doc,
        type=kind,
        quad_class=int(quad or 0),
        intensity=float(intensity or 0.0),
        source_name=sname,
        source_country=scountry,
        target_name=tname,
        target_country=tcountry,
        modality=modality or "asserted",
        negated=bool(negated),
        attribution_kind=attribution,
        start=start,
        end=end,
        granularity=granularity,
        location_name=lname,
        location_country=lcountry,
        lat=lat,
        lon=lon,
        evidence=evidence or "",
        figures=_figures(quantities),
        coder=coder,
        published_at=published,
        outlet=outlet,
        precision=precision,
        cluster_id=cluster_id,
        component_id=component_id,
        words=vector(evidence) if with_words else {},
    )


def select_reports(
    store: SqlStore, where: str = "TRUE", params: Sequence[Any] = (), with_words: bool = True
) -> Iterator[Report]:
    """Events (with their stored cluster, if any) matching a SQL condition on `e`, `d`, `m`."""
    columns = [*_COLUMNS, _PRECISION[store.dialect], "m.cluster_id", "m.component_id"]
    sql = (
        f"SELECT {', '.join(columns)} FROM events e JOIN documents d ON d.id = e.document_id "
        f"LEFT JOIN cluster_members m ON m.event_id = e.id WHERE {where} ORDER BY e.id"
    )
    # fetchall, not stream: DuckDB streams on a second connection, which would not see the
    # open transaction's writes
    for row in store.fetchall(sql, list(params)):
        yield _report(row, with_words)


def overlapping(since: dt.date, until: dt.date) -> tuple[str, list[Any]]:
    """SQL: the event's days (else its document's date) overlap [since, until]."""
    first = "COALESCE(e.date_start, d.published_at)"
    last = "COALESCE(e.date_end, e.date_start, d.published_at)"
    return f"({last} >= ? AND {first} <= ?)", [since, until]
