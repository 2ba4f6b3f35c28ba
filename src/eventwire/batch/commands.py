"""The corpus commands behind the CLI (`ingest`, `recode`, `events`, `export`, `stats`), with
plain arguments: open the store, pick the engine, run, close everything whatever happens."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from ..errors import InvalidOption
from ..store import PostgresStore, SqlStore, open_store
from ..store.export import export
from ..store.query import EventFilter, select_events, stats
from .columns import check_mapped_columns
from .engines import Engine, local_engine
from .progress import reporter_for
from .recode import run_recode
from .report import write_events, write_stats
from .runner import IngestRequest, RunSummary, run_ingest
from .sinks import ParquetSink, Sink, StoreSink

if TYPE_CHECKING:
    from ..pipeline import CoderSpec

ENGINES = ("local", "dask")


def current_coder() -> str:
    from ..pipeline import versions
    from .jobs import coder_key

    return coder_key(versions())  # the stage versions and the knowledge files' hash


def coder_spec(
    model: str | None,
    actors: Sequence[str | Path] = (),
    places: Sequence[str | Path] = (),
    language: str = "en",
) -> CoderSpec:
    """The coder every worker builds: the model and the user's files, read once here so that
    a malformed file fails before anything is stored, with absolute paths for the workers."""
    from ..kb.user import user_actors
    from ..lang import option
    from ..pipeline import CoderSpec
    from ..places import load_user_places

    for path in actors:
        user_actors(Path(path))
    for path in places:
        load_user_places(path)
    return CoderSpec(
        model,
        tuple(str(Path(p).resolve()) for p in actors),
        tuple(str(Path(p).resolve()) for p in places),
        option(language),
    )


def make_engine(
    engine: str, workers: int, scheduler: str | None, model: str | CoderSpec | None
) -> Engine:
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
    actors: Sequence[str | Path] = (),
    places: Sequence[str | Path] = (),
    language: str = "en",
) -> RunSummary:
    """Ingest into a database (or Parquet directory); raises KeyboardInterrupt when stopped."""
    if request.inputs or not resume:
        read = request.validate()  # bad options and missing inputs: before anything is opened
        check_mapped_columns(request.inputs, read)
    spec = coder_spec(model, actors, places, language)
    sink = open_sink(db, out)  # an unreachable database fails here, before the model loads
    try:
        coder = current_coder()
        runner = make_engine(engine, workers, scheduler, spec)
        with closing_engine(runner), stop_on_terminate():
            return run_ingest(request, sink, runner, reporter_for(sys.stderr, quiet), coder, resume)
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
    actors: Sequence[str | Path] = (),
    places: Sequence[str | Path] = (),
    language: str = "en",
) -> RunSummary:
    coder = current_coder()
    spec = coder_spec(model, actors, places, language)
    with open_store(db, must_exist=True) as store:
        runner = make_engine("local", workers, None, spec)
        with closing_engine(runner), stop_on_terminate():
            reporter = reporter_for(sys.stderr, quiet)
            return run_recode(store, runner, reporter, coder, everything, limit, batch_size)


@contextmanager
def closing_engine(engine: Engine) -> Iterator[Engine]:
    """Close the engine whatever happens; after a normal finish, without the shutdown noise of
    Dask's workers (a worker that takes a while to free its model is killed by its nanny with a
    warning that is no news once every batch is stored)."""
    try:
        yield engine
    except BaseException:
        engine.close()
        raise
    with quiet_loggers(DASK_SHUTDOWN_LOGGERS):
        engine.close()


DASK_SHUTDOWN_LOGGERS = ("distributed.nanny", "distributed.worker", "distributed.core")


@contextmanager
def quiet_loggers(names: Sequence[str]) -> Iterator[None]:
    """Only errors from these loggers while the block runs."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


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
