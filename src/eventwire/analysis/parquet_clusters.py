"""Event clusters of a directory of Parquet files, on Dask (`eventwire clusters --parquet DIR`).

The directory is what `eventwire ingest --out DIR` writes (`TABLE/part-*.parquet`) or what
`eventwire export --format parquet` writes (`TABLE.parquet`); only its events and documents
are read. Reports link only within a block (`rules.block_key`: quad class and unordered dyad),
so the blocks are dealt into buckets of about BUCKET_EVENTS reports, whole blocks each; a Dask
task clusters one bucket from scratch in an in-memory DuckDB store (the in-process code, SQL
blocking and all, a stretch of days at a time) and writes its clusters and members as one
Parquet file each under OUT/clusters/ and OUT/cluster_members/. The clusters are those the
in-process path gives from scratch; stories are not computed here (`story_id` is empty).
Running again rewrites the same files."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..errors import EmptyInput, InputNotFound, InvalidOption, StoreError
from ..store.base import SqlStore
from ..store.duck import DuckDBStore
from .clusters import ANALYSIS_VERSION, cluster_pending
from .rules import ClusterConfig

BUCKET_EVENTS = 20_000  # reports clustered by one task (whole blocks: a big block is alone)
OUTPUTS = ("clusters", "cluster_members")
# the block of an event, as one string (chr(31) cannot be in a country code)
_KEY = (
    "concat_ws(chr(31), CAST(COALESCE(quad_class, 0) AS VARCHAR), "
    "LEAST(COALESCE(source_country, ''), COALESCE(target_country, '')), "
    "GREATEST(COALESCE(source_country, ''), COALESCE(target_country, '')))"
)


@dataclass(frozen=True)
class ParquetClusters:
    events: int
    clusters: int
    buckets: int
    out: Path
    version: str


def parquet_tables(directory: Path) -> dict[str, list[str]]:
    """The events and documents files of the directory (E001: none there; E002: no files)."""
    if not directory.is_dir():
        raise InputNotFound(f"no Parquet directory at {directory}")
    found: dict[str, list[str]] = {}
    for table in ("events", "documents"):
        files = sorted((directory / table).glob("*.parquet")) or sorted(
            directory.glob(f"{table}.parquet")
        )
        if not files:
            raise EmptyInput(
                f"{directory} holds no {table} ({table}/*.parquet or {table}.parquet); "
                "write some with `eventwire ingest --out DIR` or `eventwire export`"
            )
        found[table] = [str(f) for f in files]
    return found


def _listing(files: list[str]) -> str:
    quoted = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    return f"read_parquet([{quoted}], union_by_name = true)"


def block_sizes(tables: dict[str, list[str]]) -> list[tuple[str, int]]:
    """Each block's key and number of reports, the largest first."""
    sql = f"SELECT {_KEY} AS k, count(*) AS n FROM {_listing(tables['events'])} GROUP BY k"
    try:
        rows = duckdb.connect().execute(sql + " ORDER BY n DESC, k").fetchall()
    except duckdb.Error as err:
        raise StoreError(f"cannot read {tables['events'][0]}: {err}") from None
    return [(str(key), int(n)) for key, n in rows]


def buckets_of(sizes: list[tuple[str, int]], at_least: int = 1) -> list[list[str]]:
    """The blocks dealt into buckets of about BUCKET_EVENTS reports (the largest block first
    into the emptiest bucket), at least `at_least` buckets where there are enough blocks."""
    total = sum(n for _, n in sizes)
    count = min(len(sizes), max(at_least, math.ceil(total / BUCKET_EVENTS)))
    heap = [(0, i) for i in range(count)]
    buckets: list[list[str]] = [[] for _ in range(count)]
    for key, n in sizes:
        load, index = heapq.heappop(heap)
        buckets[index].append(key)
        heapq.heappush(heap, (load + n, index))
    return [sorted(b) for b in buckets if b]


def _columns(store: SqlStore, table: str, source: str) -> str:
    """The table's columns that the files have."""
    have = {str(r[0]) for r in store.fetchall(f"DESCRIBE SELECT * FROM {source}")}
    wanted = [str(r[0]) for r in store.fetchall(f"DESCRIBE {table}")]
    return ", ".join(c for c in wanted if c in have)


def cluster_bucket(
    tables: dict[str, list[str]], keys: list[str], config: ClusterConfig, out: str, index: int
) -> tuple[int, int]:
    """On a worker: cluster the reports of these blocks; returns (reports, clusters)."""
    with DuckDBStore(":memory:") as store:
        events, documents = _listing(tables["events"]), _listing(tables["documents"])
        columns = _columns(store, "events", events)
        store.execute(
            f"INSERT INTO events ({columns}) SELECT {columns} FROM {events} "
            f"WHERE {_KEY} IN (SELECT unnest(?::VARCHAR[]))",
            [keys],
        )
        columns = _columns(store, "documents", documents)
        store.execute(
            f"INSERT INTO documents ({columns}) SELECT {columns} FROM {documents} "
            "WHERE id IN (SELECT document_id FROM events)"
        )
        reports = cluster_pending(store, config)
        for table in OUTPUTS:
            path = Path(out) / table / f"part-{index:05d}.parquet"
            order = "event_id" if table == "cluster_members" else "id"
            target = "'" + str(path).replace("'", "''") + "'"
            store.execute(
                f"COPY (SELECT * FROM {table} ORDER BY {order}) TO {target} (FORMAT parquet)"
            )
        (clusters,) = store.fetchall("SELECT count(*) FROM clusters")[0]
    return reports, int(clusters)


@contextmanager
def dask_client(
    client: Any = None, scheduler: str | None = None, workers: int = 1
) -> Iterator[Any]:
    """The client given, one to the scheduler at `scheduler`, or a local cluster of `workers`
    single-threaded worker processes (threads of this process with one worker)."""
    if client is not None:
        yield client
        return
    import importlib

    dd: Any = importlib.import_module("dask.distributed")  # it ships no type hints
    if scheduler:
        try:
            remote = dd.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise InvalidOption(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        with remote:
            yield remote
        return
    local = dd.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=workers > 1, dashboard_address=None
    )
    with local, dd.Client(local) as own:
        yield own


def _prepare(out: Path) -> None:
    """OUT/clusters/ and OUT/cluster_members/, emptied of an earlier run's parts."""
    try:
        for table in OUTPUTS:
            (out / table).mkdir(parents=True, exist_ok=True)
            for old in (out / table).glob("part-*.parquet"):
                old.unlink()
    except OSError as err:
        raise StoreError(f"cannot write to {out}: {err.strerror}") from None


def cluster_parquet(
    directory: str | Path,
    out: str | Path | None = None,
    config: ClusterConfig | None = None,
    client: Any = None,
    scheduler: str | None = None,
    workers: int = 1,
) -> ParquetClusters:
    """Cluster the directory's events on Dask, into OUT (default DIR/_clusters)."""
    directory = Path(directory)
    tables = parquet_tables(directory)
    sizes = block_sizes(tables)
    if not sizes:
        raise EmptyInput(f"{directory} holds no events")
    target = Path(out) if out else directory / "_clusters"
    _prepare(target)
    buckets = buckets_of(sizes, workers)
    config = config or ClusterConfig()
    with dask_client(client, scheduler, workers) as dask:
        futures = [
            dask.submit(cluster_bucket, tables, keys, config, str(target), i, pure=False)
            for i, keys in enumerate(buckets)
        ]
        done = dask.gather(futures)
    return ParquetClusters(
        events=sum(r for r, _ in done),
        clusters=sum(c for _, c in done),
        buckets=len(buckets),
        out=target,
        version=ANALYSIS_VERSION,
    )


def clustered_view(directory: str | Path, out: str | Path | None = None) -> DuckDBStore:
    """An in-memory store whose events and documents are the directory's files and whose
    clusters and members are those `cluster_parquet` wrote (for `frames.clusters`)."""
    directory = Path(directory)
    tables = parquet_tables(directory)
    target = Path(out) if out else directory / "_clusters"
    store = DuckDBStore(":memory:")
    store.target = str(directory)
    for table in ("events", "documents", *OUTPUTS):
        files = tables.get(table) or [str(f) for f in sorted((target / table).glob("*.parquet"))]
        if not files:
            store.close()
            raise EmptyInput(f"{target} holds no {table}; run `eventwire clusters --parquet`")
        store.execute(f"DROP TABLE {table}")
        store.execute(f"CREATE VIEW {table} AS SELECT * FROM {_listing(files)}")
    return store
