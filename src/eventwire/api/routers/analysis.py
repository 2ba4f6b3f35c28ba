"""The analysis endpoints, on `eventwire.analysis` (docs/analysis.md): /clusters,
/dyads/series, /align/{country}, /shifts, /network. Clusters count by default (`unit=cluster`):
a writing server brings them up to date first; a read-only one answers from the clusters
stored, and says so (409) when they are behind the events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Path, Query

from ...errors import StoreError
from ...store import SqlStore
from ..analysis_models import (
    AlignmentRow,
    Cluster,
    Network,
    NetworkEdge,
    NetworkNode,
    SeriesPoint,
    ShiftAlert,
    records,
)
from ..deps import PoolDep, SettingsDep
from ..filters import CODE
from ..problems import Problem

router = APIRouter(tags=["analysis"])
T = TypeVar("T")
BEHIND = (
    "the clusters stored are behind the events (this server is read-only): run "
    "`eventwire clusters --db ...` to bring them up to date, or ask with unit=report"
)


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


class Unit(str, Enum):
    cluster = "cluster"
    report = "report"


Since = Annotated[dt.date | None, Query(description="From this date (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="To this date (YYYY-MM-DD).")]
UnitQuery = Annotated[Unit, Query(description="Count clusters (real-world events) or reports.")]
Code = Annotated[str, Query(pattern=CODE)]


def clusters_current(store: SqlStore) -> bool:
    """Every event clustered, by this analysis version (nothing for an update to do)."""
    from ...analysis.clusters import stale

    (unclustered,) = store.fetchall(
        "SELECT count(*) FROM events e LEFT JOIN cluster_members m ON m.event_id = e.id "
        "WHERE m.event_id IS NULL"
    )[0]
    return not unclustered and not stale(store)


def analysed(pool: Any, writable: bool, unit: Unit, work: Callable[[SqlStore], T]) -> T:
    """Run an analysis on a lent store: under the write lock where it may update clusters,
    and only on current clusters where it may not."""
    store = pool.borrow()
    try:
        if writable:
            with pool.write_lock:
                return work(store)
        if unit == Unit.cluster and not clusters_current(store):
            raise Problem(409, BEHIND, "E008")
        try:
            return work(store)
        except StoreError as err:
            if "read-only" in err.message or "read only" in err.message:
                raise Problem(409, BEHIND, "E008") from None
            raise
    finally:
        pool.give_back(store)


@router.get("/clusters", response_model=list[Cluster])
def get_clusters(
    pool: PoolDep,
    settings: SettingsDep,
    since: Since = None,
    until: Until = None,
    country: Annotated[str | None, Query(pattern=CODE)] = None,
    limit: Annotated[int, Query(ge=1)] = 100,
) -> list[Cluster]:
    """Real-world events (clusters of reports) with their corroboration, in date order."""
    from ...analysis import clusters

    if limit > settings.max_page_size:
        raise Problem(422, f"limit: at most {settings.max_page_size} clusters", "E009")
    frame = analysed(
        pool,
        settings.allow_writes,
        Unit.cluster,
        lambda s: clusters(s, since, until, country, limit, update=settings.allow_writes),
    )
    return [Cluster.model_validate(r) for r in records(frame)]


@router.get("/dyads/series", response_model=list[SeriesPoint])
def get_dyad_series(
    pool: PoolDep,
    settings: SettingsDep,
    a: Code,
    b: Code,
    by: Period = Period.month,
    unit: UnitQuery = Unit.cluster,
    since: Since = None,
    until: Until = None,
    directed: bool = False,
) -> list[SeriesPoint]:
    """Events between a and b per period, by quad class, with the ids behind each point."""
    from ...analysis import dyad_series

    frame = analysed(
        pool,
        settings.allow_writes,
        unit,
        lambda s: dyad_series(s, a, b, by.value, unit.value, since, until, directed),
    )
    return [SeriesPoint.model_validate(r) for r in records(frame)]


@router.get("/align/{country}", response_model=list[AlignmentRow])
def get_alignment(
    pool: PoolDep,
    settings: SettingsDep,
    country: Annotated[str, Path(pattern=CODE)],
    by: Annotated[str, Query(pattern=r"^(day|week|month|quarter|year|all)$")] = "quarter",
    unit: UnitQuery = Unit.cluster,
    since: Since = None,
    until: Until = None,
    samples: Annotated[int, Query(ge=10, le=1000)] = 200,
    within: Annotated[str | None, Query(max_length=60, pattern=r"^[\w .-]+$")] = None,
) -> list[AlignmentRow]:
    """Each partner's and bloc's share of the country's cooperation and conflict (the
    package's blocs: a request names no file)."""
    from ...analysis import alignment

    frame = analysed(
        pool,
        settings.allow_writes,
        unit,
        lambda s: alignment(s, country, by, None, unit.value, since, until, samples, 0, within),
    )
    return [AlignmentRow.model_validate(r) for r in records(frame)]


@router.get("/shifts", response_model=list[ShiftAlert])
def get_shifts(
    pool: PoolDep,
    settings: SettingsDep,
    a: Annotated[str | None, Query(pattern=CODE)] = None,
    b: Annotated[str | None, Query(pattern=CODE)] = None,
    by: Period = Period.week,
    unit: UnitQuery = Unit.cluster,
    measure: Annotated[str, Query(pattern=r"^(events|coop|conflict|intensity_sum)$")] = "events",
    since: Since = None,
    until: Until = None,
) -> list[ShiftAlert]:
    """Change points and surges in a dyad's, a country's or the busiest dyads' series."""
    from ...analysis import shifts

    frame = analysed(
        pool,
        settings.allow_writes,
        unit,
        lambda s: shifts(s, a, b, by.value, unit.value, measure, since, until),
    )
    return [ShiftAlert.model_validate(r) for r in records(frame)]


@router.get("/network", response_model=Network)
def get_network(
    pool: PoolDep,
    settings: SettingsDep,
    since: Since = None,
    until: Until = None,
    unit: UnitQuery = Unit.cluster,
    kind: Annotated[str, Query(pattern=r"^(all|cooperation|conflict)$")] = "all",
) -> Network:
    """Who acts on whom: countries and the directed edges between them."""
    from ...analysis import network_edges

    frame = analysed(
        pool,
        settings.allow_writes,
        unit,
        lambda s: network_edges(s, since, until, unit.value, kind),
    )
    edges = [NetworkEdge.model_validate(r) for r in records(frame)]
    totals: dict[str, int] = {}
    for edge in edges:
        for node in (edge.source, edge.target):
            totals[node] = totals.get(node, 0) + edge.count
    nodes = [NetworkNode(id=k, events=v) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])]
    return Network(nodes=nodes, edges=edges)
