"""PostgreSQL, the shared-server store (psycopg 3, plain SQL): the same tables as DuckDB, many
writers at once (Dask workers), `?schema=NAME` in the URL to keep a corpus in its own schema."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import InvalidOption, StoreError
from .base import SqlStore, TransientStoreError
from .duck import one_line
from .rows import Row

if TYPE_CHECKING:
    import psycopg

URL_PREFIXES = ("postgresql://", "postgres://")
_CURSORS = itertools.count()
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
# deadlock_detected, serialization_failure: the transaction may succeed when tried again
_TRANSIENT = frozenset({"40P01", "40001"})


def is_postgres_url(target: str) -> bool:
    return target.startswith(URL_PREFIXES)


def split_schema(url: str) -> tuple[str, str | None]:
    """(the URL libpq understands, the schema named by `?schema=`)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schemas = [value for key, value in query if key == "schema"]
    if len(schemas) > 1:
        raise InvalidOption(f"?schema= is given {len(schemas)} times in the URL; name one schema")
    rest = urlencode([(k, v) for k, v in query if k != "schema"])
    schema = schemas[0] if schemas else None
    if schema is not None and not _SCHEMA_NAME.match(schema):
        raise InvalidOption(f"schema {schema!r} is not a plain SQL name (letters, digits, _)")
    return urlunsplit(parts._replace(query=rest)), schema


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresStore(SqlStore):
    """A PostgreSQL database, migrated to the current schema when opened. `read_only`: the
    schema and its tables must exist already (a mistyped `?schema=` is an error, not a new
    empty schema); an older eventwire schema is still upgraded."""

    dialect = "postgres"

    def __init__(self, url: str, migrate: bool = True, read_only: bool = False) -> None:
        import psycopg

        self.target = redact(url)
        conninfo, self.schema = split_schema(url)
        self.driver_errors = psycopg.Error
        try:
            self.con: psycopg.Connection[tuple[Any, ...]] = psycopg.connect(
                conninfo, autocommit=True, connect_timeout=10
            )
        except psycopg.Error as err:
            raise StoreError(f"cannot connect to {self.target}: {one_line(err)}") from None
        try:
            if read_only:
                self._open_existing()
            elif self.schema:
                self._use_schema(self.schema)
            if migrate:
                self.migrate()
        except BaseException:
            self.con.close()
            raise

    def _open_existing(self) -> None:
        """Refuse a schema or a database without eventwire's tables, creating nothing."""
        if self.schema:
            found = self.fetchall("SELECT 1 FROM pg_namespace WHERE nspname = ?", [self.schema])
            if not found:
                raise StoreError(
                    f"{self.target}: there is no schema {self.schema!r} in this database "
                    "(check ?schema= in the URL)"
                )
            self.execute(f'SET search_path TO "{self.schema}"')
        if self.fetchall("SELECT to_regclass('schema_migrations')")[0][0] is None:
            where = f"schema {self.schema!r}" if self.schema else "this database"
            raise StoreError(f"{self.target}: there are no eventwire tables in {where}")

    def _error(self, err: Exception) -> StoreError:
        kind = TransientStoreError if getattr(err, "sqlstate", None) in _TRANSIENT else StoreError
        return kind(f"{self.target}: {one_line(err)}")

    def _use_schema(self, schema: str) -> None:
        # CREATE SCHEMA IF NOT EXISTS races with itself (two workers starting): serialise it
        with self.transaction():
            self.execute("SELECT pg_advisory_xact_lock(hashtext('eventwire.create_schema'))")
            self.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        self.execute(f'SET search_path TO "{schema}"')

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self.con.execute(self._sql(sql), list(params) or None)
        except self.driver_errors as err:
            raise self._error(err) from None

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.con.execute(self._sql(sql), list(params) or None).fetchall()
        except self.driver_errors as err:
            raise self._error(err) from None

    def stream(
        self, sql: str, params: Sequence[Any] = (), size: int = 2000
    ) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        # a server-side cursor: rows come as they are read, not all at once
        cursor = self.con.cursor(name=f"eventwire_stream_{next(_CURSORS)}", withhold=True)
        try:
            cursor.execute(self._sql(sql), list(params) or None)
        except self.driver_errors as err:
            self._close_quietly(cursor)
            raise StoreError(f"{self.target}: {one_line(err)}") from None
        columns = [d.name for d in cursor.description or []]

        def rows() -> Iterator[tuple[Any, ...]]:
            try:
                while chunk := cursor.fetchmany(size):
                    yield from chunk
            finally:  # also when the reader stops early: no cursor is left open
                self._close_quietly(cursor)

        return columns, rows()

    def _close_quietly(self, cursor: Any) -> None:
        with suppress(self.driver_errors):
            cursor.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.con.transaction():
                yield
        except self.driver_errors as err:  # an error at commit
            raise self._error(err) from None

    def _lock_for_migrations(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.eventwire'))")

    def insert(self, table: str, rows: list[Row], ignore_existing: bool = False) -> None:
        if not rows:
            return
        columns = list(dict.fromkeys(key for row in rows for key in row))
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        conflict = " ON CONFLICT DO NOTHING" if ignore_existing else ""
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks}){conflict}"
        try:
            with self.con.cursor() as cursor:
                cursor.executemany(sql, [[row.get(c) for c in columns] for row in rows])
        except self.driver_errors as err:
            raise self._error(err) from None

    def in_list(self, column: str) -> str:
        return f"{column} = ANY(?)"

    def close(self) -> None:
        self.con.close()
