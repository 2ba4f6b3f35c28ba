"""Bringing the stored clusters up to date: only reports not clustered yet are compared, with
the reports they can match (the same block, dates within the widest window), a stretch of days
at a time so that memory stays bounded. The links make connected components (stored as each
member's `component_id`); every component a new report joins is regrouped whole by average
linkage (`groups`), and clusters are named after their smallest member id, so clustering batch
by batch gives what clustering everything at once gives, and running again changes nothing."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..errors import InvalidOption
from ..store.base import SqlStore
from .blocking import LOOKBACK_DAYS, load_paired, paired_links, stored_components
from .corroboration import cluster_row
from .groups import component_id, groups_of
from .reports import Report, overlapping, select_reports
from .rules import ClusterConfig, block_key, links
from .stories import UnionFind, document_vectors, update_stories
from .text import vector

ANALYSIS_VERSION = "clusters-1.5"
CHUNK_EVENTS = 20_000  # new reports compared in one pass (bounds memory: issue 14)
CHUNK_DAYS = 92
_LONGEST_RANGE = LOOKBACK_DAYS  # a report dated "2023" spans a year; look that far back
BLOCKINGS = ("sql", "python")  # candidate pairs from a join in the store, or a loop here


@dataclass(frozen=True)
class ClusterUpdate:
    events_added: int
    clusters: int
    stories: int
    version: str
    full: bool


def cluster_id(members: Iterable[str]) -> str:
    return "c" + hashlib.sha1(min(members).encode()).hexdigest()[:15]


def update_clusters(
    store: SqlStore, config: ClusterConfig | None = None, full: bool = False, blocking: str = "sql"
) -> ClusterUpdate:
    """Cluster the reports not clustered yet (everything, from scratch, when `full`, or when
    the store was clustered by another ANALYSIS_VERSION or its events were re-coded).
    `blocking`: "sql" (candidate pairs from the store, `blocking`) or "python" (the loop over
    each block's loaded reports); both give the same clusters."""
    config = config or ClusterConfig()
    if blocking not in BLOCKINGS:
        raise InvalidOption(f"unknown blocking {blocking!r}; valid: {', '.join(BLOCKINGS)}")
    full = full or stale(store)
    if full:
        with store.transaction():
            for table in ("clusters", "cluster_members", "stories"):
                store.execute(f"DELETE FROM {table}")
    stories_added = update_stories(store, config, ANALYSIS_VERSION)
    added = cluster_pending(store, config, blocking)
    if added or stories_added:
        _refresh_story_ids(store)
    (clusters,) = store.fetchall("SELECT count(*) FROM clusters")[0]
    (stories,) = store.fetchall("SELECT count(DISTINCT story_id) FROM stories")[0]
    return ClusterUpdate(added, int(clusters), int(stories), ANALYSIS_VERSION, full)


def cluster_pending(store: SqlStore, config: ClusterConfig, blocking: str = "sql") -> int:
    """Cluster the reports not clustered yet, a stretch of days at a time (no stories)."""
    return sum(_cluster_chunk(store, config, chunk, blocking) for chunk in _new_chunks(store))


def stale(store: SqlStore) -> bool:
    """Stored clusters that this version did not make, or whose events changed since."""
    checks: tuple[tuple[str, list[Any]], ...] = (
        ("SELECT count(*) FROM cluster_members WHERE version <> ?", [ANALYSIS_VERSION]),
        ("SELECT count(*) FROM stories WHERE version <> ?", [ANALYSIS_VERSION]),
        (
            "SELECT count(*) FROM cluster_members m LEFT JOIN events e ON e.id = m.event_id "
            "WHERE e.id IS NULL OR e.coder IS DISTINCT FROM m.coder",
            [],
        ),
        (
            "SELECT count(*) FROM stories s LEFT JOIN documents d ON d.id = s.document_id "
            "WHERE d.id IS NULL",
            [],
        ),
    )
    return any(store.fetchall(sql, params)[0][0] for sql, params in checks)


_DAY = "COALESCE(e.date_start, d.published_at)"
_LAST = "COALESCE(e.date_end, e.date_start, d.published_at)"


@dataclass(frozen=True)
class _Chunk:
    first: dt.date | None  # None: the undated reports
    last: dt.date | None
    last_end: dt.date | None  # the latest end of a new report's range in the chunk


def _new_chunks(store: SqlStore) -> list[_Chunk]:
    """Stretches of days holding at most CHUNK_EVENTS new reports (and at most CHUNK_DAYS)."""
    rows = store.fetchall(
        f"SELECT {_DAY} AS day, count(*), max({_LAST}) FROM events e "
        "JOIN documents d ON d.id = e.document_id "
        "LEFT JOIN cluster_members m ON m.event_id = e.id WHERE m.event_id IS NULL "
        "GROUP BY 1 ORDER BY 1"
    )
    chunks: list[_Chunk] = []
    current: _Chunk | None = None
    count = 0
    for day, n, last_end in rows:
        if day is None:
            chunks.append(_Chunk(None, None, None))
            continue
        assert current is None or current.first is not None
        if current and (count + n > CHUNK_EVENTS or (day - current.first).days > CHUNK_DAYS):
            chunks.append(current)
            current = None
        if current is None or current.last_end is None:
            current, count = _Chunk(day, day, last_end), int(n)
        else:
            current, count = _Chunk(current.first, day, max(current.last_end, last_end)), count + n
    if current:
        chunks.append(current)
    return chunks


def _where(chunk: _Chunk, config: ClusterConfig) -> tuple[str, list[Any]]:
    """The reports one pass compares: its new ones, and the stored ones they can reach."""
    if chunk.first is None or chunk.last is None or chunk.last_end is None:
        return f"{_DAY} IS NULL", []
    margin = dt.timedelta(days=config.widest_window)
    old, params = overlapping(chunk.first - margin, chunk.last_end + margin)
    where = (
        f"((m.cluster_id IS NOT NULL AND {old}) "
        f"OR (m.cluster_id IS NULL AND {_DAY} BETWEEN ? AND ?))"
    )
    return where, [*params, chunk.first, chunk.last]


def _load(store: SqlStore, chunk: _Chunk, config: ClusterConfig) -> list[Report]:
    return list(select_reports(store, *_where(chunk, config)))


def _links(reports: list[Report], config: ClusterConfig, vectors: dict[str, Any]) -> UnionFind:
    """Union-find over the reports: stored components as they are, joined by new links."""
    found = stored_components(reports)
    blocks: dict[tuple[int, str, str], list[Report]] = defaultdict(list)
    for report in reports:
        blocks[block_key(report)].append(report)
    window = dt.timedelta(days=config.widest_window)
    for block in blocks.values():
        dated = sorted((r for r in block if r.day is not None), key=lambda r: (r.day, r.id))
        days = [r.day or dt.date.min for r in dated]
        undated = [r for r in block if r.day is None]
        for report in block:
            if report.cluster_id is not None:
                continue
            if report.day is None or report.last_day is None:
                candidates = undated
            else:
                low = bisect.bisect_left(days, report.day - window - dt.timedelta(_LONGEST_RANGE))
                high = bisect.bisect_right(days, report.last_day + window)
                candidates = dated[low:high]
            for other in candidates:
                new_pair = other.cluster_id is not None or other.id < report.id
                if new_pair and other.id != report.id and links(report, other, config, vectors):
                    found.union(report.id, other.id)
    return found


def _cluster_chunk(store: SqlStore, config: ClusterConfig, chunk: _Chunk, blocking: str) -> int:
    pairs: list[tuple[str, str]] = []
    if blocking == "sql":  # words only for the reports with a candidate pair
        reports, pairs = load_paired(store, *_where(chunk, config), config)
        compared = {i for pair in pairs for i in pair}
        documents = {r.document_id for r in reports if r.id in compared}
    else:
        reports = _load(store, chunk, config)
        documents = {r.document_id for r in reports}
    new = [r for r in reports if r.cluster_id is None]
    if not new:
        return 0
    vectors = document_vectors(store, sorted(documents))
    if blocking == "sql":
        found = paired_links(reports, pairs, config, vectors)
    else:
        found = _links(reports, config, vectors)
    touched = {found.find(r.id) for r in new}
    root_of = {
        r.component_id: found.find(r.id)
        for r in reports
        if r.component_id and found.find(r.id) in touched
    }
    old = sorted(root_of)
    components: dict[str, list[Report]] = defaultdict(list)
    for report in new:
        components[found.find(report.id)].append(report)
    loaded = {r.id: r for r in reports}
    stored = [  # all of each component, inside the chunk or not
        loaded.get(r.id) or replace(r, words=vector(r.evidence))
        for r in _stored_members(store, old)
    ]
    for report in stored:
        components[root_of[str(report.component_id)]].append(report)
    vectors.update(document_vectors(store, sorted({r.document_id for r in stored} - set(vectors))))
    with store.transaction():
        _write_components(store, config, vectors, old, list(components.values()))
    return len(new)


def _stored_members(store: SqlStore, components: list[str]) -> list[Report]:
    found: list[Report] = []
    for start in range(0, len(components), 5000):
        part = components[start : start + 5000]
        found += select_reports(store, store.in_list("m.component_id"), [part], with_words=False)
    return found


def _write_components(
    store: SqlStore,
    config: ClusterConfig,
    vectors: dict[str, Any],
    old: list[str],
    components: list[list[Report]],
) -> None:
    """Regroup each touched component, replace its stored members and rewrite its clusters."""
    old_clusters = sorted({r.cluster_id for c in components for r in c if r.cluster_id})
    for start in range(0, len(old), 5000):
        part = old[start : start + 5000]
        store.execute(f"DELETE FROM cluster_members WHERE {store.in_list('component_id')}", [part])
    for start in range(0, len(old_clusters), 5000):
        part = old_clusters[start : start + 5000]
        store.execute(f"DELETE FROM clusters WHERE {store.in_list('id')}", [part])

    def linked(a: Report, b: Report) -> bool:
        return links(a, b, config, vectors)

    rows: list[dict[str, Any]] = []
    names: dict[str, list[Report]] = {}
    for members in components:
        component = component_id(r.id for r in members)
        for group in groups_of(members, linked, config.cluster_link_share):
            name = cluster_id(r.id for r in group)
            names[name] = group
            rows += [
                {
                    "event_id": r.id,
                    "cluster_id": name,
                    "document_id": r.document_id,
                    "version": ANALYSIS_VERSION,
                    "coder": r.coder,
                    "component_id": component,
                }
                for r in group
            ]
    store.insert("cluster_members", sorted(rows, key=lambda m: m["event_id"]))
    _write_cluster_rows(store, dict(sorted(names.items())))


def _write_cluster_rows(store: SqlStore, groups: dict[str, list[Report]]) -> None:
    """Each cluster's row, from its members (a group holds all of its cluster's members)."""
    names = list(groups)
    for start in range(0, len(names), 5000):
        part = names[start : start + 5000]
        store.execute(f"DELETE FROM clusters WHERE {store.in_list('id')}", [part])
    store.insert("clusters", [cluster_row(n, g, ANALYSIS_VERSION) for n, g in groups.items()])


def _refresh_story_ids(store: SqlStore) -> None:
    """Each cluster's story: the smallest story id among its documents' stories."""
    store.execute(
        "UPDATE clusters SET story_id = (SELECT min(s.story_id) FROM cluster_members m "
        "JOIN stories s ON s.document_id = m.document_id WHERE m.cluster_id = clusters.id)"
    )
