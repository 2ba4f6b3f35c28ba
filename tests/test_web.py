"""The dashboard in a real browser: Playwright (Python) driving Debian's chromium against
`eventwire serve` on 127.0.0.1, over a store holding the seed article (coded with its date,
2023-02-12) and three small documents. Screenshots of each page go to docs/img/ when
EVENTWIRE_SCREENSHOTS=1 (the README shows them), else to a temporary folder."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from eventwire.api import ServeSettings, create_app

from .conftest import shared_path
from .stores import build_store, sample_documents

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The README's screenshots: refreshed into docs/img/ with EVENTWIRE_SCREENSHOTS=1, else written to
# a temporary folder (a test run leaves the working tree as it was)
SHOTS = (
    Path(__file__).resolve().parents[1] / "docs" / "img"
    if os.environ.get("EVENTWIRE_SCREENSHOTS") == "1"
    else Path(tempfile.mkdtemp(prefix="eventwire-shots-"))
)

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import eventwire

    text = shared_path("seed", "pivot_to_the_east.txt").read_text(encoding="utf-8")
    seed = eventwire.code(text, date="2023-02-12")
    return build_store(
        tmp_path_factory.mktemp("web") / "events.duckdb", [seed, *sample_documents()]
    )


@pytest.fixture(scope="session")
def server(seed_store: Path) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(ServeSettings(db=str(seed_store))),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # module scope: a live sync Playwright holds an asyncio loop in this thread, and a later
    # test module in the same worker that calls asyncio.run() would fail while it is open
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with what went wrong on it: console errors, page errors, requests elsewhere."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._only_local)

    def _only_local(self, route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host != "127.0.0.1":  # never let it leave: record it and refuse it
            self.outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready='1']", timeout=15_000)
        return self.page

    def assert_clean(self) -> None:
        assert self.errors == [] and self.outside == []
        assert self.page.locator("#error").is_hidden(), self.page.locator("#error").text_content()


@pytest.fixture()
def watched(browser: Any, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield Watched(context.new_page(), server)
    context.close()


def query_of(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


@pytest.mark.parametrize("page_name", ["events", "map", "timeline", "dyad", "shifts", "network"])
def test_each_page_loads_cleanly_and_only_from_this_server(
    watched: Watched, page_name: str
) -> None:
    query = "?dyad=IRN,RUS" if page_name in ("dyad", "shifts") else ""
    page = watched.open(f"/ui/{page_name}{query}")
    page.wait_for_timeout(300)  # late requests (map images) too
    watched.assert_clean()
    page.screenshot(path=str(SHOTS / f"serve-{page_name}.png"))


def test_the_api_docs_load_from_the_package(watched: Watched) -> None:
    watched.page.goto(watched.base + "/docs")
    watched.page.wait_for_selector(".opblock", timeout=15_000)
    assert watched.errors == [] and watched.outside == []
    watched.page.screenshot(path=str(SHOTS / "serve-docs.png"))


def test_filters_change_the_table_and_the_url(watched: Watched) -> None:
    page = watched.open("/ui/events")
    everything = page.locator("#events tbody tr").count()
    page.fill("#filters input[name=country]", "IRN")
    page.select_option("#filters select[name=type]", "ASSAULT")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("#events tbody tr").count() < everything
    assert query_of(page) == {"country": ["IRN"], "type": ["ASSAULT"]}
    types = page.locator("#events tbody tr td:nth-child(2)").all_text_contents()
    sides = page.locator("#events tbody tr").all_text_contents()
    assert types and set(types) == {"ASSAULT"} and all("IRN" in row for row in sides)
    # the URL alone gives the same view (a shared link)
    shared = watched.open(f"/ui/events?{urlparse(page.url).query}")
    assert shared.locator("#events tbody tr").all_text_contents() == sides
    assert shared.input_value("#filters input[name=country]") == "IRN"
    watched.assert_clean()


def test_the_provenance_view_highlights_the_right_characters(watched: Watched) -> None:
    page = watched.open("/ui/events?dyad=IRN,RUS&type=AGREE")
    row = page.locator("#events tbody tr", has_text="Yelabuga").first
    event_id = row.get_attribute("data-id")
    row.click()
    page.wait_for_selector("#article-text mark.trigger")
    assert query_of(page)["event"] == [event_id]
    detail = page.evaluate(f"fetch('/events/{event_id}').then(r => r.json())")
    text = detail["document"]["text"]
    marks = page.evaluate(
        "[...document.querySelectorAll('#article-text mark')].map(m => "
        "({start: +m.dataset.start, text: m.textContent, roles: m.className.split(' ')}))"
    )
    for mark in marks:  # every marked piece is the document's characters at its offset
        assert text[mark["start"] : mark["start"] + len(mark["text"])] == mark["text"]
    for wanted in detail["highlights"]:
        pieces = [
            m["text"]
            for m in marks
            if wanted["role"] in m["roles"] and wanted["start"] <= m["start"] < wanted["end"]
        ]
        assert "".join(pieces) == wanted["text"] == text[wanted["start"] : wanted["end"]]
    roles = {h["role"] for h in detail["highlights"]}
    assert {"trigger", "source", "target", "place", "date"} <= roles
    place = next(h for h in detail["highlights"] if h["role"] == "place")
    assert place["text"] == "Yelabuga"
    watched.assert_clean()
    page.locator("#article-text mark.trigger").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "serve-provenance.png"))


def test_the_map_draws_the_yelabuga_event_near_55_8_n_52_1_e(watched: Watched) -> None:
    page = watched.open("/ui/map?country=IRN&q=settled")  # the seed's sentence
    drawn = page.evaluate("window.ewMapDrawn")
    yelabuga = [d for d in drawn if d["name"] == "Yelabuga"]
    assert yelabuga and all(
        abs(d["lat"] - 55.8) < 0.2 and abs(d["lon"] - 52.1) < 0.2 for d in yelabuga
    )
    assert yelabuga[0]["precision"] == "point" and yelabuga[0]["kind"] == "pin"
    pin = page.locator("img.leaflet-marker-icon[title=Yelabuga]")
    assert pin.count() == 1 and pin.is_visible()
    # the pin sits where the map puts 55.76 N 52.04 E
    spot = page.evaluate(
        "(() => { const r = document.querySelector('img.leaflet-marker-icon[title=Yelabuga]').getBoundingClientRect();"
        " return [r.left + r.width / 2, r.bottom]; })()"
    )
    assert spot[0] > 0 and spot[1] > 0
    watched.assert_clean()


def test_the_map_draws_country_level_places_as_countries(watched: Watched) -> None:
    page = watched.open("/ui/map")
    drawn = page.evaluate("window.ewMapDrawn")
    ukraine = [d for d in drawn if d["name"] == "Ukraine"]
    assert ukraine and {d["precision"] for d in ukraine} == {"country"}
    assert {d["kind"] for d in ukraine} == {"country"}  # its outline is shaded, no pin
    assert page.locator("img.leaflet-marker-icon[title=Ukraine]").count() == 0
    watched.assert_clean()
    page.screenshot(path=str(SHOTS / "serve-map.png"))


def test_a_timeline_bar_opens_the_events_behind_it(watched: Watched) -> None:
    page = watched.open("/ui/timeline?country=IRN")
    bars = page.locator("#chart rect.bar")
    assert bars.count() >= 2
    bar = page.locator("#chart rect.bar[data-quad='4']").first
    expected = int(bar.get_attribute("data-events") or 0)
    bar.click()
    page.wait_for_selector("body[data-ready='1'] #events")
    query = query_of(page)
    assert query["quad_class"] == ["4"] and query["country"] == ["IRN"] and "since" in query
    assert page.locator("#events tbody tr").count() == expected
    watched.assert_clean()


def test_the_dyad_page_shows_the_series_and_the_events_behind_a_point(watched: Watched) -> None:
    page = watched.open("/ui/dyad?dyad=IRN,RUS")
    # the store is not clustered and the server is read-only: the page counts reports
    assert "Counting reports" in (page.text_content("#unit-note") or "")
    bars = page.locator("#chart rect.bar")
    assert bars.count() >= 1 and page.locator("#alignment tbody tr", has_text="RUS").count() >= 1
    expected = int(bars.first.get_attribute("data-events") or 0)
    bars.first.click()
    page.wait_for_selector("body[data-ready='1'] #events")
    assert query_of(page)["dyad"] == ["IRN,RUS"]
    assert page.locator("#events tbody tr").count() == expected
    watched.assert_clean()


def test_the_network_draws_who_acts_on_whom(watched: Watched) -> None:
    page = watched.open("/ui/network")
    assert page.locator("#network line.edge[data-source=ISR][data-target=IRN]").count() == 1
    assert page.locator("#network a.node[data-id=RUS]").count() == 1
    watched.assert_clean()
