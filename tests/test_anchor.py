"""Dates of undated documents: 'yesterday', 'Saturday', 'January 23' are resolved against the
day a document is first coded, that anchor is stored (and marked a fallback), `recode` keeps it,
and the dates it gave are marked inferred; a run counts undated documents and says so once."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from pathlib import Path

import psycopg
import pytest

from eventwire.batch import IngestRequest, InProcessEngine, LineReporter, StoreSink, run_ingest
from eventwire.batch.recode import run_recode
from eventwire.batch.runner import RunSummary
from eventwire.cli.report import run_warnings
from eventwire.model import Document
from eventwire.pipeline import Coder, anchored
from eventwire.store import DuckDBStore, SqlStore, open_store
from eventwire.time import find_dates

D = dt.date
FIRST_CODED = D(2018, 5, 1)  # a Tuesday
UNDATED = "Rebels attacked the town on Saturday, a year after the March 2019 truce."


def test_dates_resolved_against_a_fallback_anchor_are_inferred() -> None:
    text = "Rebels attacked on Saturday. In 2019 they met; on January 23 talks resumed."
    found = {d.text: d for d in find_dates(text, FIRST_CODED, anchor_known=False)}
    assert found["Saturday"].date_start == D(2018, 4, 28) and found["Saturday"].inferred
    assert found["January 23"].date_start == D(2018, 1, 23) and found["January 23"].inferred
    assert not found["2019"].inferred  # a year named in full does not depend on the anchor
    # a weekday picks the year next to the anchor's: it depends on the anchor all the same
    text = "The fair opened on Saturday, March 28."
    (dated,) = find_dates(text, D(2026, 12, 1), anchor_known=False)
    assert dated.date_start == D(2026, 3, 28) and dated.inferred
    assert not any(d.inferred for d in find_dates(text, FIRST_CODED))


def test_the_anchor_is_the_publication_date_else_the_stored_one_else_today() -> None:
    dated = anchored(Document(id="a", text="x", published_at=D(2023, 2, 12)))
    assert (dated.anchor_date, dated.anchor_fallback) == (D(2023, 2, 12), False)
    stored = anchored(Document(id="b", text="x", anchor_date=FIRST_CODED))
    assert (stored.anchor_date, stored.anchor_fallback) == (FIRST_CODED, True)
    fresh = anchored(Document(id="c", text="x"))
    assert (fresh.anchor_date, fresh.anchor_fallback) == (dt.date.today(), True)


@pytest.mark.model
def test_an_undated_document_is_coded_against_its_stored_anchor(coder: Coder) -> None:
    document = Document(id="u", text=UNDATED, anchor_date=FIRST_CODED)
    coded = next(coder.code_documents([document]))
    assert coded.document.anchor_date == FIRST_CODED and coded.document.anchor_fallback
    (saturday,) = [d for d in coded.mentions.dates if d.text == "Saturday"]
    assert saturday.date_start == D(2018, 4, 28) and saturday.inferred
    dated = [e for e in coded.events if e.date is not None and e.date.text == "Saturday"]
    assert dated and all(e.date is not None and e.date.inferred for e in dated)


@pytest.mark.model
def test_ingest_stores_the_anchor_and_recode_keeps_it(tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "x.duckdb") as store:
        check_anchor_is_stored_and_kept(store, tmp_path)


@pytest.mark.model
def test_the_anchor_is_stored_and_kept_on_postgresql(tmp_path: Path) -> None:
    server = os.environ.get("EVENTWIRE_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")
    if server == "off":
        pytest.skip("EVENTWIRE_TEST_POSTGRES=off")
    schema = f"ew_anchor_{os.getpid()}_{secrets.token_hex(4)}"
    try:
        with open_store(f"{server}{'&' if '?' in server else '?'}schema={schema}") as store:
            check_anchor_is_stored_and_kept(store, tmp_path)
    finally:
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def check_anchor_is_stored_and_kept(store: SqlStore, tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    lines = [{"text": UNDATED}, {"text": "Iran met Iraq on Monday.", "date": "2023-02-13"}]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines))
    request = IngestRequest([str(corpus)])
    summary = run_ingest(request, StoreSink(store), InProcessEngine(), LineReporter(), "v1")
    assert summary.documents_undated == 1
    rows = store.fetchall(
        "SELECT published_at IS NULL, anchor_date, anchor_fallback FROM documents ORDER BY 1"
    )
    assert rows == [(False, D(2023, 2, 13), False), (True, dt.date.today(), True)]
    # as if first coded on 2018-05-01: re-coding today must not move its dates
    store.execute("UPDATE documents SET anchor_date = ? WHERE published_at IS NULL", [FIRST_CODED])
    again = run_recode(store, InProcessEngine(), LineReporter(), "v2", everything=True)
    assert again.documents_undated == 1
    anchors = store.fetchall("SELECT anchor_date, anchor_fallback FROM documents ORDER BY 1")
    assert anchors == [(FIRST_CODED, True), (D(2023, 2, 13), False)]
    dates = store.fetchall(
        "SELECT e.date_start, e.date_inferred FROM events e JOIN documents d "
        "ON e.document_id = d.id WHERE d.published_at IS NULL AND e.date_text = 'Saturday'"
    )
    assert dates and set(dates) == {(D(2018, 4, 28), True)}
    counts = store.fetchall("SELECT command, documents_undated FROM runs ORDER BY started_at")
    assert counts == [("ingest", 1), ("recode", 1)]


def test_a_run_with_undated_documents_warns_once_with_the_count() -> None:
    summary = RunSummary("r", "x.duckdb", documents_undated=3)
    (line,) = run_warnings(summary, "2026-12-01")
    assert line.startswith("warning: 3 documents have no publication date") and "--date" in line
    assert run_warnings(RunSummary("r", "x.duckdb")) == []
