"""POST /code and POST /ingest with the spaCy pipeline: /code returns the coded record and
stores nothing; /ingest (a writing server, the right token) stores once, and the events are
then served."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.api import ServeSettings, create_app
from eventwire.store import open_store

from .stores import TestClient, build_store

pytestmark = pytest.mark.model

TOKEN = "s3cret-token-for-tests-only"
ARTICLE = {
    "text": "Drone plant deal\nIran and Russia signed a deal in Yelabuga on Monday to build drones.",
    "date": "2023-02-12",
    "outlet": "Test Wire",
}


def test_post_code_returns_the_record_and_stores_nothing(tmp_path: Path) -> None:
    path = build_store(tmp_path / "events.duckdb")
    with TestClient(create_app(ServeSettings(db=str(path)))) as client:
        response = client.post("/code", json=ARTICLE)
    assert response.status_code == 200, response.text
    coded = response.json()
    assert coded["document"]["published_at"] == "2023-02-12"
    deal = [e for e in coded["events"] if e["trigger"]["text"].startswith("signed")]
    assert deal and {deal[0]["source"]["country"], deal[0]["target"]["country"]} == {"IRN", "RUS"}
    assert deal[0]["date"]["start"] == "2023-02-06"  # 'on Monday' before 2023-02-12
    assert deal[0]["location"]["name"] == "Yelabuga"
    with open_store(path, read_only=True) as store:
        assert store.count("documents") == 3


def test_post_ingest_stores_once_and_the_events_are_served(tmp_path: Path) -> None:
    path = build_store(tmp_path / "events.duckdb")
    settings = ServeSettings(db=str(path), allow_writes=True, token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(settings)) as client:
        first = client.post("/ingest", json={"documents": [ARTICLE]}, headers=auth).json()
        again = client.post("/ingest", json={"documents": [ARTICLE]}, headers=auth).json()
        served = client.get("/events", params={"outlet": "Test Wire"}).json()["events"]
        stats = client.get("/stats").json()
    assert first["documents"] == 1 and first["events"] >= 1 and first["already_stored"] == 0
    assert again == {"documents": 0, "events": 0, "already_stored": 1}
    assert len(served) == first["events"] and stats["writable"] is True
    with open_store(path, read_only=True) as store:
        assert store.count("documents") == 4
