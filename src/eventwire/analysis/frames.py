"""The analysis layer's tables as pandas DataFrames: clusters with their corroboration, reports
with their cluster, and the units (clusters or reports) that series, alignment, alerts and
networks count. Every function takes an open store or a database path or URL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InvalidOption, NoEvents, StoreError  # noqa: F401 (NoEvents: re-exported)
from ..store import open_store
from ..store.base import SqlStore
from .clusters import update_clusters

StoreOrCorpus = SqlStore | str | Path
UNITS = ("cluster", "report")


@contextmanager
def opened(store_or_corpus: StoreOrCorpus) -> Iterator[SqlStore]:
    """The store as given, or the database at a path or URL (opened to write: clusters are
    brought up to date in it)."""
    if isinstance(store_or_corpus, SqlStore):
        yield store_or_corpus
        return
    with open_store(store_or_corpus, must_exist=True) as store:
        yield store


def require_events(store: SqlStore) -> None:
    if not store.fetchall("SELECT count(*) FROM events")[0][0]:
        raise StoreError(f"{store.target} holds no events; store some with `eventwire ingest`")


def check_unit(unit: str) -> str:
    if unit not in UNITS:
        raise InvalidOption(f"--unit: unknown value {unit!r}; valid: {', '.join(UNITS)}")
    return unit


def _range(column: str, since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    clauses, params = ["TRUE"], []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until)
    return " AND ".join(clauses), params


def _country(columns: tuple[str, str], country: str | None) -> tuple[str, list[Any]]:
    if not country:
        return "TRUE", []
    return f"({columns[0]} = ? OR {columns[1]} = ?)", [country.upper()] * 2


_CLUSTER_COLUMNS = (
    "id, story_id, type, quad_class, source_country, target_country, date_start, date_end, "
    "date_granularity, location_name, location_country, lat, lon, location_precision, "
    "reports, outlets, first_published, first_outlet, intensity, corroboration"
)


def clusters(
    store_or_corpus: StoreOrCorpus,
    since: dt.date | None = None,
    until: dt.date | None = None,
    country: str | None = None,
    limit: int | None = None,
    update: bool = True,
) -> pd.DataFrame:
    """One row per cluster (one real-world event), with its corroboration, in date order."""
    with opened(store_or_corpus) as store:
        require_events(store)
        if update:
            update_clusters(store)
        day, day_params = _range("COALESCE(date_start, first_published)", since, until)
        side, side_params = _country(("source_country", "target_country"), country)
        sql = (
            f"SELECT {_CLUSTER_COLUMNS} FROM clusters WHERE {day} AND {side} "
            "ORDER BY COALESCE(date_start, first_published), id"
        )
        params = [*day_params, *side_params]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = store.fetchall(sql, params)
    frame = pd.DataFrame(rows, columns=[c.strip() for c in _CLUSTER_COLUMNS.split(",")])
    extra = [json.loads(v) if isinstance(v, str) else v for v in frame.pop("corroboration")]
    for key in ("documents", "events", "modalities", "negated", "attribution_kinds", "figures"):
        frame[key] = [e[key] for e in extra]
    return frame


_REPORT_COLUMNS = (
    "e.id, e.document_id, m.cluster_id, s.story_id, e.type, e.quad_class, e.intensity, "
    "e.source_name, e.source_country, e.target_name, e.target_country, e.modality, e.negated, "
    "e.attribution_kind, e.date_start, e.date_end, e.date_granularity, e.location_name, "
    "e.location_country, e.lat, e.lon, e.evidence, d.published_at, d.outlet, d.title, d.url"
)


def cluster_events(
    store_or_corpus: StoreOrCorpus,
    since: dt.date | None = None,
    until: dt.date | None = None,
    country: str | None = None,
    limit: int | None = None,
    update: bool = True,
) -> pd.DataFrame:
    """One row per report (coded event), with its cluster and its document's story."""
    with opened(store_or_corpus) as store:
        require_events(store)
        if update:
            update_clusters(store)
        day, day_params = _range("COALESCE(e.date_start, d.published_at)", since, until)
        side, side_params = _country(("e.source_country", "e.target_country"), country)
        sql = (
            f"SELECT {_REPORT_COLUMNS} FROM events e JOIN documents d ON d.id = e.document_id "
            "LEFT JOIN cluster_members m ON m.event_id = e.id "
            "LEFT JOIN stories s ON s.document_id = e.document_id "
            f"WHERE {day} AND {side} ORDER BY COALESCE(e.date_start, d.published_at), e.id"
        )
        params = [*day_params, *side_params]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = store.fetchall(sql, params)
    names = [c.strip().split(".")[1] for c in _REPORT_COLUMNS.split(",")]
    return pd.DataFrame(rows, columns=names)


UNIT_COLUMNS = ["id", "day", "type", "quad_class", "intensity", "source", "target", "granularity"]
# how long each date granularity spans, to drop dates vaguer than a series' period ("this
# year", coded as 1 January, would pile every year's vague reports into January)
_SPAN_DAYS = {
    "minute": 0, "hour": 0, "part_of_day": 0, "day": 1, "week": 7, "fuzzy": 31, "month": 31,
    "season": 92, "quarter": 92, "half": 183, "year": 366, "decade": 3653, "century": 36525,
}  # fmt: skip
PERIOD_DAYS = {"day": 1, "week": 7, "month": 31, "quarter": 92, "year": 366, "all": 10**9}


def units(
    store: SqlStore,
    unit: str = "cluster",
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str = "all",
) -> pd.DataFrame:
    """What series count: clusters (brought up to date) or reports, each with its day, type,
    quad class, intensity and directed dyad; those dated more vaguely than a period of `by`
    are left out (a report of "last year" has no place in a monthly series)."""
    check_unit(unit)
    require_events(store)
    if unit == "cluster":
        update_clusters(store)
        day_sql = "COALESCE(date_start, first_published)"
        select = (
            f"SELECT id, {day_sql} AS day, type, quad_class, intensity, source_country, "
            "target_country, date_granularity FROM clusters"
        )
    else:
        day_sql = "COALESCE(e.date_start, d.published_at)"
        select = (
            f"SELECT e.id, {day_sql} AS day, e.type, e.quad_class, e.intensity, "
            "e.source_country, e.target_country, e.date_granularity FROM events e "
            "JOIN documents d ON d.id = e.document_id"
        )
    where, params = _range(day_sql, since, until)
    rows = store.fetchall(f"{select} WHERE {day_sql} IS NOT NULL AND {where}", params)
    frame = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    span = frame["granularity"].map(lambda g: _SPAN_DAYS.get(g, 0) if g else 0)
    frame = frame[span <= PERIOD_DAYS.get(by, 10**9)].reset_index(drop=True)
    frame["day"] = pd.to_datetime(frame["day"])
    frame["intensity"] = frame["intensity"].astype(float)
    return frame
