"""The corpus runs behind the CLI (`ingest`, `recode`, `export`), with plain arguments: check
the options, open the store, pick the engine, run, close everything whatever happens. They
print nothing: what a run reports goes to the `Reporter` the caller gives."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from ..errors import InvalidOption
from ..store import PostgresStore, open_store
from ..store.export import export
from .columns import check_mapped_columns
from .engines import Engine, local_engine
from .progress import Reporter, reporter_for
from .recode import run_recode
from .request import IngestRequest
from .resume import resolve_resume
from .runner import run_request
from .sinks import ParquetSink, Sink, StoreSink
from .summary import RunSummary

if TYPE_CHECKING:
    from ..model import CodedDocument
    from ..pipeline import CoderSpec

ENGINES = ("local", "dask")


def current_coder() -> str:
    from ..pipeline import versions
    from .jobs import coder_key

    return coder_key(versions())  # the stage versions and the knowledge files' hash


def check_actor_files(paths: Iterable[str | Path]) -> None:
    """Read each user actor file: a missing or malformed one fails here (E007, with the line)."""
    from ..kb.user import user_actors

    for path in paths:
        user_actors(Path(path))


def check_place_files(paths: Iterable[str | Path]) -> None:
    """Read each user place file: missing (E001) or malformed (E007) fails here."""
    from ..places import load_user_places

    for path in paths:
        load_user_places(path)


def coder_spec(
    model: str | None,
    actors: Sequence[str | Path] = (),
    places: Sequence[str | Path] = (),
    language: str = "en",
) -> CoderSpec:
    """The coder every worker builds: the model and the user's files, read once here so that
    a malformed file fails before anything is stored, with absolute paths for the workers."""
    from ..lang import option
    from ..pipeline import CoderSpec

    check_actor_files(actors)
    check_place_files(places)
    return CoderSpec(
        model,
        tuple(str(Path(p).resolve()) for p in actors),
        tuple(str(Path(p).resolve()) for p in places),
        option(language),
    )


def check_engine(engine: str, workers: int, scheduler: str | None) -> None:
    """Refuse an engine that cannot be made, before any store is opened."""
    if engine not in ENGINES:
        raise InvalidOption(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    if workers < 1:
        raise InvalidOption("--workers must be at least 1")
    if engine == "local" and scheduler:
        raise InvalidOption("--scheduler needs --engine dask")


def make_engine(
    engine: str, workers: int, scheduler: str | None, model: str | CoderSpec | None
) -> Engine:
    check_engine(engine, workers, scheduler)
    if engine == "local":
        return local_engine(workers, model)
    from .distributed import DaskEngine

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


def open_sink(db: str, out: str | None, resume: bool = False) -> Sink:
    """The store (or Parquet directory) a run writes to; to resume, one that exists (nothing
    is created for a run that cannot be resumed)."""
    from ..store import is_postgres_url

    target = out or db
    if resume and not is_postgres_url(target) and not Path(target).exists():
        raise InvalidOption(f"nothing to resume in {target}: it does not exist")
    if out:
        return ParquetSink(out)
    store = open_store(db)
    return StoreSink(store, url=db if isinstance(store, PostgresStore) else None)


def ingest_command(
    request: IngestRequest,
    reporter: Reporter | None = None,
    *,
    db: str,
    out: str | None = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    resume: bool = False,
    given: Collection[str] | None = None,
    quiet: bool = False,
) -> RunSummary:
    """Ingest into a database (or Parquet directory); raises KeyboardInterrupt when stopped.
    `request` names the coder's options too (model, user files, language); with `resume`,
    those of the run resumed, the ones in `given` (named by the user) checked against them.
    Progress goes to `reporter` (default: stderr's, only warnings when `quiet`)."""
    check_engine(engine, workers, scheduler)
    if request.inputs or not resume:
        read = request.validate()  # bad options and missing inputs: before anything is opened
        check_mapped_columns(request.inputs, read)
    if not resume:
        coder_spec(request.model, request.actors, request.places, request.language)
    sink = open_sink(db, out, resume)  # an unreachable database fails here
    try:
        resumed_id = None
        if resume:
            request, resumed_id = resolve_resume(request, sink, given)
        request = request.resolved()  # the workers are sent the model by name
        spec = coder_spec(request.model, request.actors, request.places, request.language)
        runner = make_engine(engine, workers, scheduler, spec)
        with closing_engine(runner), stop_on_terminate():
            report = reporter or reporter_for(sys.stderr, quiet)
            return run_request(request, sink, runner, report, current_coder(), resumed_id)
    finally:
        sink.close()


def recode_command(
    db: str,
    reporter: Reporter | None = None,
    *,
    everything: bool = False,
    workers: int = 1,
    limit: int | None = None,
    batch_size: int = 32,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    places: Sequence[str | Path] = (),
    language: str = "en",
    quiet: bool = False,
) -> RunSummary:
    check_engine("local", workers, None)
    spec = coder_spec(model, actors, places, language)
    with open_store(db, must_exist=True) as store:
        runner = make_engine("local", workers, None, spec)
        report = reporter or reporter_for(sys.stderr, quiet)
        with closing_engine(runner), stop_on_terminate():
            return run_recode(store, runner, report, current_coder(), everything, limit, batch_size)


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


def export_command(db: str, fmt: str, out_dir: str) -> list[Path]:
    with open_store(db, must_exist=True, read_only=True) as store:
        return export(store, fmt, out_dir)


def save_coded(db: str, coded: Sequence[tuple[CodedDocument, str]]) -> None:
    """Store coded documents, each with where it was read (`code --db`); a document stored
    already is replaced, so storing again changes nothing."""
    from ..store import Provenance

    coder = current_coder()
    with open_store(db) as store:
        for document, location in coded:
            store.save(document, Provenance(coder=coder, location=location))
