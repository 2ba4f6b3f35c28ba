"""Blocking in the store: the candidate pairs of one clustering pass come from a SQL self-join
(DuckDB or PostgreSQL) instead of a Python loop over every loaded report, so that Python reads
and scores only reports that have a candidate, and memory is bounded by the pairs.

A pair is a candidate when the two reports are in one block (`rules.block_key`: the same quad
class and unordered dyad) and nothing `rules.comparable` checks rules it out: both dated (days
within the pair's window, `ClusterConfig.window`) or both undated, no year-or-vaguer date
across documents, points (if both have one) at most `max_km` apart. The join keeps every pair
that `comparable` accepts (the distance with a kilometre to spare for rounding), and
`rules.links` still checks each, so the clusters are those of the Python blocking."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..store.base import SqlStore
from .reports import Report, select_reports
from .rules import _PRECISE, _UNMATCHABLE, _VAGUE, _VERY_VAGUE, ClusterConfig, links
from .stories import UnionFind
from .text import vector

LOOKBACK_DAYS = 400  # as the Python blocking: a report's range reaches this far back at most
_SLACK_KM = 1.0  # SQL and Python round the great-circle distance differently

_DAY = "COALESCE(e.date_start, d.published_at)"
_LAST = "COALESCE(e.date_end, e.date_start, d.published_at)"


def _words(values: set[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in sorted(values)) + ")"


def _reports_sql(where: str) -> str:
    """The blocking columns of the reports a pass compares (those matching `where`)."""
    return (
        "SELECT e.id, e.document_id AS doc, COALESCE(e.quad_class, 0) AS quad, "
        "LEAST(COALESCE(e.source_country, ''), COALESCE(e.target_country, '')) AS a, "
        "GREATEST(COALESCE(e.source_country, ''), COALESCE(e.target_country, '')) AS b, "
        f"{_DAY} AS day, {_LAST} AS last, e.date_granularity AS g, e.lat, e.lon, "
        "m.cluster_id AS cid FROM events e JOIN documents d ON d.id = e.document_id "
        f"LEFT JOIN cluster_members m ON m.event_id = e.id WHERE {where}"
    )


def _window_sql(config: ClusterConfig) -> str:
    """`ClusterConfig.window` of the pair (n, o) as a SQL expression."""
    precise, very, vague = _words(_PRECISE), _words(_VERY_VAGUE), _words(_VAGUE)
    return (
        f"CASE WHEN n.g IN {precise} AND o.g IN {precise} THEN {int(config.precise_window_days)} "
        f"WHEN n.g IN {very} OR o.g IN {very} THEN {int(config.very_vague_window_days)} "
        f"WHEN n.g IN {vague} OR o.g IN {vague} THEN {int(config.vague_window_days)} "
        f"ELSE {int(config.window_days)} END"
    )


def _km_sql() -> str:
    half_lat = "sin(radians(o.lat - n.lat) / 2)"
    half_lon = "sin(radians(o.lon - n.lon) / 2)"
    root = (
        f"sqrt(power({half_lat}, 2) + "
        f"cos(radians(n.lat)) * cos(radians(o.lat)) * power({half_lon}, 2))"
    )
    return f"2 * 6371.0 * asin(LEAST(1.0, {root}))"


def _pairs_sql(where: str, config: ClusterConfig) -> str:
    widest = int(config.widest_window)
    dated = (
        "(n.day IS NOT NULL AND o.day IS NOT NULL "
        f"AND o.day >= n.day - {widest + LOOKBACK_DAYS} AND o.day <= n.last + {widest} "
        f"AND o.day - n.last <= {_window_sql(config)} "
        f"AND n.day - o.last <= {_window_sql(config)})"
    )
    unmatchable = _words(_UNMATCHABLE)
    vague_year = (
        f"(n.doc = o.doc OR (COALESCE(n.g, '') NOT IN {unmatchable} "
        f"AND COALESCE(o.g, '') NOT IN {unmatchable}))"
    )
    no_point = "n.lat IS NULL OR n.lon IS NULL OR o.lat IS NULL OR o.lon IS NULL"
    near = f"({no_point} OR {_km_sql()} <= {float(config.max_km) + _SLACK_KM})"
    return (
        f"WITH r AS ({_reports_sql(where)}) "
        "SELECT n.id, o.id FROM r n JOIN r o "
        "ON o.quad = n.quad AND o.a = n.a AND o.b = n.b AND o.id <> n.id "
        "WHERE n.cid IS NULL AND (o.cid IS NOT NULL OR o.id < n.id) "
        f"AND ((n.day IS NULL AND o.day IS NULL) OR {dated}) AND {vague_year} AND {near}"
    )


def candidate_pairs(
    store: SqlStore, where: str, params: Sequence[Any], config: ClusterConfig
) -> list[tuple[str, str]]:
    """Each candidate pair (new report, other report) among the reports matching `where` (a
    condition on `e`, `d`, `m`): the new one not clustered yet, the other clustered, or new
    too and the pair given once. The caller orders a pair of two new reports as it needs."""
    rows = store.fetchall(_pairs_sql(where, config), list(params))
    return [(str(a), str(b)) for a, b in rows]


def load_paired(
    store: SqlStore, where: str, params: Sequence[Any], config: ClusterConfig
) -> tuple[list[Report], list[tuple[str, str]]]:
    """The pass's new reports (matching `where`, not clustered yet), the stored reports paired
    with one, and the candidate pairs; only the reports in a pair get their words."""
    pairs = candidate_pairs(store, where, params, config)
    new_only = f"m.cluster_id IS NULL AND {where}"
    reports = list(select_reports(store, new_only, params, with_words=False))
    old = sorted({other for _, other in pairs} - {r.id for r in reports})
    for start in range(0, len(old), 5000):
        part = [old[start : start + 5000]]
        reports += select_reports(store, store.in_list("e.id"), part, with_words=False)
    compared = {i for pair in pairs for i in pair}
    for report in reports:
        if report.id in compared:
            report.words = vector(report.evidence)
    return reports, pairs


def stored_components(reports: list[Report]) -> UnionFind:
    """Union-find over the reports, each stored component joined as it is."""
    found = UnionFind()
    by_component: dict[str, str] = {}
    for report in reports:
        found.add(report.id)
        if report.component_id is not None:
            found.union(by_component.setdefault(report.component_id, report.id), report.id)
    return found


def paired_links(
    reports: list[Report],
    pairs: list[tuple[str, str]],
    config: ClusterConfig,
    vectors: dict[str, Any],
) -> UnionFind:
    """The stored components joined by the candidate pairs that link; a pair of two new
    reports is scored the way round the Python blocking scores it (the larger id first)."""
    found = stored_components(reports)
    by_id = {r.id: r for r in reports}
    for new_id, other_id in pairs:
        report, other = by_id[new_id], by_id[other_id]
        if other.cluster_id is None and other.id > report.id:
            report, other = other, report
        if links(report, other, config, vectors):
            found.union(report.id, other.id)
    return found
