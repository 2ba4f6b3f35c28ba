"""What every store does, in SQL both DuckDB and PostgreSQL speak: migrate, save coded documents
(replacing, or adding only the new ones), and say what is there. A backend supplies the driver:
how to run a statement, open a transaction and insert many rows fast."""

from __future__ import annotations

import random
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any

from ..errors import StoreError
from ..model import CodedDocument
from .migrations import LEDGER, MIGRATIONS, TABLES, Dialect
from .rows import SHARED_TABLES, WRITE_ORDER, Provenance, Row, run_counts, table_rows, utc_now

Batch = Sequence[tuple[CodedDocument, Provenance]]
WRITE_ATTEMPTS = 6  # a batch aborted by a deadlock is tried again up to 5 times
# the primary key of each table: rows are inserted in this order (see `sorted_rows`)
_KEYS = {
    "documents": ("id",),
    "actors": ("id",),
    "places": ("id",),
    "mentions": ("document_id", "kind", "idx"),
    "events": ("id",),
    "sightings": ("document_id", "location"),
}


class TransientStoreError(StoreError):
    """The server aborted a transaction that may succeed when tried again (a deadlock, a
    serialization failure)."""


def sorted_rows(table: str, rows: list[Row]) -> list[Row]:
    """Rows in primary-key order: concurrent writers then lock shared rows in the same order,
    which rules out deadlocks between them (PostgreSQL locks each key as it inserts it)."""
    keys = _KEYS[table]
    return sorted(rows, key=lambda row: tuple(str(row.get(k)) for k in keys))


@dataclass(frozen=True)
class Written:
    """What one write did: documents and events added, documents that were there already."""

    documents: int = 0
    events: int = 0
    already_stored: int = 0
    undated: int = 0  # of those added: no publication date (dates anchored to the coding day)
    other_language: int = 0  # of those added: not in English (stored, not coded)


class SqlStore(ABC):
    """A database of coded documents. Use as a context manager; every write is a transaction."""

    dialect: Dialect
    target: str
    retries = 0  # write transactions tried again (after a deadlock), for tests and benchmarks

    # -- the driver -------------------------------------------------------------------------
    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def stream(
        self, sql: str, params: Sequence[Any] = (), size: int = 2000
    ) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Column names and the rows of a query, fetched `size` at a time."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def insert(self, table: str, rows: list[Row], ignore_existing: bool = False) -> None: ...

    @abstractmethod
    def in_list(self, column: str) -> str:
        """SQL that is true when `column` is in the list given as the one parameter."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations this database has not run yet, in one transaction."""
        with self.transaction():
            self._lock_for_migrations()
            self.execute(LEDGER)
            done = {int(v) for (v,) in self.fetchall("SELECT version FROM schema_migrations")}
            known = {m.version for m in MIGRATIONS}
            if done - known:
                raise StoreError(
                    f"{self.target} has schema version {max(done)}, newer than this eventwire "
                    f"knows ({max(known)}); upgrade eventwire"
                )
            applied = []
            for migration in MIGRATIONS:
                if migration.version in done:
                    continue
                for statement in migration.sql(self.dialect):
                    self.execute(statement)
                self.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [migration.version, migration.name, utc_now()],
                )
                applied.append(migration.version)
        return applied

    def _lock_for_migrations(self) -> None:  # noqa: B027 (a hook; DuckDB needs no lock)
        """Keep two processes from migrating the same database at once (where it can happen)."""

    def schema_version(self) -> int:
        row = self.fetchall("SELECT max(version) FROM schema_migrations")
        return int(row[0][0] or 0)

    # -- writing ------------------------------------------------------------------------------
    def save(self, coded: CodedDocument, provenance: Provenance | None = None) -> None:
        """Insert or replace one coded document and its rows, atomically."""
        self.replace([(coded, provenance or Provenance())])

    def replace(self, batch: Batch, run_id: str | None = None) -> Written:
        """Insert documents, replacing the rows of those already stored (re-coding)."""
        return self._retrying(lambda: self._replace_once(batch, run_id))

    def _replace_once(self, batch: Batch, run_id: str | None) -> Written:
        ids = sorted(coded.document.id for coded, _ in batch)
        with self.transaction():
            for table, column in (("events", "document_id"), ("mentions", "document_id")):
                self.execute(f"DELETE FROM {table} WHERE {self.in_list(column)}", [ids])
            self.execute(f"DELETE FROM documents WHERE {self.in_list('id')}", [ids])
            written = self._write(batch, run_id, ignore_existing=False)
        return written

    def save_new(self, batch: Batch, run_id: str | None = None) -> Written:
        """Insert the documents not stored yet; those stored already are left as they are, so
        saving the same batch twice (a resumed run, two workers) changes nothing. Where each
        was read is recorded as a sighting either way."""
        return self._retrying(lambda: self._save_new_once(batch, run_id))

    def _save_new_once(self, batch: Batch, run_id: str | None) -> Written:
        with self.transaction():
            stored = self.existing_ids([coded.document.id for coded, _ in batch])
            fresh = [(c, p) for c, p in batch if c.document.id not in stored]
            written = self._write(fresh, run_id, ignore_existing=True)
            seen = [(c, p) for c, p in batch if c.document.id in stored]
            self.insert("sightings", sorted_rows("sightings", table_rows(seen)["sightings"]), True)
        return replace(written, already_stored=len(batch) - len(fresh))

    def record_sightings(self, sightings: list[Row]) -> None:
        """Record other places stored documents were read (documents themselves unchanged)."""
        if sightings:
            rows = sorted_rows("sightings", sightings)
            self._retrying(lambda: self._insert_sightings(rows))

    def _insert_sightings(self, rows: list[Row]) -> Written:
        with self.transaction():
            self.insert("sightings", rows, ignore_existing=True)
        return Written()

    def _retrying(self, write: Callable[[], Written]) -> Written:
        """Run a write transaction again when the server aborted it for a deadlock or a
        serialization failure (another writer's fault as much as ours), after a jittered wait."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                return write()
            except TransientStoreError:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise
                self.retries += 1
                time.sleep(random.uniform(0.5, 1.5) * 0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _write(self, batch: Batch, run_id: str | None, ignore_existing: bool) -> Written:
        tables = table_rows(batch)
        for table in WRITE_ORDER:
            shared = table in SHARED_TABLES
            rows = sorted_rows(table, tables[table])
            self.insert(table, rows, ignore_existing=ignore_existing or shared)
        undated, other_language = run_counts(tables["documents"])
        written = Written(
            len(tables["documents"]), len(tables["events"]), 0, undated, other_language
        )
        if run_id is not None and written.documents:
            self.execute(
                "UPDATE runs SET documents_coded = documents_coded + ?, events = events + ?, "
                "documents_undated = documents_undated + ?, "
                "documents_other_language = documents_other_language + ? WHERE id = ?",
                [written.documents, written.events, undated, other_language, run_id],
            )
        return written

    # -- reading ------------------------------------------------------------------------------
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.fetchall(f"SELECT id FROM documents WHERE {self.in_list('id')}", [list(ids)])
        return {str(r[0]) for r in rows}

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        return int(self.fetchall(f"SELECT count(*) FROM {table}")[0][0])
