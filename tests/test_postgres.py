"""The PostgreSQL store, against the real server CI starts (127.0.0.1:5432, database `test`).

Each test works in a schema of its own (`?schema=` in the URL), dropped afterwards, so runs do
not collide. `EVENTWIRE_TEST_POSTGRES` names another server; `off` skips these tests (CI never
sets it: there an unreachable server is a failure).
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from eventwire.errors import InvalidOption, StoreError
from eventwire.store import MIGRATIONS, PostgresStore, open_store
from eventwire.store.postgres import redact, split_schema
from tests.test_store import (
    batch,
    check_event_filters,
    check_export,
    check_migrations_are_recorded_once,
    check_replace_recodes_in_place,
    check_save_new_is_idempotent_and_typed,
    sample,
)

SERVER = os.environ.get("EVENTWIRE_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")


def _reachable() -> None:
    if SERVER == "off":
        pytest.skip("EVENTWIRE_TEST_POSTGRES=off")
    try:
        psycopg.connect(SERVER, connect_timeout=5).close()
    except psycopg.Error as err:
        pytest.fail(f"PostgreSQL at {SERVER} is not reachable (.ci/run starts it): {err}")


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A URL to a fresh schema, dropped with everything in it after the test."""
    _reachable()
    schema = f"ew_test_{os.getpid()}_{secrets.token_hex(4)}"
    yield f"{SERVER}{'&' if '?' in SERVER else '?'}schema={schema}"
    with psycopg.connect(SERVER, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.parametrize(
    "check",
    [
        check_migrations_are_recorded_once,
        check_save_new_is_idempotent_and_typed,
        check_replace_recodes_in_place,
        check_event_filters,
    ],
)
def test_the_store_contract_holds_on_postgres(pg_url: str, check: object) -> None:
    with PostgresStore(pg_url) as store:
        check(store)  # type: ignore[operator]


def test_export_from_postgres(pg_url: str, tmp_path: Path) -> None:
    with PostgresStore(pg_url) as store:
        check_export(store, tmp_path)


def test_the_schema_isolates_and_jsonb_is_used(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        store.save_new(batch(sample("Iran signed a deal.")))
        kinds = dict(
            store.fetchall(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = 'events'"
            )
        )
        assert kinds["record"] == "jsonb" and kinds["lat"] == "double precision"
        assert store.fetchall("SELECT current_schema()")[0][0] == store.schema


def test_two_writers_migrate_and_insert_the_same_batch_without_duplicates(pg_url: str) -> None:
    """As Dask workers do: concurrent connections, overlapping documents."""
    documents = [sample(f"Iran signed deal number {i}.") for i in range(20)]
    errors: list[BaseException] = []

    def write(part: list[object]) -> None:
        try:
            with PostgresStore(pg_url) as store:
                store.save_new(batch(*part))  # type: ignore[arg-type]
        except BaseException as err:  # reported below, in the test's thread
            errors.append(err)

    threads = [
        threading.Thread(target=write, args=(documents[:15],)),
        threading.Thread(target=write, args=(documents[5:],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with PostgresStore(pg_url) as store:
        assert (store.count("documents"), store.count("events")) == (20, 20)
        assert store.fetchall("SELECT count(*) FROM schema_migrations")[0][0] == len(MIGRATIONS)


def test_unreachable_server_and_bad_schema_are_clear_errors() -> None:
    with pytest.raises(StoreError, match="cannot connect"):
        PostgresStore("postgresql://127.0.0.1:1/test")
    with pytest.raises(InvalidOption):
        split_schema("postgresql://h/db?schema=bad;drop")


def test_urls_keep_libpq_options_and_hide_passwords() -> None:
    url, schema = split_schema("postgresql://u:secret@h/db?sslmode=disable&schema=corpus")
    assert (url, schema) == ("postgresql://u:secret@h/db?sslmode=disable", "corpus")
    assert redact("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"
