"""Stories: documents that report the same happening, linked when their texts are similar and
their dates close; a story is a connected component of those links, named after its smallest
document id (so the stories do not depend on the order documents arrived in)."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any

from ..store.base import SqlStore
from .rules import ClusterConfig, story_dates_close
from .text import Vector, cosine, vector

CHUNK_DOCUMENTS = 20_000


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def story_id(documents: list[str]) -> str:
    return "s" + hashlib.sha1(min(documents).encode()).hexdigest()[:15]


def document_vectors(store: SqlStore, ids: list[str]) -> dict[str, Vector]:
    """Each document's title and text as a vector (for story links and the same-story bonus)."""
    vectors: dict[str, Vector] = {}
    for start in range(0, len(ids), 5000):
        part = ids[start : start + 5000]
        rows = store.fetchall(
            f"SELECT id, title, text FROM documents WHERE {store.in_list('id')}", [part]
        )
        for doc_id, title, text in rows:
            vectors[str(doc_id)] = vector(f"{title}.\n{text}" if title else text)
    return vectors


def _new_days(store: SqlStore) -> list[tuple[dt.date | None, int]]:
    return [
        (day, int(n))
        for day, n in store.fetchall(
            "SELECT d.published_at, count(*) FROM documents d LEFT JOIN stories s "
            "ON s.document_id = d.id WHERE s.document_id IS NULL GROUP BY 1 ORDER BY 1"
        )
    ]


def _chunks(days: list[tuple[dt.date | None, int]]) -> list[tuple[dt.date, dt.date] | None]:
    chunks: list[tuple[dt.date, dt.date] | None] = []
    current: list[Any] = []
    for day, n in days:
        if day is None:
            chunks.append(None)
        elif current and current[2] + n > CHUNK_DOCUMENTS:
            chunks.append((current[0], current[1]))
            current = [day, day, n]
        else:
            current = [current[0] if current else day, day, (current[2] if current else 0) + n]
    if current:
        chunks.append((current[0], current[1]))
    return chunks


def _load(
    store: SqlStore, chunk: tuple[dt.date, dt.date] | None, config: ClusterConfig
) -> list[tuple[str, dt.date | None, str | None]]:
    """(document id, date, stored story or None) for the chunk's new documents and the
    stored documents they can link to."""
    base = (
        "SELECT d.id, d.published_at, s.story_id FROM documents d "
        "LEFT JOIN stories s ON s.document_id = d.id WHERE "
    )
    if chunk is None:
        rows = store.fetchall(base + "d.published_at IS NULL")
    else:
        margin = dt.timedelta(days=config.story_window_days)
        rows = store.fetchall(
            base + "((s.story_id IS NOT NULL AND d.published_at BETWEEN ? AND ?) OR "
            "(s.story_id IS NULL AND d.published_at BETWEEN ? AND ?))",
            [chunk[0] - margin, chunk[1] + margin, chunk[0], chunk[1]],
        )
    return sorted(
        ((str(i), day, story) for i, day, story in rows), key=lambda d: (d[1] or dt.date.min, d[0])
    )


def _near(
    documents: list[tuple[str, dt.date | None, str | None]],
    days: list[dt.date],
    day: dt.date | None,
    config: ClusterConfig,
) -> list[tuple[str, dt.date | None, str | None]]:
    """The documents dated within the story window of `day` (`documents` sorted by date)."""
    if day is None:
        return [d for d in documents if d[1] is None]
    margin = dt.timedelta(days=config.story_window_days)
    return documents[
        bisect.bisect_left(days, day - margin) : bisect.bisect_right(days, day + margin)
    ]


def _story_chunk(store: SqlStore, config: ClusterConfig, chunk: Any, version: str) -> int:
    documents = _load(store, chunk, config)
    new = [d for d in documents if d[2] is None]
    if not new:
        return 0
    vectors = document_vectors(store, [d[0] for d in documents])
    days = [d[1] or dt.date.min for d in documents]
    found = UnionFind()
    first_of: dict[str, str] = {}
    for doc_id, _, story in documents:
        found.add(doc_id)
        if story is not None:
            found.union(first_of.setdefault(story, doc_id), doc_id)
    for doc_id, day, _ in new:
        for other, other_day, other_story in _near(documents, days, day, config):
            fresh_pair = other_story is not None or other < doc_id
            if not fresh_pair or not story_dates_close(day, other_day, config):
                continue
            if cosine(vectors[doc_id], vectors[other]) >= config.story_similarity:
                found.union(doc_id, other)
    _write(store, found, documents, new, version)
    return len(new)


def _write(
    store: SqlStore,
    found: UnionFind,
    documents: list[tuple[str, dt.date | None, str | None]],
    new: list[tuple[str, dt.date | None, str | None]],
    version: str,
) -> None:
    touched = {found.find(d[0]) for d in new}
    old: dict[str, set[str]] = defaultdict(set)
    for doc_id, _, story in documents:
        if story is not None and found.find(doc_id) in touched:
            old[found.find(doc_id)].add(story)
    with store.transaction():
        names: dict[str, str] = {}
        mine_of: dict[str, list[str]] = defaultdict(list)
        for doc_id, _, _ in new:
            mine_of[found.find(doc_id)].append(doc_id)
        for root, mine in mine_of.items():
            stories = sorted(old[root])
            stored = _documents_of(store, stories)
            names[root] = story_id([*mine, *stored])
            if stories:
                store.execute(
                    f"UPDATE stories SET story_id = ? WHERE {store.in_list('story_id')}",
                    [names[root], stories],
                )
        rows = [
            {"document_id": d[0], "story_id": names[found.find(d[0])], "version": version}
            for d in new
        ]
        store.insert("stories", rows)


def _documents_of(store: SqlStore, stories: list[str]) -> list[str]:
    if not stories:
        return []
    sql = f"SELECT document_id FROM stories WHERE {store.in_list('story_id')}"
    return [str(r[0]) for r in store.fetchall(sql, [stories])]


def update_stories(store: SqlStore, config: ClusterConfig, version: str) -> int:
    """Assign the documents not in a story yet; returns how many."""
    return sum(_story_chunk(store, config, c, version) for c in _chunks(_new_days(store)))
