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


# --- event clusters of a Parquet directory on Dask equal the in-process clusters ---


@pytest.fixture(scope="module")
def threads() -> Iterator[Any]:
    """A Dask client of one in-process worker thread (the clustering needs no coder)."""
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0"
    )
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


CLUSTER_COLUMNS = "* EXCLUDE (story_id)"  # stories are not computed on Dask


def cluster_tables(store: Any) -> dict[str, list[str]]:
    return {
        "members": sorted(map(repr, store.fetchall("SELECT * FROM cluster_members"))),
        "clusters": sorted(map(repr, store.fetchall(f"SELECT {CLUSTER_COLUMNS} FROM clusters"))),
    }


def as_partitions(store: Any, out: Path, parts: int = 3) -> Path:
    """The store's events and documents as `ingest --out` writes them: parts of each table."""
    for table, key in (("events", "id"), ("documents", "id")):
        (out / table).mkdir(parents=True)
        for part in range(parts):
            target = out / table / f"part-{part:05d}-x.parquet"
            store.execute(
                f"COPY (SELECT * FROM {table} WHERE hash({key}) % {parts} = {part}) "
                f"TO '{target}' (FORMAT parquet)"
            )
    (out / "_done").mkdir()
    return out


@pytest.mark.parametrize("layout", ["export", "partitions"])
def test_clusters_of_a_parquet_directory_on_dask_equal_in_process(
    tmp_path: Path, threads: Any, monkeypatch: Any, layout: str
) -> None:
    from eventwire.analysis import parquet_clusters, update_clusters
    from eventwire.store.export import export
    from tests.test_analysis_clusters import mixed_store_documents, stored

    with stored(tmp_path / "a.duckdb", mixed_store_documents(150, seed=5)) as store:
        directory = tmp_path / "pq"
        if layout == "export":
            export(store, "parquet", directory)
        else:
            as_partitions(store, directory)
        update_clusters(store, full=True)
        expected = cluster_tables(store)
    if layout == "partitions":  # the in-process path over the same directory, too
        with open_partitions(directory) as view:
            update_clusters(view, full=True)
            assert cluster_tables(view) == expected
    monkeypatch.setattr(parquet_clusters, "BUCKET_EVENTS", 25)  # several buckets
    done = parquet_clusters.cluster_parquet(directory, client=threads)
    assert done.buckets > 3 and done.events == len(expected["members"])
    with parquet_clusters.clustered_view(directory) as view:
        assert cluster_tables(view) == expected
    assert done.clusters == len(expected["clusters"]) < done.events - 10

    # again, into fewer buckets: the same clusters, an earlier run's extra parts gone
    monkeypatch.setattr(parquet_clusters, "BUCKET_EVENTS", 100)
    again = parquet_clusters.cluster_parquet(directory, client=threads)
    files = list((directory / "_clusters" / "clusters").glob("*.parquet"))
    assert again.buckets < done.buckets and len(files) == again.buckets
    with parquet_clusters.clustered_view(directory) as view:
        assert cluster_tables(view) == expected


def test_a_missing_or_empty_parquet_directory_is_one_clear_error(
    tmp_path: Path, threads: Any
) -> None:
    from eventwire.analysis.parquet_clusters import cluster_parquet
    from eventwire.errors import EmptyInput, InputNotFound

    with pytest.raises(InputNotFound, match="no Parquet directory at"):
        cluster_parquet(tmp_path / "nowhere", client=threads)
    (tmp_path / "empty").mkdir()
    with pytest.raises(EmptyInput, match="holds no events"):
        cluster_parquet(tmp_path / "empty", client=threads)
    with DuckDBStore(tmp_path / "none.duckdb") as store:  # the tables, without a row
        for table in ("events", "documents"):
            store.execute(
                f"COPY {table} TO '{tmp_path / 'empty' / table}.parquet' (FORMAT parquet)"
            )
    with pytest.raises(EmptyInput, match=r"holds no events$"):
        cluster_parquet(tmp_path / "empty", client=threads)
