"""DuckDB, the default store: one file, no server. One process writes it at a time."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb

from .. import settings
from ..errors import StoreError
from .base import SqlStore
from .migrations import MIGRATIONS
from .rows import Row

_HELD = (signal.SIGINT, signal.SIGTERM)
# DuckDB's words when another process holds the file: `... is held in /usr/bin/python3 (PID 42)`
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def one_line(err: BaseException) -> str:
    """The first line of a driver's message (the CLI prints one line)."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


@contextmanager
def interrupts_after_statement() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM) until the statement is done, then raise KeyboardInterrupt.

    DuckDB would otherwise stop the statement and raise its own error; a run that is stopped
    between statements rolls back its open transaction and records itself as interrupted."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda n, _: caught.append(n)) for sig in _HELD}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if caught:
        raise KeyboardInterrupt


class DuckDBStore(SqlStore):
    """A DuckDB file (or `:memory:`), migrated to the current schema when opened.

    `read_only`: open it as a reader (many readers at once, a read-only file, a notebook
    holding it); the file must hold eventwire's tables already. One written by an older
    eventwire is upgraded first, briefly opened for writing."""

    dialect = "duckdb"

    def __init__(self, path: str | Path, migrate: bool = True, read_only: bool = False) -> None:
        self.target = str(path)
        self.read_only = read_only
        self._in_transaction = False
        self._types: dict[str, dict[str, str]] = {}
        self.con = self._connect(read_only)
        try:
            if read_only:
                self._check_readable(migrate)
            elif migrate:
                self.migrate()
        except BaseException:
            self.con.close()
            raise

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            con = duckdb.connect(self.target, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(self._open_failure(err, read_only)) from None
        limit = settings.current().duckdb_memory  # checked: digits and a unit
        if limit:
            con.execute(f"SET memory_limit = '{limit}'")
        return con

    def _open_failure(self, err: duckdb.Error, read_only: bool) -> str:
        holder = _LOCK_HOLDER.search(str(err))
        if holder is None:
            return f"cannot open database {self.target}: {one_line(err)}"
        who = f"PID {holder['pid']}, {Path(holder['program']).name}"
        if read_only:
            return (
                f"{self.target} is being written by another process ({who}); "
                "try again when it finishes"
            )
        return (
            f"{self.target} is open in another process ({who}); DuckDB lets one process write "
            "a file, and none read it meanwhile: try again when that process ends"
        )

    def _check_readable(self, migrate: bool) -> None:
        found = self.fetchall(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        )
        if not found[0][0]:
            raise StoreError(f"{self.target} holds no eventwire tables")
        if migrate and self.schema_version() < max(m.version for m in MIGRATIONS):
            self.con.close()  # upgrade in place (written by an older eventwire), then read
            DuckDBStore(self.target).close()
            self.con = self._connect(read_only=True)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.fetchall(sql, params, fetch=False)

    def fetchall(
        self, sql: str, params: Sequence[Any] = (), fetch: bool = True
    ) -> list[tuple[Any, ...]]:
        try:
            with interrupts_after_statement():
                result = self.con.execute(sql, list(params))
                return result.fetchall() if fetch else []
        except duckdb.Error as err:
            raise StoreError(f"{self.target}: {one_line(err)}") from None

    def stream(
        self, sql: str, params: Sequence[Any] = (), size: int = 2000
    ) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        try:
            cursor = self.con.cursor().execute(sql, list(params))
        except duckdb.Error as err:
            raise StoreError(f"{self.target}: {one_line(err)}") from None
        columns = [d[0] for d in cursor.description or []]

        def rows() -> Iterator[tuple[Any, ...]]:
            while chunk := cursor.fetchmany(size):
                yield from chunk
            cursor.close()

        return columns, rows()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._in_transaction:  # a nested call joins the open transaction
            yield
            return
        self.execute("BEGIN TRANSACTION")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._in_transaction = False
            with suppress(duckdb.Error):  # an interrupted statement may have ended it already
                self.con.execute("ROLLBACK")
            raise
        self._in_transaction = False
        self.execute("COMMIT")

    def insert(self, table: str, rows: list[Row], ignore_existing: bool = False) -> None:
        """Insert rows column-wise (one `unnest` per column): DuckDB takes a batch of thousands
        of rows this way in milliseconds, where `executemany` takes a second."""
        if not rows:
            return
        types = self._column_types(table)
        columns = list(dict.fromkeys(key for row in rows for key in row))
        unknown = [c for c in columns if c not in types]
        if unknown:
            raise StoreError(f"{self.target}: table {table} has no column {unknown[0]!r}")
        select = ", ".join(f"unnest(?::{types[c]}[])" for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        conflict = " ON CONFLICT DO NOTHING" if ignore_existing else ""
        self.execute(
            f"INSERT INTO {table} ({names}) SELECT {select}{conflict}",
            [[row.get(c) for row in rows] for c in columns],
        )

    def _column_types(self, table: str) -> dict[str, str]:
        if table not in self._types:
            rows = self.fetchall(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = current_schema()",
                [table],
            )
            self._types[table] = {str(name): str(kind) for name, kind in rows}
        return self._types[table]

    def in_list(self, column: str) -> str:
        return f"{column} IN (SELECT unnest(?::VARCHAR[]))"

    def close(self) -> None:
        """Write what the log holds into the file, and say so when that fails (a full disk):
        DuckDB would otherwise drop the error, leaving the data in the `.wal` file alone."""
        try:
            if not self.read_only and self.target != ":memory:":
                self.con.execute("CHECKPOINT")
        except duckdb.Error as err:
            raise StoreError(
                f"{self.target}: could not write the database file at the final checkpoint "
                f"({one_line(err)}); what was committed is kept in {self.target}.wal and is "
                "applied when the database is next opened with room to write"
            ) from None
        finally:
            self.con.close()
