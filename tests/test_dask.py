"""Coding on a real dask.distributed cluster (a LocalCluster in this process, one worker
thread: the machine has two cores and the coder is already loaded here), into Parquet,
PostgreSQL (the workers write) and DuckDB (the client writes)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.batch import (
    IngestRequest,
    ParquetSink,
    QuietReporter,
    StoreSink,
    coder_key,
    run_ingest,
)
from eventwire.batch.distributed import DaskEngine
from eventwire.ingest import ReadOptions, Sourced, iter_items
from eventwire.pipeline import VERSIONS, Coder
from eventwire.store import DuckDBStore, PostgresStore, open_partitions
from tests.test_postgres import pg_url  # noqa: F401 (a fixture)

pytestmark = pytest.mark.model

SENTENCES = [
    "Iran signed a deal with Russia on Monday.",
    "China accused the United States of spying.",
    "Turkey will sign a trade deal with Iraq next week.",
    "Egypt hosted talks with Israel in Cairo.",
    "France criticized Germany over the budget.",
    "Japan met South Korea in Seoul on Friday.",
    "Iran signed a deal with Russia on Monday.",  # repeated: stored once
    "India praised Brazil for its mediation.",
    "Russia threatened Ukraine with new strikes.",
    "Qatar mediated talks between Egypt and Iran.",
]


@pytest.fixture(scope="module")
def engine(coder: Coder) -> Iterator[DaskEngine]:
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0"
    )
    client = Client(cluster)
    yield DaskEngine(client=client)
    client.close()
    cluster.close()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"text": s, "date": "2023-02-13"}) for s in SENTENCES]
    path.write_text("\n".join([*lines, "{broken"]) + "\n")
    return path


def expected(corpus: Path, coder: Coder) -> tuple[set[str], set[str]]:
    """Document and event ids from coding the corpus here, without Dask."""
    items = [i for i in iter_items([str(corpus)], ReadOptions()) if isinstance(i, Sourced)]
    coded = list(coder.code_documents(i.document for i in items))
    return {c.document.id for c in coded}, {e.id for c in coded for e in c.events}


def ingest(corpus: Path, sink: Any, engine: DaskEngine, resume: bool = False) -> Any:
    request = IngestRequest([str(corpus)], batch_size=3)
    return run_ingest(request, sink, engine, QuietReporter(), coder_key(VERSIONS), resume)


def ids(store: Any) -> tuple[list[str], list[str]]:
    docs = [r[0] for r in store.fetchall("SELECT id FROM documents")]
    events = [r[0] for r in store.fetchall("SELECT id FROM events")]
    return docs, events


def test_parquet_partitions_written_by_workers_and_resumed(
    corpus: Path, engine: DaskEngine, coder: Coder, tmp_path: Path
) -> None:
    out = tmp_path / "parquet"
    summary = ingest(corpus, ParquetSink(out), engine)
    want_docs, want_events = expected(corpus, coder)
    assert (summary.documents_coded, summary.failed, summary.status) == (9, 1, "completed")
    assert len(list((out / "documents").glob("part-*.parquet"))) == 3  # 9 documents / 3
    with open_partitions(out) as store:
        docs, events = ids(store)
    assert sorted(docs) == sorted(want_docs) and sorted(events) == sorted(want_events)

    # lose the middle partition, as a killed run would: resume redoes only that one
    for marker in (out / "_done").glob("part-00001-*"):
        marker.unlink()
    for table in ("documents", "events", "mentions", "actors", "places", "sightings"):
        for part in (out / table).glob("part-00001-*.parquet"):
            part.unlink()
    again = ingest(corpus, ParquetSink(out), engine, resume=True)
    assert (again.documents_coded, again.documents_skipped) == (3, 6 + 1)
    with open_partitions(out) as store:
        docs, events = ids(store)
    assert sorted(docs) == sorted(want_docs) and sorted(events) == sorted(want_events)
    count = duckdb.sql(f"SELECT count(*) FROM '{out}/documents/*.parquet'").fetchall()
    assert count == [(9,)]


def test_workers_insert_into_postgres(
    corpus: Path,
    engine: DaskEngine,
    coder: Coder,
    pg_url: str,  # noqa: F811 (the fixture)
) -> None:
    with PostgresStore(pg_url) as store:
        summary = ingest(corpus, StoreSink(store, url=pg_url), engine)
        again = ingest(corpus, StoreSink(store, url=pg_url), engine)
        docs, events = ids(store)
        run = store.fetchall("SELECT documents_coded, events, status FROM runs ORDER BY 1 DESC")
    want_docs, want_events = expected(corpus, coder)
    assert sorted(docs) == sorted(want_docs) and sorted(events) == sorted(want_events)
    assert (again.documents_coded, again.documents_skipped) == (0, 10)
    # the workers counted what they stored in the run's record, in the same transactions
    assert run[0] == (9, len(want_events), "completed") and summary.events == len(want_events)


def test_a_duckdb_target_is_written_by_the_client(
    corpus: Path, engine: DaskEngine, coder: Coder, tmp_path: Path
) -> None:
    with DuckDBStore(tmp_path / "d.duckdb") as store:
        sink = StoreSink(store)
        assert sink.remote_target() is None  # DuckDB has one writer: this process
        summary = ingest(corpus, sink, engine)
        docs, events = ids(store)
    want_docs, want_events = expected(corpus, coder)
    assert summary.documents_coded == 9
    assert sorted(docs) == sorted(want_docs) and sorted(events) == sorted(want_events)
