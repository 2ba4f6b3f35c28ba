"""The PostgreSQL connections that Dask workers keep (one per worker thread, batch/sinks.py)
are closed: those of threads that ended when another is opened, the rest at exit. An
in-process cluster's connections were left to the interpreter's shutdown, which printed
"ResourceWarning: <psycopg.Connection ...> was deleted while still open" after the test run
(conftest's `no_connection_left_open` checks that none is open when the run ends)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from eventwire.batch import sinks
from eventwire.store import PostgresStore, SqlStore
from tests.test_postgres import pg_url  # noqa: F401 (a fixture)


@pytest.fixture()
def no_worker_stores() -> Iterator[None]:
    sinks.close_worker_stores()
    yield
    sinks.close_worker_stores()


def _in_a_thread(url: str) -> SqlStore:
    opened: list[SqlStore] = []
    thread = threading.Thread(target=lambda: opened.append(sinks._worker_store(url)))
    thread.start()
    thread.join()
    return opened[0]


def _closed(store: SqlStore) -> bool:
    assert isinstance(store, PostgresStore)
    return bool(store.con.closed)


def test_a_worker_thread_keeps_its_one_connection(
    pg_url: str,  # noqa: F811 (the fixture)
    no_worker_stores: None,
) -> None:
    store = sinks._worker_store(pg_url)
    assert sinks._worker_store(pg_url) is store and not _closed(store)
    assert sinks.close_worker_stores() == 1 and _closed(store)


def test_the_connection_of_an_ended_thread_is_closed_when_another_opens(
    pg_url: str,  # noqa: F811
    no_worker_stores: None,
) -> None:
    first = _in_a_thread(pg_url)
    assert not _closed(first)  # kept: the same thread may come back (a worker's next task)
    second = _in_a_thread(pg_url)
    assert _closed(first) and not _closed(second)
    assert sinks.close_worker_stores(ended_only=True) == 1 and _closed(second)
