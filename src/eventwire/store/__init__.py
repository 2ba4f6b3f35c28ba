"""Store: coded documents in DuckDB (the embedded default, one file) or PostgreSQL (a shared
server), with the same tables: documents, mentions, actors, places, events and runs. The schema
is versioned (`migrations`); saving is idempotent, keyed by each document's content id."""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import SqlStore, Written
from .duck import DuckDBStore
from .migrations import MIGRATIONS, TABLES
from .parquet import is_partition_dir, open_partitions
from .postgres import PostgresStore, is_postgres_url
from .rows import Provenance

Store = DuckDBStore  # `Store(path)`: the DuckDB file of `eventwire code --db`

__all__ = [
    "MIGRATIONS",
    "TABLES",
    "DuckDBStore",
    "PostgresStore",
    "Provenance",
    "SqlStore",
    "Store",
    "Written",
    "is_postgres_url",
    "open_partitions",
    "open_store",
]


def open_store(target: str | Path, must_exist: bool = False, read_only: bool = False) -> SqlStore:
    """A PostgreSQL URL (`postgresql://host/db?schema=name`), a DuckDB file path, or (to read)
    a directory of Parquet partitions. `must_exist`: refuse to create a new DuckDB file.
    `read_only` (`events`, `stats`, `export`): create nothing, take no write lock."""
    text = str(target)
    if is_postgres_url(text):
        return PostgresStore(text, read_only=read_only)
    path = Path(text)
    if is_partition_dir(path):
        return open_partitions(path)
    if must_exist and not path.exists():
        raise StoreError(f"no database at {text}; create one with `eventwire ingest`")
    if read_only and not path.exists():
        raise StoreError(f"no database at {text}; create one with `eventwire ingest`")
    return DuckDBStore(text, read_only=read_only)
