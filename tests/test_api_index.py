"""The fast paths of GET /events give what the plain ones give: the in-memory index of a
read-only store pages as SQL does (every filter, cursors, undated events, ties), the page
JSON written from the stored records is EventPage's own, and a kept page answered before
routing is the routed answer, byte for byte and header for header."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.datastructures import QueryParams

from eventwire.api import ServeSettings, create_app
from eventwire.api.batch import RowBatcher
from eventwire.api.cache import Page, PageCache
from eventwire.api.event_index import EventIndex
from eventwire.api.filters import event_query
from eventwire.api.page_json import page_json
from eventwire.api.queries import page_of_events
from eventwire.api.schemas import EventPage
from eventwire.errors import StoreError
from eventwire.model import CodedDocument
from eventwire.store import DuckDBStore, SqlStore

from .stores import TestClient, build_store, document, event

COUNTRIES = ["IRN", "RUS", "USA", "ISR", None]
TYPES = ["ASSAULT", "CONSULT", "AID", "ACCUSE", "AGREE"]
MODALITIES = ["asserted", "asserted", "planned", "feared"]
WORDS = ["troops", "Talks", "aid convoy", "50% of", "under_score", "Zürich"]


def varied_documents(seed: int = 15) -> list[CodedDocument]:
    """Documents of a few events each on few days (many ties), some undated events, some
    documents without a date, events without countries or places or on a box's edge, words
    to search (with LIKE's own % and _)."""
    rng = random.Random(seed)
    documents = []
    for n in range(40):
        published = None if n % 9 == 0 else dt.date(2023, 1, 1) + dt.timedelta(rng.randrange(6))
        events = []
        for k in range(rng.randrange(1, 6)):
            kind = rng.choice(TYPES)
            day = (
                None
                if rng.random() < 0.25
                else dt.date(2023, 1, 1) + dt.timedelta(rng.randrange(6))
            )
            place = (
                None if rng.random() < 0.3 else ("town", rng.uniform(-60, 60), rng.uniform(-90, 90))
            )
            if k == 0 and n % 4 == 0:  # on the edge of the box the tests ask for
                place = ("edge", rng.choice([-30.0, 40.0, 0.0]), rng.choice([-20.0, 60.0, 0.0]))
            text = f"{rng.choice(WORDS)} near {rng.choice(WORDS)} ({n}.{k})"
            events.append(
                event(
                    f"{rng.choice('abc')}{n:02d}-{k}",
                    kind,
                    rng.choice(COUNTRIES),
                    rng.choice(COUNTRIES),
                    text,
                    day,
                    place=place,
                    modality=rng.choice(MODALITIES),
                )
            )
        documents.append(
            document(
                f"doc-{n:02d}",
                "text",
                published,
                rng.choice(["Wire", "daily", None]),
                events,
                title=f'Title «{n}» "quoted"',
                url=None if n % 2 else f"https://x/{n}",
            )
        )
    return documents


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    path = build_store(tmp_path_factory.mktemp("index") / "varied.duckdb", varied_documents())
    with DuckDBStore(path, read_only=True) as opened:
        yield opened


def random_filters(rng: random.Random) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    codes = [c for c in COUNTRIES if c] + ["ZZZ"]
    options = {
        "dyad": lambda: f"{rng.choice(codes)},{rng.choice(codes).lower()}",
        "directed": lambda: rng.random() < 0.5,
        "country": lambda: rng.choice(codes),
        "event_type": lambda: rng.sample(TYPES, rng.randrange(1, 3)),
        "quad_class": lambda: rng.sample([1, 2, 3, 4], rng.randrange(1, 3)),
        "modality": lambda: rng.sample(["asserted", "planned", "feared", "denied"], 1),
        "since": lambda: dt.date(2023, 1, 1) + dt.timedelta(rng.randrange(6)),
        "until": lambda: dt.date(2023, 1, 2) + dt.timedelta(rng.randrange(6)),
        "bbox": lambda: "-20,-30,60,40",
        "q": lambda: rng.choice(["talks", "AID", "50%", "_", "zürich", "near"]),
        "actor": lambda: rng.choice(["ir", "us"]),
        "outlet": lambda: rng.choice(["WIRE", "Daily"]),
    }
    for name in rng.sample(sorted(options), rng.randrange(0, 4)):
        chosen[name] = options[name]()
    return chosen


def pages(
    store: SqlStore, filters: dict[str, Any], limit: int, index: EventIndex | None
) -> list[Any]:
    query = asyncio.run(event_query(**filters))
    got, cursor = [], None
    while True:
        for with_record in (True, False):
            rows, following = page_of_events(store, query, limit, cursor, with_record, index)
            got.append((rows, following))
        cursor = following
        if cursor is None or len(got) >= 12:  # six pages, each as JSON and as CSV
            return got


def test_the_index_pages_as_sql_does_for_any_filters(store: SqlStore) -> None:
    index = EventIndex.load(store, 1_000)
    assert index is not None and index.size == store.count("events")
    rng = random.Random(3)
    matched = 0
    for _ in range(60):
        filters, limit = random_filters(rng), rng.choice([1, 3, 50])
        by_sql = pages(store, filters, limit, None)
        assert pages(store, filters, limit, index) == by_sql, filters
        matched += bool(by_sql[0][0])
    assert matched > 30  # most filters find events: the comparison is not of empty pages


def test_a_store_over_the_limit_has_no_index(store: SqlStore) -> None:
    assert EventIndex.load(store, store.count("events") - 1) is None
    assert EventIndex.load(store, 0) is None


def test_page_json_is_the_page_pydantic_writes(store: SqlStore) -> None:
    query = asyncio.run(event_query())
    rows, following = page_of_events(store, query, 500, None, True)
    assert len(rows) == store.count("events")
    written = EventPage.model_validate(
        {"events": [stored(r) for r in rows], "next_cursor": following}
    )
    assert page_json(rows, following) == written.model_dump_json().encode()
    assert (
        page_json(rows[:2], "abc")
        == EventPage.model_validate({"events": [stored(r) for r in rows[:2]], "next_cursor": "abc"})
        .model_dump_json()
        .encode()
    )


def test_a_record_an_older_model_wrote_is_validated_and_written_again(store: SqlStore) -> None:
    query = asyncio.run(event_query())
    rows, _ = page_of_events(store, query, 2, None, True)
    older = json.loads(rows[0]["record"])
    del older["mode"]  # written before the field existed: the model's default fills it
    changed = [rows[0] | {"record": json.dumps(older)}, rows[1]]
    page = json.loads(page_json(changed, None))
    assert page["events"][0]["mode"] is None and list(page["events"][0]) == list(
        json.loads(page_json(rows, None))["events"][0]
    )


def stored(row: dict[str, Any]) -> dict[str, Any]:
    fields = ("document_id", "published_at", "title", "outlet", "url")
    return {**json.loads(row["record"]), **{name: row[name] for name in fields}}


def test_a_kept_page_is_the_routed_answer_header_for_header(tmp_path: Path) -> None:
    path = build_store(tmp_path / "front.duckdb", varied_documents())
    with TestClient(create_app(ServeSettings(db=str(path)))) as client:
        cache: PageCache = client.app.state.page_cache  # type: ignore[attr-defined]
        url = "/events?country=IRN&limit=3&format=csv"
        routed = client.get(url)
        hits = cache.hits
        kept = client.get(url)
        assert cache.hits == hits + 1 and routed.status_code == kept.status_code == 200
        assert kept.content == routed.content and dict(kept.headers) == dict(routed.headers)
        assert "x-next-cursor" in kept.headers and "content-security-policy" in kept.headers
        assert client.get("/events?country=IRN&limit=0").status_code == 422  # not kept


def test_one_page_is_read_once_whichever_way_its_query_is_written(tmp_path: Path) -> None:
    path = build_store(tmp_path / "canonical.duckdb", varied_documents())
    with TestClient(create_app(ServeSettings(db=str(path)))) as client:
        pool = client.app.state.pool  # type: ignore[attr-defined]
        asked: list[int] = []
        run = pool.run
        pool.run = lambda work: asked.append(1) or run(work)
        first = client.get("/events?dyad=IRN,RUS&type=AID&type=ACCUSE&quad_class=2&quad_class=3")
        again = client.get("/events?dyad=rus-irn&type=accuse&type=AID&quad_class=3&quad_class=2")
        directed = client.get("/events?dyad=RUS,IRN&directed=true")
        assert first.status_code == again.status_code == directed.status_code == 200
        assert again.content == first.content and len(asked) == 2  # the directed one is apart
        assert first.json()["events"] and directed.json()["events"] != first.json()["events"]


def test_page_keys_keep_parameters_apart() -> None:
    one = PageCache.key("/events", QueryParams("q=a%26b%3Dc"))  # one parameter, q='a&b=c'
    two = PageCache.key("/events", QueryParams("q=a&b=c"))
    assert one != two
    assert PageCache.key("/events", QueryParams("b=1&a=2")) == PageCache.key(
        "/events", QueryParams("a=2&b=1")
    )


def test_requests_for_a_page_being_answered_wait_for_that_answer() -> None:
    cache = PageCache(10)
    renders: list[int] = []

    async def render() -> Page:
        renders.append(1)
        await asyncio.sleep(0.05)
        return b"page", "application/json", {}

    async def burst() -> list[Page]:
        return list(await asyncio.gather(*(cache.answer("k", render, alias=n) for n in range(5))))

    assert asyncio.run(burst()) == [(b"page", "application/json", {})] * 5
    assert len(renders) == 1 and cache.get(4) == cache.get("k")  # kept under each alias


def test_a_failed_answer_fails_only_its_own_request() -> None:
    cache = PageCache(10)
    calls: list[int] = []

    async def render() -> Page:
        calls.append(1)
        await asyncio.sleep(0.02)
        if len(calls) == 1:
            raise ValueError("the first fails")
        return b"page", "application/json", {}

    async def both() -> list[Any]:
        return list(
            await asyncio.gather(
                cache.answer("k", render, alias=1),
                cache.answer("k", render, alias=2),
                return_exceptions=True,
            )
        )

    first, second = asyncio.run(both())
    assert isinstance(first, ValueError) and second == (b"page", "application/json", {})


def test_rows_wanted_at_once_are_read_by_one_query() -> None:
    reads: list[list[int]] = []
    started, release = threading.Event(), threading.Event()

    def read(store: Any, rows: list[int], with_record: bool) -> dict[int, dict[str, Any]]:
        reads.append(rows)
        if len(reads) == 1:  # the first read is slow: the others wait and go together
            started.set()
            release.wait(5)
        return {r: {"row": r, "record": with_record} for r in rows}

    batcher = RowBatcher(read)
    got: dict[int, Any] = {}

    def want(n: int, rows: list[int]) -> None:
        got[n] = batcher.rows(None, rows, True)  # type: ignore[arg-type]

    first = threading.Thread(target=want, args=(0, [1, 2]))
    first.start()
    started.wait(5)
    others = [threading.Thread(target=want, args=(n, [n, 2])) for n in range(3, 7)]
    for thread in others:
        thread.start()
    while len(batcher._waiting) < 4:  # all four wait behind the first read
        time.sleep(0.01)
    release.set()
    for thread in [first, *others]:
        thread.join(5)
    assert reads == [[1, 2], [2, 3, 4, 5, 6]]
    assert got[0] == {1: {"row": 1, "record": True}, 2: {"row": 2, "record": True}}
    assert all(set(got[n]) == {n, 2} for n in range(3, 7))


def test_a_failed_read_fails_each_request_waiting_for_it() -> None:
    def read(store: Any, rows: list[int], with_record: bool) -> dict[int, dict[str, Any]]:
        raise StoreError("the store went away")

    with pytest.raises(StoreError):
        RowBatcher(read).rows(None, [1], False)  # type: ignore[arg-type]
