"""Stories: documents that report the same happening. Documents are grouped by publication
date into fixed bins of STORY_BIN_DAYS (counted from 1970-01-01; undated documents form one
bin); within a bin, documents are clustered by average linkage on the TF-IDF cosine of their
texts (IDF over the bin). A bin is recomputed whole when a document joins it, so stories do
not depend on the order documents arrived in; a story never spans two bins."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from ..store.base import SqlStore
from .rules import ClusterConfig
from .text import Vector, vector

STORY_BIN_DAYS = 7
_EPOCH = dt.date(1970, 1, 1)


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


def _bin(day: dt.date | None) -> int | None:
    return None if day is None else (day - _EPOCH).days // STORY_BIN_DAYS


def _bin_range(index: int) -> tuple[dt.date, dt.date]:
    first = _EPOCH + dt.timedelta(days=index * STORY_BIN_DAYS)
    return first, first + dt.timedelta(days=STORY_BIN_DAYS - 1)


def _new_bins(store: SqlStore) -> list[int | None]:
    rows = store.fetchall(
        "SELECT DISTINCT d.published_at FROM documents d LEFT JOIN stories s "
        "ON s.document_id = d.id WHERE s.document_id IS NULL"
    )
    bins = {_bin(day) for (day,) in rows}
    return sorted(bins, key=lambda b: (b is None, b or 0))


def _bin_documents(store: SqlStore, index: int | None) -> list[str]:
    if index is None:
        rows = store.fetchall("SELECT id FROM documents WHERE published_at IS NULL ORDER BY id")
    else:
        first, last = _bin_range(index)
        rows = store.fetchall(
            "SELECT id FROM documents WHERE published_at BETWEEN ? AND ? ORDER BY id",
            [first, last],
        )
    return [str(r[0]) for r in rows]


def _weighted(vectors: list[Vector]) -> list[Vector]:
    """The vectors with IDF weights (over these documents), at unit length again."""
    df = Counter(key for v in vectors for key in v)
    n = len(vectors)
    weighted = []
    for v in vectors:
        raw = {key: x * (1.0 + math.log((n + 1) / (df[key] + 1))) for key, x in v.items()}
        norm = math.sqrt(sum(x * x for x in raw.values()))
        weighted.append({key: x / norm for key, x in raw.items() if x} if norm else {})
    return weighted


def stories_of(vectors: list[Vector], similarity: float) -> list[int]:
    """A story label per document: average linkage, cut where the mean cosine between two
    groups falls below `similarity`."""
    n = len(vectors)
    if n < 2:
        return [1] * n
    weighted = _weighted(vectors)
    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for i, v in enumerate(weighted):
        for key, x in v.items():
            rows.append(i)
            columns.append(vocabulary.setdefault(key, len(vocabulary)))
            values.append(x)
    matrix = csr_matrix((values, (rows, columns)), shape=(n, max(1, len(vocabulary))))
    distance = 1.0 - (matrix @ matrix.T).toarray()
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(np.clip(distance, 0.0, 1.0), checks=False), method="average")
    return [int(label) for label in fcluster(tree, 1.0 - similarity, criterion="distance")]


def _story_bin(store: SqlStore, config: ClusterConfig, index: int | None, version: str) -> int:
    ids = _bin_documents(store, index)
    vectors = document_vectors(store, ids)
    labels = stories_of([vectors[i] for i in ids], config.story_similarity)
    groups: dict[int, list[str]] = {}
    for doc_id, label in zip(ids, labels, strict=True):
        groups.setdefault(label, []).append(doc_id)
    name = {label: story_id(members) for label, members in groups.items()}
    rows = [
        {"document_id": d, "story_id": name[label], "version": version}
        for d, label in zip(ids, labels, strict=True)
    ]
    with store.transaction():
        for start in range(0, len(ids), 5000):
            part = ids[start : start + 5000]
            store.execute(f"DELETE FROM stories WHERE {store.in_list('document_id')}", [part])
        store.insert("stories", rows)
    return len(ids)


def update_stories(store: SqlStore, config: ClusterConfig, version: str) -> int:
    """Recompute the stories of every bin a new document joined; returns the documents placed."""
    return sum(_story_bin(store, config, index, version) for index in _new_bins(store))
