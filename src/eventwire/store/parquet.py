"""A directory of Parquet partitions (written by `eventwire ingest --out DIR`), opened as a
read-only store: an in-memory DuckDB whose tables are views over the partition files."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import StoreError
from .duck import DuckDBStore
from .rows import WRITE_ORDER

_RUN_FIELDS = [
    "id",
    "command",
    "status",
    "started_at",
    "finished_at",
    "inputs",
    "options",
    "coder",
    "documents_read",
    "documents_coded",
    "documents_skipped",
    "inputs_failed",
    "events",
    "resumed",
    "failures",
    "pid",
    "host",
    "heartbeat_at",
]


def is_partition_dir(path: Path) -> bool:
    return path.is_dir() and (path / "_done").is_dir()


def open_partitions(path: Path) -> DuckDBStore:
    """The store's tables over `path/TABLE/*.parquet` (actors and places deduplicated), and
    the runs recorded in `path/_runs/`."""
    store = DuckDBStore(":memory:")
    store.target = str(path)
    for table in WRITE_ORDER:
        files = sorted((path / table).glob("*.parquet"))
        if not files:
            continue
        listing = "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"
        distinct = "DISTINCT " if table in {"actors", "places"} else ""
        store.execute(f"DROP TABLE {table}")
        store.execute(
            f"CREATE VIEW {table} AS SELECT {distinct}* FROM read_parquet({listing}, union_by_name = true)"
        )
    for run_file in sorted((path / "_runs").glob("*.json")):
        try:
            run = json.loads(run_file.read_text())
            values = [
                json.dumps(run.get(k)) if k in {"inputs", "options", "failures"} else run.get(k)
                for k in _RUN_FIELDS
            ]
        except (OSError, ValueError) as err:
            raise StoreError(f"{run_file}: unreadable run record ({err})") from None
        marks = ", ".join("?" * len(_RUN_FIELDS))
        store.execute(f"INSERT INTO runs ({', '.join(_RUN_FIELDS)}) VALUES ({marks})", values)
    return store
