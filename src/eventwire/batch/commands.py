"""The corpus commands behind the CLI (`ingest`, `recode`, `events`, `export`, `stats`), with
plain arguments: open the store, pick the engine, run, close everything whatever happens."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from ..errors import InvalidOption
from ..store import PostgresStore, SqlStore, open_store
from ..store.export import export
from ..store.query import EventFilter, select_events, stats
from .engines import Engine, local_engine
from .progress import reporter_for
from .recode import run_recode
from .report import write_events, write_stats
from .runner import IngestRequest, RunSummary, run_ingest
from .sinks import ParquetSink, Sink, StoreSink

ENGINES = ("local", "dask")


def current_coder() -> str:
    from ..pipeline import VERSIONS
    from .jobs import coder_key

    return coder_key(VERSIONS)


def make_engine(engine: str, workers: int, scheduler: str | None, model: str | None) -> Engine:
    if engine not in ENGINES:
        raise InvalidOption(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    if workers < 1:
        raise InvalidOption("--workers must be at least 1")
    if engine == "local":
        if scheduler:
            raise InvalidOption("--scheduler needs --engine dask")
        return local_engine(workers, model)
    from ..distributed import DaskEngine

    return DaskEngine(scheduler, workers, model)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def stop_on_terminate() -> Iterator[None]:
    """`kill` (SIGTERM) stops a run the way Ctrl-C does: the run is recorded as interrupted."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def open_sink(db: str, out: str | None) -> Sink:
    if out:
        return ParquetSink(out)
    store = open_store(db)
    return StoreSink(store, url=db if isinstance(store, PostgresStore) else None)


def ingest_command(
    request: IngestRequest,
    *,
    db: str,
    out: str | None = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    model: str | None = None,
    resume: bool = False,
    quiet: bool = False,
) -> RunSummary:
    """Ingest into a database (or Parquet directory); raises KeyboardInterrupt when stopped."""
    if request.inputs or not resume:
        request.validate()  # bad options and missing inputs: before anything is opened
    sink = open_sink(db, out)  # an unreachable database fails here, before the model loads
    try:
        coder = current_coder()
        runner = make_engine(engine, workers, scheduler, model)
        try:
            with stop_on_terminate():
                return run_ingest(
                    request, sink, runner, reporter_for(sys.stderr, quiet), coder, resume
                )
        finally:
            runner.close()
    finally:
        sink.close()


def recode_command(
    db: str,
    *,
    everything: bool = False,
    workers: int = 1,
    limit: int | None = None,
    batch_size: int = 32,
    model: str | None = None,
    quiet: bool = False,
) -> RunSummary:
    coder = current_coder()
    with open_store(db, must_exist=True) as store:
        runner = make_engine("local", workers, None, model)
        try:
            with stop_on_terminate():
                reporter = reporter_for(sys.stderr, quiet)
                return run_recode(store, runner, reporter, coder, everything, limit, batch_size)
        finally:
            runner.close()


def events_command(db: str, event_filter: EventFilter, fmt: str) -> int:
    with open_store(db, must_exist=True, read_only=True) as store:
        columns, rows = select_events(store, event_filter, with_record=fmt in {"json", "jsonl"})
        return write_events(columns, rows, fmt)


def export_command(db: str, fmt: str, out_dir: str) -> list[Path]:
    with open_store(db, must_exist=True, read_only=True) as store:
        return export(store, fmt, out_dir)


def stats_command(db: str, fmt: str, runs: int = 5) -> dict[str, Any]:
    store: SqlStore
    with open_store(db, must_exist=True, read_only=True) as store:
        result = stats(store, runs)
    write_stats(result, fmt)
    return result
