"""Where a run's coded documents go, and where the run is recorded: a database (DuckDB or
PostgreSQL: the `runs` table) or a directory of Parquet partitions (`_runs/RUN.json`).

A Parquet partition is named by its batch's index and a key of its documents' ids, so re-running
the same input rewrites the same files (nothing duplicated), another input in the same directory
writes files of its own, and a run skips the documents of every partition marked done."""

from __future__ import annotations

import atexit
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, Protocol

import duckdb

from ..errors import StoreError
from ..ingest import Sourced
from ..store import DuckDBStore, PostgresStore, Provenance, SqlStore, Written, open_store
from ..store import runs as run_table
from ..store.rows import WRITE_ORDER, key_of, sighting_row, utc_now
from .jobs import Job

PARTITION_TABLES = WRITE_ORDER  # documents, actors, places, mentions, events, sightings


class Sink(Protocol):
    target: str

    def begin(
        self, command: str, inputs: list[str], options: dict[str, Any], coder: str | None
    ) -> str: ...

    def resumable(self, command: str) -> run_table.RunRecord | None: ...

    def reopen(self, run_id: str) -> None: ...

    def stored_ids(self, job: Job) -> set[str]:
        """The ids of the job's documents that are stored already (to skip)."""

    def write(
        self, job_index: int, batch: Sequence[tuple[Any, Provenance]], run_id: str
    ) -> Written:
        """Store coded documents (one transaction, or one partition)."""

    def record_sightings(self, items: Sequence[Sourced], run_id: str) -> None:
        """Record where documents stored already (or read twice) were read again."""

    def remote_target(self) -> str | None:
        """What a remote worker can open to write itself (None: send results back here)."""

    def progress(self, run_id: str, read: int, skipped: int, failed: int) -> None: ...

    def record_written(self, run_id: str, written: Written) -> None:
        """Count what a batch stored, where the write itself did not."""

    def finish(self, run_id: str, status: str, failures: list[dict[str, str]]) -> None: ...

    def close(self) -> None: ...


class StoreSink:
    """A database; this process is its one writer, except that PostgreSQL takes many."""

    def __init__(self, store: SqlStore, url: str | None = None) -> None:
        self.store = store
        self.target = store.target
        self.url = url  # PostgreSQL: what remote workers connect to

    def begin(
        self, command: str, inputs: list[str], options: dict[str, Any], coder: str | None
    ) -> str:
        return run_table.start_run(self.store, command, inputs, options, coder)

    def resumable(self, command: str) -> run_table.RunRecord | None:
        return run_table.latest_unfinished(self.store, command)

    def reopen(self, run_id: str) -> None:
        run_table.reopen_run(self.store, run_id)

    def stored_ids(self, job: Job) -> set[str]:
        return self.store.existing_ids([s.document.id for s in job.documents])

    def write(
        self, job_index: int, batch: Sequence[tuple[Any, Provenance]], run_id: str
    ) -> Written:
        return self.store.save_new(batch, run_id)

    def record_sightings(self, items: Sequence[Sourced], run_id: str) -> None:
        now = utc_now()
        self.store.record_sightings(
            [sighting_row(item.document, item.location, run_id, now) for item in items]
        )

    def remote_target(self) -> str | None:
        return self.url if isinstance(self.store, PostgresStore) else None

    def progress(self, run_id: str, read: int, skipped: int, failed: int) -> None:
        run_table.record_progress(self.store, run_id, read, skipped, failed)

    def record_written(self, run_id: str, written: Written) -> None:
        pass  # `save_new` counts in the same transaction

    def finish(self, run_id: str, status: str, failures: list[dict[str, str]]) -> None:
        run_table.finish_run(self.store, run_id, status, failures)

    def close(self) -> None:
        self.store.close()


class ParquetSink:
    """A directory: `TABLE/part-NNNNN.parquet` per batch, `_done/part-NNNNN` once a batch's
    files are all in place, `_runs/RUN.json` per run."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out = Path(out_dir)
        self.target = str(out_dir)
        try:
            for sub in (*PARTITION_TABLES, "_done", "_runs"):
                (self.out / sub).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot write to {out_dir}: {err.strerror}") from None
        self._stored = done_document_ids(self.out)

    def _run_path(self, run_id: str) -> Path:
        return self.out / "_runs" / f"{run_id}.json"

    def _load(self, run_id: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self._run_path(run_id).read_text())
        return data

    def _save(self, run_id: str, data: dict[str, Any]) -> None:
        tmp = self._run_path(run_id).with_suffix(".tmp")
        tmp.write_text(json.dumps(data, default=str, indent=1))
        os.replace(tmp, self._run_path(run_id))

    def begin(
        self, command: str, inputs: list[str], options: dict[str, Any], coder: str | None
    ) -> str:
        run_id = run_table.new_run_id()
        pid, host = run_table.this_process()
        now = utc_now()
        record = run_table.RunRecord(
            run_id, command, run_table.RUNNING, now, None, inputs, options, coder
        )
        record = replace(record, pid=pid, host=host, heartbeat_at=now)
        self._save(run_id, asdict(record))
        return run_id

    def resumable(self, command: str) -> run_table.RunRecord | None:
        for path in sorted((self.out / "_runs").glob("*.json"), reverse=True):
            data = json.loads(path.read_text())
            if data["command"] == command and data["status"] != run_table.COMPLETED:
                return run_table.RunRecord(**data)
        return None

    def reopen(self, run_id: str) -> None:
        data = self._load(run_id)
        pid, host = run_table.this_process()
        reopened = {"status": run_table.RUNNING, "resumed": data["resumed"] + 1, "pid": pid}
        self._save(run_id, data | reopened | {"host": host, "heartbeat_at": utc_now()})

    def stored_ids(self, job: Job) -> set[str]:
        return {s.document.id for s in job.documents} & self._stored

    def write(
        self, job_index: int, batch: Sequence[tuple[Any, Provenance]], run_id: str
    ) -> Written:
        written = write_partition(self.out, job_index, batch)
        self._stored.update(coded.document.id for coded, _ in batch)
        return written

    def record_sightings(self, items: Sequence[Sourced], run_id: str) -> None:
        pass  # a partition records where its own documents were read; repeats are not kept

    def remote_target(self) -> str | None:
        return str(self.out.resolve())

    def progress(self, run_id: str, read: int, skipped: int, failed: int) -> None:
        counts: dict[str, Any] = {"documents_read": read, "documents_skipped": skipped}
        counts |= {"inputs_failed": failed, "heartbeat_at": utc_now()}
        self._save(run_id, self._load(run_id) | counts)

    def record_written(self, run_id: str, written: Written) -> None:
        data = self._load(run_id)
        data["documents_coded"] += written.documents
        data["events"] += written.events
        self._save(run_id, data)

    def finish(self, run_id: str, status: str, failures: list[dict[str, str]]) -> None:
        done = {"status": status, "finished_at": utc_now(), "failures": failures}
        self._save(run_id, self._load(run_id) | done)

    def close(self) -> None:
        pass


def done_document_ids(out: Path) -> set[str]:
    """The ids of the documents in the partitions marked done (whatever run wrote them)."""
    names = [marker.name for marker in (out / "_done").iterdir()]
    paths = [out / "documents" / f"{n}.parquet" for n in names]
    files = [str(p) for p in paths if p.exists()]
    if not files:
        return set()
    try:
        with duckdb.connect() as con:
            rows = con.execute("SELECT id FROM read_parquet(?)", [files]).fetchall()
    except duckdb.Error as err:
        raise StoreError(f"cannot read the partitions in {out}: {err}") from None
    return {str(r[0]) for r in rows}


def partition_name(index: int, batch: Sequence[tuple[Any, Provenance]]) -> str:
    """`part-NNNNN-KEY`: the batch's place in its input, and a key of its documents' ids
    (another input's batch of the same index is another partition)."""
    ids = sorted(coded.document.id for coded, _ in batch)
    return f"part-{index:05d}-{key_of(*ids)[:12]}"


def write_partition(out: Path, index: int, batch: Sequence[tuple[Any, Provenance]]) -> Written:
    """Write a batch as one Parquet file per table through an in-memory DuckDB with the
    store's schema; each file appears whole (written aside, then renamed)."""
    name = partition_name(index, batch)
    with DuckDBStore(":memory:") as memory:
        written = memory.save_new(batch)
        for table in PARTITION_TABLES:
            tmp = out / table / f".{name}.parquet.tmp"
            quoted = str(tmp).replace("'", "''")
            memory.execute(f"COPY {table} TO '{quoted}' (FORMAT parquet)")
            os.replace(tmp, out / table / f"{name}.parquet")
    (out / "_done" / name).write_text(json.dumps(asdict(written)))
    return written


def remote_write(
    target: str, index: int, batch: Sequence[tuple[Any, Provenance]], run_id: str
) -> Written:
    """Store a batch from a worker: a Parquet partition, or a PostgreSQL transaction."""
    if target.startswith(("postgresql://", "postgres://")):
        store = _worker_store(target)
        return store.save_new(batch, run_id)
    return write_partition(Path(target), index, batch)


# a worker thread's connection: (url, thread id) -> (the thread, its store)
_STORES: dict[tuple[str, int | None], tuple[threading.Thread, SqlStore]] = {}
_STORES_LOCK = threading.Lock()


def _worker_store(url: str) -> SqlStore:
    """One connection per worker thread, opened on first use and kept while the thread lives;
    those of threads that have ended are closed when another is opened, the rest at exit."""
    thread = threading.current_thread()
    key = (url, thread.ident)
    with _STORES_LOCK:
        held = _STORES.get(key)
    if held is not None and held[0] is thread:
        return held[1]
    close_worker_stores(ended_only=True)  # a thread id is reused: its old store is the dead's
    store = open_store(url)
    with _STORES_LOCK:
        _STORES[key] = (thread, store)
    return store


def close_worker_stores(ended_only: bool = False) -> int:
    """Close the workers' connections (only those of threads that have ended); how many."""
    with _STORES_LOCK:
        keys = [k for k, (t, _) in _STORES.items() if not (ended_only and t.is_alive())]
        stores = [_STORES.pop(k)[1] for k in keys]
    for store in stores:
        store.close()
    return len(stores)


# an in-process cluster's threads end before the interpreter does; a connection still open
# then is deleted at shutdown ("ResourceWarning: ... was deleted while still open")
atexit.register(close_worker_stores)
