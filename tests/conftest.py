"""Shared fixtures. The spaCy pipeline, the knowledge base and the coder are built once per run.

The on-disk cache (cache.py) is the test run's own: never the user's `~/.cache/eventwire`,
whose entries another version of the code may have built. It is kept in pytest's cache folder
of this checkout between runs (`pytest --cache-clear` starts it empty; CI's fresh clone always
does), and the subprocesses that tests start inherit it."""

from __future__ import annotations

import datetime as dt
import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import kb as kb_module
from eventwire.kb import KnowledgeBase
from eventwire.model import CodedDocument, Event, QuantityMention
from eventwire.pipeline import Coder
from eventwire.pipeline import coder as get_coder

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ANCHOR = dt.date(2023, 2, 12)
CACHE_ENV = "EVENTWIRE_CACHE_DIR"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write tests/golden/coded.json from the coder as it is (after a stage version bump)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Point eventwire's cache at the run's own folder, before anything is coded."""
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider: a fresh folder
    folder = cache.mkdir("eventwire") if cache is not None else Path(tempfile.mkdtemp())
    os.environ[CACHE_ENV] = str(folder)


@pytest.fixture(scope="session", autouse=True)
def no_connection_left_open() -> Iterator[None]:
    """After the run, no PostgreSQL connection is still open: one kept by a module (a cache)
    is deleted only at the interpreter's exit, a ResourceWarning that no test reports."""
    yield
    import sys

    sinks = sys.modules.get("eventwire.batch.sinks")
    if sinks is not None:  # a worker thread's, kept for its next task; the thread has ended
        sinks.close_worker_stores(ended_only=True)
    psycopg = sys.modules.get("psycopg")
    if psycopg is None:
        return
    gc.collect()
    left = [o for o in gc.get_objects() if isinstance(o, psycopg.Connection) and not o.closed]
    assert not left, f"{len(left)} PostgreSQL connection(s) left open after the run: {left}"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return kb_module.default()


@pytest.fixture(scope="session")
def coder() -> Coder:
    return get_coder()


@pytest.fixture(scope="session")
def nlp(coder: Coder) -> Language:
    return coder.nlp


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Callable[[str], Doc]:
    return lambda text: nlp(text)


@pytest.fixture(scope="session")
def find(parse: Callable[[str], Doc]) -> Callable[[str], list[QuantityMention]]:
    """The quantities a parsed text states (the quantities tests' one entry point)."""
    from eventwire.quantities import find_quantities

    return lambda text: find_quantities(parse(text))


@pytest.fixture(scope="session")
def code(coder: Coder) -> Callable[..., CodedDocument]:
    from eventwire.ingest import make_document

    def run(text: str, date: dt.date = ANCHOR) -> CodedDocument:
        return next(coder.code_documents([make_document(text, published_at=date)]))

    return run


@pytest.fixture(scope="session")
def events_of(code: Callable[..., CodedDocument]) -> Callable[[str], list[Event]]:
    return lambda text: code(text).events


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


def dyads(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    """(type, source country, target country) for each event."""
    return {
        (e.type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    }
