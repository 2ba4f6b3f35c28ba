"""The read side of `eventwire serve`, in-process with httpx (TestClient) on small stores built
from Event records: every endpoint, the filters, pages, formats and the provenance spans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.api import ServeSettings, create_app

from .stores import TestClient, build_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "events.duckdb")


@pytest.fixture(scope="module")
def client(store_path: Path) -> Any:
    with TestClient(create_app(ServeSettings(db=str(store_path)))) as test_client:
        yield test_client


def ids(client: Any, **params: Any) -> list[str]:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["events"]]


def test_events_come_in_date_order_as_event_records(client: Any) -> None:
    body = client.get("/events").json()
    events = body["events"]
    assert len(events) == 9 and body["next_cursor"] is None
    first = events[0]
    assert first["type"] == "AGREE" and first["source"]["country"] == "IRN"
    assert first["document_id"] == "doc-drone-deal" and first["outlet"] == "Daily Star"
    assert first["trigger"]["text"] == "signed a deal with"
    days = [e["date"]["start"] if e["date"] else e["published_at"] for e in events]
    assert days == sorted(days)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"dyad": "IRN,RUS"}, 3),
        ({"dyad": "rus-irn"}, 3),
        ({"dyad": "ISR,IRN", "directed": "true"}, 2),
        ({"dyad": "IRN,ISR", "directed": "true"}, 1),
        ({"country": "CHN"}, 3),
        ({"type": ["assault", "ACCUSE"]}, 4),
        ({"quad_class": [4]}, 2),
        ({"quad_class": [1, 2]}, 5),
        ({"modality": ["planned", "feared"]}, 3),
        ({"actor": "washing"}, 3),
        ({"outlet": "wire"}, 6),
        ({"since": "2023-02-01", "until": "2023-02-28"}, 4),  # undated: the document's date
        ({"bbox": "30,50,60,60"}, 2),  # Yelabuga and Moscow
        ({"q": "killing 12"}, 1),
        ({"country": "IRN", "type": "ASSAULT", "modality": "asserted"}, 1),
    ],
)
def test_each_filter_selects_its_events(client: Any, params: dict[str, Any], expected: int) -> None:
    assert len(ids(client, **params)) == expected


def test_like_wildcards_in_text_are_taken_literally(client: Any) -> None:
    assert ids(client, q="%") == []
    assert ids(client, actor="_") == []


def test_the_cursor_walks_every_event_once(client: Any) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/events", params=params).json()
        seen += [e["id"] for e in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ids(client) and len(set(seen)) == 9


def test_csv_and_geojson_carry_the_same_page(client: Any) -> None:
    csv_text = client.get("/events", params={"format": "csv", "country": "IRN"}).text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("id,document_id,type,cameo") and len(lines) == 1 + 6
    response = client.get("/events", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert {f["properties"]["location_name"] for f in features} == {"Yelabuga", "Moscow", "Syria"}
    yelabuga = next(f for f in features if f["properties"]["location_name"] == "Yelabuga")
    assert yelabuga["geometry"]["coordinates"] == [52.04, 55.76]


def test_an_event_comes_with_its_document_and_the_characters_behind_each_field(
    client: Any,
) -> None:
    event_id = ids(client, q="killing 12")[0]
    detail = client.get(f"/events/{event_id}").json()
    text = detail["document"]["text"]
    marks = {h["role"]: h for h in detail["highlights"]}
    assert set(marks) == {"evidence", "trigger", "source", "target", "date", "place", "quantity"}
    for mark in detail["highlights"]:
        assert text[mark["start"] : mark["end"]] == mark["text"]
    assert (marks["trigger"]["text"], marks["place"]["text"]) == ("struck", "Syria")
    assert (marks["date"]["text"], marks["quantity"]["text"]) == ("Feb 20", "12")
    assert marks["source"]["text"] == "Israel" and marks["target"]["text"] == "Iran"


def test_a_document_comes_with_its_events_and_mentions(client: Any) -> None:
    body = client.get("/documents/doc-trade-talks").json()
    assert body["document"]["title"] == "Trade talks"
    assert [e["type"] for e in body["events"]] == ["CONSULT", "ACCUSE", "AID"]
    assert [d["text"] for d in body["mentions"]["dates"]] == ["Mar 20", "Mar 21", "Mar 22"]


def test_stats_count_what_is_stored_and_hide_the_file(client: Any, store_path: Path) -> None:
    response = client.get("/stats")
    body = response.json()
    assert body["tables"]["events"] == 9 and body["tables"]["documents"] == 3
    assert body["events_by_type"]["ASSAULT"] == 2 and body["writable"] is False
    assert str(store_path) not in response.text


def test_the_timeline_counts_by_month_and_quad_class(client: Any) -> None:
    body = client.get("/timeline", params={"country": "IRN"}).json()
    counts = {(c["period"], c["quad_class"]): c["events"] for c in body["counts"]}
    assert counts == {
        ("2023-01-01", 1): 2,
        ("2023-02-01", 2): 1,
        ("2023-02-01", 3): 1,
        ("2023-02-01", 4): 2,
    }


def test_the_openapi_schema_is_the_event_contract(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    stored = schema["components"]["schemas"]["StoredEvent"]["properties"]
    assert {"trigger", "source", "target", "evidence", "modality", "document_id"} <= set(stored)
    assert {
        "/events",
        "/events/{event_id}",
        "/documents/{document_id}",
        "/stats",
        "/code",
        "/ingest",
    } <= set(schema["paths"])


def test_the_dashboard_pages_and_files_are_served_from_the_package(client: Any) -> None:
    for page in ("events", "map", "timeline"):
        response = client.get(f"/ui/{page}")
        assert response.status_code == 200 and "<script" in response.text
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/", follow_redirects=False).headers["location"] == "/ui/events"


def test_docs_use_the_shipped_swagger_ui(client: Any) -> None:
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_a_read_only_duckdb_server_answers_a_page_it_gave_from_memory(client: Any) -> None:
    cache = client.app.state.page_cache
    first = client.get("/events?country=IRN&type=AID&limit=5")
    hits = cache.hits
    again = client.get("/events?limit=5&type=AID&country=IRN")  # the same query, reordered
    assert cache.hits == hits + 1 and again.content == first.content


def test_a_writing_server_keeps_no_pages(store_path: Path) -> None:
    settings = ServeSettings(db=str(store_path) + ".copy", allow_writes=True, token="t" * 20)
    Path(settings.db).write_bytes(store_path.read_bytes())
    with TestClient(create_app(settings)) as writer:
        assert writer.app.state.page_cache.size == 0
