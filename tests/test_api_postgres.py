"""The API over PostgreSQL (a schema of its own per test): the same filters, pages, offsets
and counts as over DuckDB, and a read-only server whose session refuses every write."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.api import ServeSettings, create_app
from eventwire.errors import StoreError
from eventwire.store import Provenance, open_store

from .stores import TestClient, sample_documents
from .test_postgres import pg_url  # noqa: F401  (the fixture)


@pytest.fixture()
def pg_store(pg_url: str) -> str:  # noqa: F811
    with open_store(pg_url) as store:
        store.save_new([(d, Provenance(coder="test")) for d in sample_documents()])
    return pg_url


def test_filters_pages_and_offsets_on_postgres(pg_store: str) -> None:
    with TestClient(create_app(ServeSettings(db=pg_store))) as client:
        assert len(client.get("/events", params={"dyad": "IRN,RUS"}).json()["events"]) == 3
        assert (
            len(client.get("/events", params={"actor": "washing", "q": "met"}).json()["events"])
            == 1
        )
        assert client.get("/events", params={"q": "%"}).json()["events"] == []
        first = client.get("/events", params={"limit": 5}).json()
        rest = client.get("/events", params={"limit": 5, "cursor": first["next_cursor"]}).json()
        assert len(first["events"]) + len(rest["events"]) == 9 and rest["next_cursor"] is None
        detail = client.get("/events/strike-in-syria-0").json()
        timeline = client.get("/timeline", params={"country": "IRN"}).json()["counts"]
        stats = client.get("/stats").json()
    text = detail["document"]["text"]
    assert all(text[h["start"] : h["end"]] == h["text"] for h in detail["highlights"])
    assert sum(c["events"] for c in timeline) == 6 and stats["tables"]["events"] == 9


def test_a_read_only_server_on_postgres_cannot_write_at_all(pg_store: str) -> None:
    app = create_app(ServeSettings(db=pg_store))
    with TestClient(app) as client:
        refused = client.get("/clusters")
        assert refused.status_code == 409  # the clusters are behind, and it may not cluster
        pool: Any = app.state.pool
        store = pool.borrow()
        try:
            with pytest.raises(StoreError, match="read-only"):
                store.execute("DELETE FROM events")
        finally:
            pool.give_back(store)
    with open_store(pg_store, read_only=True) as store:
        assert store.count("events") == 9
        assert store.fetchall("SELECT count(*) FROM cluster_members")[0][0] == 0


def test_a_connection_the_pool_cannot_set_up_is_closed(
    pg_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.api.deps import StorePool
    from eventwire.store import PostgresStore

    opened: list[PostgresStore] = []
    real_execute = PostgresStore.execute

    def execute(store: PostgresStore, sql: str, params: Any = ()) -> None:
        opened.append(store)
        if sql.startswith("SET SESSION CHARACTERISTICS"):
            raise StoreError("the server went away")
        real_execute(store, sql, params)

    monkeypatch.setattr(PostgresStore, "execute", execute)
    with pytest.raises(StoreError, match="went away"):
        StorePool(ServeSettings(db=pg_store))
    assert opened and all(store.con.closed for store in opened)  # none left to the GC
