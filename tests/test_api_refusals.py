"""What `eventwire serve` refuses, each with a clear 4xx problem+json (RFC 9457) and the store
unchanged: writes on a read-only server, no token, a wrong token, oversized bodies, bad filter
values, SQL in a filter, paths out of the package, too many POST /code."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.api import ServeSettings, create_app
from eventwire.store import open_store

from .cli import run
from .stores import TestClient, build_store

TOKEN = "s3cret-token-for-tests-only"
ARTICLE = {
    "text": "Iran and Russia signed a drone deal in Yelabuga on Monday.",
    "date": "2023-02-12",
}


def counts(path: Path) -> tuple[int, int, int]:
    with open_store(path, read_only=True) as store:
        return store.count("documents"), store.count("events"), store.count("mentions")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("refusals") / "events.duckdb")


@pytest.fixture()
def store_path(template: Path, tmp_path: Path) -> Iterator[Path]:
    path = Path(shutil.copy(template, tmp_path / "events.duckdb"))  # a fresh copy: fast
    before = counts(path)
    yield path
    assert counts(path) == before  # whatever the test sent, nothing was written


def client_for(path: Path, **settings: Any) -> TestClient:
    app = create_app(ServeSettings(db=str(path), **settings))
    return TestClient(app, raise_server_exceptions=False)


def assert_problem(response: Any, status: int, words: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and words in body["detail"], body
    assert "Traceback" not in response.text
    return body


def test_a_read_only_server_refuses_to_ingest_even_with_the_token(store_path: Path) -> None:
    with client_for(store_path, token=TOKEN) as client:
        response = client.post(
            "/ingest", json={"documents": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert_problem(response, 403, "read-only")


@pytest.mark.parametrize(
    ("headers", "status", "words"),
    [
        ({}, 401, "token is required"),
        ({"Authorization": "Basic abc"}, 401, "token is required"),
        ({"Authorization": "Bearer wrong-token"}, 403, "token is wrong"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403, "token is wrong"),
    ],
)
def test_a_writing_server_refuses_a_missing_or_wrong_token(
    store_path: Path, headers: dict[str, str], status: int, words: str
) -> None:
    with client_for(store_path, allow_writes=True, token=TOKEN) as client:
        response = client.post("/ingest", json={"documents": [ARTICLE]}, headers=headers)
    assert_problem(response, status, words)


def test_a_writing_server_without_a_token_takes_no_token(store_path: Path) -> None:
    with client_for(store_path, allow_writes=True, token=None) as client:
        response = client.post(
            "/ingest", json={"documents": [ARTICLE]}, headers={"Authorization": "Bearer "}
        )
    assert response.status_code in (401, 403)


def test_oversized_bodies_are_refused_before_they_are_read(store_path: Path) -> None:
    big = {"text": "Iran met Russia. " * 1000}
    with client_for(store_path, allow_writes=True, token=TOKEN, max_body_bytes=5_000) as client:
        coded = client.post("/code", json=big)
        stored = client.post(
            "/ingest", json={"documents": [big]}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        # a body without a declared length is counted as it arrives
        chunks = (b'{"text": "' + b"x" * 1000 + b'"}' for _ in range(1))
        streamed = client.post(
            "/code", content=(c * 10 for c in chunks), headers={"content-type": "application/json"}
        )
    for response in (coded, stored, streamed):
        assert_problem(response, 413, "over 5000 bytes")


def test_too_many_documents_in_one_ingest_are_refused(store_path: Path) -> None:
    with client_for(store_path, allow_writes=True, token=TOKEN, max_ingest_documents=2) as client:
        response = client.post(
            "/ingest",
            json={"documents": [ARTICLE] * 3},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert_problem(response, 413, "at most 2 documents")


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"type": "BOMB"}, "type: unknown 'BOMB'"),
        ({"quad_class": "5"}, "quad_class"),
        ({"modality": "rumoured"}, "modality"),
        ({"since": "last tuesday"}, "since"),
        ({"until": "2023-13-01"}, "until"),
        ({"dyad": "IRN"}, "dyad: two country codes"),
        ({"bbox": "1,2,3"}, "bbox: four numbers"),
        ({"bbox": "10,0,5,1"}, "bbox: west <= east"),
        ({"limit": "0"}, "limit"),
        ({"limit": "100000"}, "limit: at most 500"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"format": "xlsx"}, "format"),
        ({"directed": "maybe"}, "directed"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_filter_values_are_a_422_naming_the_parameter(
    store_path: Path, params: dict[str, str], words: str
) -> None:
    with client_for(store_path) as client:
        body = assert_problem(client.get("/events", params=params), 422, words)
    assert body["code"] == "E009"


@pytest.mark.parametrize(
    "params",
    [
        {"country": "IRN' OR '1'='1"},
        {"country": "IRN; DROP TABLE events"},
        {"dyad": "IRN,RUS); DELETE FROM events; --"},
        {"type": "ASSAULT' OR 1=1 --"},
    ],
)
def test_sql_in_a_coded_filter_is_refused(store_path: Path, params: dict[str, str]) -> None:
    with client_for(store_path) as client:
        assert_problem(client.get("/events", params=params), 422, "")


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "'; DROP TABLE events; --"},
        {"q": "x' OR '1'='1"},
        {"outlet": "Wire' OR '1'='1"},
    ],
)
def test_sql_in_a_text_filter_is_only_words_to_look_for(
    store_path: Path, params: dict[str, str]
) -> None:
    with client_for(store_path) as client:
        response = client.get("/events", params=params)
    assert response.status_code == 200 and response.json()["events"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fapi%2fapp.py",
        "/static/__init__.py",
        "/static/index.html",
        "/ui/..%2f..%2fetc%2fpasswd",
        "/events/..%2f..%2fetc",
        "/no-such-endpoint",
    ],
)
def test_no_path_from_a_request_reaches_the_file_system(store_path: Path, path: str) -> None:
    with client_for(store_path) as client:
        response = client.get(path)
    assert response.status_code in (404, 422), response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "root:" not in response.text


def test_an_unknown_event_or_document_is_a_404(store_path: Path) -> None:
    with client_for(store_path) as client:
        assert_problem(client.get("/events/abc123"), 404, "no event abc123")
        assert_problem(client.get("/documents/abc123"), 404, "no document abc123")


def test_post_code_is_rate_limited_per_client(store_path: Path) -> None:
    with client_for(store_path, code_requests_per_minute=2) as client:
        # empty texts: refused (422) after the rate check, so no spaCy is needed
        first = [client.post("/code", json={"text": ""}).status_code for _ in range(2)]
        third = client.post("/code", json={"text": ""})
    assert first == [422, 422]
    assert_problem(third, 429, "at most 2 POST /code requests a minute")
    assert int(third.headers["retry-after"]) >= 1


def test_a_malformed_body_is_a_422(store_path: Path) -> None:
    with client_for(store_path) as client:
        assert_problem(
            client.post(
                "/code", content=b"{not json", headers={"content-type": "application/json"}
            ),
            422,
            "",
        )
        assert_problem(client.post("/code", json={"text": "x", "date": "soon"}), 422, "date")
        assert_problem(client.post("/code", json={"text": "x", "path": "/etc/passwd"}), 422, "path")


def test_a_corrupt_stored_record_is_a_500_problem_without_a_traceback(tmp_path: Path) -> None:
    path = build_store(tmp_path / "events.duckdb")
    with open_store(path) as store:
        store.execute(
            "UPDATE events SET record = ? WHERE id = ?", [json.dumps({"id": 1}), "trade-talks-0"]
        )
    with client_for(path) as client:
        response = client.get("/events/trade-talks-0")
    body = assert_problem(response, 500, "internal error")
    assert body["code"] == "E999" and "pydantic" not in response.text


def test_cors_is_off_unless_origins_are_configured(store_path: Path) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    with client_for(store_path) as client:
        assert "access-control-allow-origin" not in client.get("/stats", headers=origin).headers
    with client_for(store_path, cors_origins=("https://elsewhere.example",)) as client:
        allowed = client.get("/stats", headers=origin).headers
    assert allowed["access-control-allow-origin"] == "https://elsewhere.example"


def test_a_store_that_is_not_there_fails_at_start_with_e008(tmp_path: Path) -> None:
    from eventwire.errors import StoreError

    with pytest.raises(StoreError):
        create_app(ServeSettings(db=str(tmp_path / "missing.duckdb")))
    assert not (tmp_path / "missing.duckdb").exists()


@pytest.mark.parametrize(
    ("args", "env", "code"),
    [
        (["--allow-writes"], {}, "E009"),  # writes need a token
        (["--allow-writes"], {"EVENTWIRE_API_TOKEN": "short"}, "E009"),
        ([], {}, "E008"),  # no store at --db
    ],
)
def test_serve_refuses_to_start_with_one_line(
    tmp_path: Path, args: list[str], env: dict[str, str], code: str
) -> None:
    environ: dict[str, str | None] = {"EVENTWIRE_API_TOKEN": None, **env}
    result = run("serve", "--db", str(tmp_path / "none.duckdb"), *args, env=environ)
    err = result.stderr
    assert result.status == 1 and code in err and "Traceback" not in err
    assert err.strip().count("\n") == 0, err
    assert not (tmp_path / "none.duckdb").exists()
