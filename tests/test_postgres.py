"""The PostgreSQL store, against the real server CI starts (127.0.0.1:5432, database `test`).

Each test works in a schema of its own (`?schema=` in the URL), dropped afterwards, so runs do
not collide. `EVENTWIRE_TEST_POSTGRES` names another server; `off` skips these tests (CI never
sets it: there an unreachable server is a failure).
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from eventwire.errors import InvalidOption, StoreError
from eventwire.model import CodedDocument, Mentions
from eventwire.store import MIGRATIONS, PostgresStore, open_store
from eventwire.store.postgres import redact, split_schema
from eventwire.store.rows import actor_id
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


# -- issue 17: read commands create nothing; concurrent writers do not deadlock ---------------


def test_a_read_of_a_mistyped_schema_is_an_error_and_creates_nothing(pg_url: str) -> None:
    with pytest.raises(StoreError, match="there is no schema") as caught:
        open_store(pg_url, read_only=True)
    assert caught.value.code == "E008"
    schema = split_schema(pg_url)[1]
    with psycopg.connect(SERVER) as con:
        found = con.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", [schema])
        assert found.fetchone() == (0,)
    with PostgresStore(pg_url) as store:  # a writer creates it; a reader then opens it
        store.save_new(batch(sample("Iran signed a deal.")))
    with open_store(pg_url, read_only=True) as reader:
        assert reader.count("documents") == 1


def test_an_empty_schema_is_not_an_eventwire_store(pg_url: str) -> None:
    schema = split_schema(pg_url)[1]
    with psycopg.connect(SERVER, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA "{schema}"')
    with pytest.raises(StoreError, match="no eventwire tables"):
        open_store(pg_url, read_only=True)


def test_a_schema_named_twice_is_an_option_error() -> None:
    with pytest.raises(InvalidOption, match="given 2 times"):
        split_schema("postgresql://h/db?schema=a&schema=b")


def without_mentions(document: CodedDocument) -> CodedDocument:
    return document.model_copy(update={"mentions": Mentions()})


def race(url: str, *parts: list[CodedDocument]) -> tuple[list[BaseException], list[int]]:
    """Each part saved by a writer of its own, all starting together; (errors, retries)."""
    stores = [PostgresStore(url) for _ in parts]
    start = threading.Barrier(len(parts))
    errors: list[BaseException] = []

    def write(store: PostgresStore, documents: list[CodedDocument]) -> None:
        try:
            start.wait()
            store.save_new(batch(*documents))
        except BaseException as err:  # reported by the caller, in the test's thread
            errors.append(err)

    threads = [threading.Thread(target=write, args=sd) for sd in zip(stores, parts, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    retries = [s.retries for s in stores]
    for store in stores:
        store.close()
    return errors, retries


def test_writers_sharing_actors_in_opposite_orders_do_not_deadlock(pg_url: str) -> None:
    """Each batch brings 200 shared actors, one writer's in the reverse order of the other's:
    inserted as they come, the two transactions lock them in opposite orders."""
    PostgresStore(pg_url).close()  # migrated once, before the race
    for round_ in range(3):
        codes = [f"R{round_}X{i:03d}" for i in range(200)]
        first = [without_mentions(sample(f"A {round_} {c}", c, None, None)) for c in codes]
        second = [without_mentions(sample(f"B {round_} {c}", c, None, None)) for c in codes[::-1]]
        errors, retries = race(pg_url, first, second)
        assert not errors and retries == [0, 0], (errors, retries)
    with PostgresStore(pg_url) as store:
        assert store.count("documents") == 3 * 400 and store.count("actors") == 3 * 200


def test_a_batch_aborted_by_a_deadlock_is_written_again(pg_url: str) -> None:
    """A real deadlock: another transaction holds one actor of the batch and then asks for the
    other; PostgreSQL aborts the batch's transaction (it waited first), which is tried again."""
    document = without_mentions(sample("Iran signed a deal with Russia."))
    assert document.events[0].source and document.events[0].target
    low, high = sorted(actor_id(a) for a in (document.events[0].source, document.events[0].target))
    store = PostgresStore(pg_url)
    schema = split_schema(pg_url)[1]
    other = psycopg.connect(SERVER)
    other.execute(f'SET search_path TO "{schema}"')
    other.execute("SET deadlock_timeout = '10s'")  # so that the batch is the one aborted
    other.execute("INSERT INTO actors (id, name) VALUES (%s, 'held')", [high])
    errors: list[BaseException] = []

    def write() -> None:
        try:
            store.save_new(batch(document))
        except BaseException as err:
            errors.append(err)

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.5)  # the batch has inserted `low` and waits for `high`
    other.execute("INSERT INTO actors (id, name) VALUES (%s, 'held')", [low])  # the cycle
    other.commit()
    other.close()
    writer.join()
    assert not errors and store.retries == 1
    assert store.count("documents") == 1 and store.count("events") == 1
    store.close()
