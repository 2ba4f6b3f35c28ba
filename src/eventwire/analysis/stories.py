"""Stories: documents that report the same happening. Documents are grouped by publication
date into fixed bins of STORY_BIN_DAYS (counted from 1970-01-01; undated documents form one
bin); within a bin, documents are clustered by average linkage on how likely each pair reports
one happening (`story_score`: TF-IDF cosines of words, names and figures, years in common,
in the whole texts and in their leads, IDF over the bin; the cosine of the leads' static
embeddings, `embed`; weights in `data/story_model.tsv`). A bin is recomputed whole when a
document joins it, so stories do not depend on the order documents arrived in; a story never
spans two bins."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator

from ..store.base import SqlStore
from .rules import ClusterConfig
from .story_score import DocumentTerms, document_terms, stories_of
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


def _texts(store: SqlStore, ids: list[str]) -> Iterator[tuple[str, str]]:
    """Each document's title and text, as one text."""
    for start in range(0, len(ids), 5000):
        part = ids[start : start + 5000]
        rows = store.fetchall(
            f"SELECT id, title, text FROM documents WHERE {store.in_list('id')}", [part]
        )
        for doc_id, title, text in rows:
            yield str(doc_id), f"{title}.\n{text}" if title else str(text)


def document_vectors(store: SqlStore, ids: list[str]) -> dict[str, Vector]:
    """Each document's title and text as a vector (for the same-story bonus of event links)."""
    return {doc_id: vector(text) for doc_id, text in _texts(store, ids)}


def document_terms_of(
    store: SqlStore, ids: list[str], embedding: bool | None = None
) -> dict[str, DocumentTerms]:
    """Each document's story evidence (`story_score.document_terms`)."""
    return {doc_id: document_terms(text, embedding) for doc_id, text in _texts(store, ids)}


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


def _story_bin(store: SqlStore, config: ClusterConfig, index: int | None, version: str) -> int:
    ids = _bin_documents(store, index)
    terms = document_terms_of(store, ids)
    labels = stories_of([terms[i] for i in ids], config.story_weights, config.story_link)
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
