"""The Python API: `eventwire.code` of one text or a batch as DataFrames, `eventwire.open` of a
store (read-only) with the CLI's filters, SQL, and coded errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import eventwire
from eventwire.errors import InvalidDate, InvalidOption, StoreError
from eventwire.results import EVENT_FRAME_COLUMNS

from .stores import build_corpus_store, corpus_documents
from .test_postgres import SERVER, _reachable


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus_store(tmp_path_factory.mktemp("corpus") / "events.duckdb")


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh schema on the test server, dropped afterwards (as in test_postgres.py)."""
    import secrets

    import psycopg

    _reachable()
    schema = f"ew_api_{secrets.token_hex(4)}"
    yield f"{SERVER}{'&' if '?' in SERVER else '?'}schema={schema}"
    with psycopg.connect(SERVER, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture()
def corpus(corpus_path: Path) -> Iterator[eventwire.Corpus]:
    with eventwire.open(corpus_path) as opened:
        yield opened


def test_the_package_exports_the_api_and_one_error_base() -> None:
    assert {"code", "open", "Corpus", "EventwireError", "CodeResult", "CodedBatch"} <= set(
        eventwire.__all__
    )
    for error in (InvalidDate, InvalidOption, StoreError):
        assert issubclass(error, eventwire.EventwireError)
    assert InvalidDate("x").code == "E005"


def test_events_are_flat_typed_rows_in_date_order(corpus: eventwire.Corpus) -> None:
    frame = corpus.events()
    assert list(frame.columns) == list(EVENT_FRAME_COLUMNS)
    assert list(frame["event_id"]) == ["ev-deal", "ev-shell", "ev-feared", "ev-civil", "ev-talks"]
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    shelling = frame.set_index("event_id").loc["ev-shell"]
    assert (shelling["cameo"], shelling["quad_class"], shelling["mode"]) == (
        "195",
        4,
        "heavy-weapons",
    )
    assert (shelling["source_country"], shelling["target_sector"]) == ("RUS", "MIL")
    assert (shelling["admin1"], shelling["precision"], shelling["fatalities"]) == (
        "Kherson",
        "admin1",
        12,
    )
    assert shelling["outlet"] == "AP" and shelling["document_id"] == "doc-shelling"
    # an event without a date of its own takes its article's
    feared = frame.set_index("event_id").loc["ev-feared"]
    assert feared["event_date"] == pd.Timestamp("2023-01-18") and feared["modality"] == "feared"


def test_events_take_the_cli_filters(corpus: eventwire.Corpus) -> None:
    def ids(**options: object) -> list[str]:
        return list(corpus.events(**options)["event_id"])  # type: ignore[arg-type]

    assert ids(dyad=("RUS", "IRN")) == ["ev-deal", "ev-talks"]
    assert ids(dyad=("RUS", "IRN"), directed=True) == []
    assert ids(country="ukr", type="assault", modality="asserted") == ["ev-shell", "ev-civil"]
    assert ids(type=["AGREE", "consult"]) == ["ev-deal", "ev-talks"]
    assert ids(since="2023-01-18", until=dt.date(2023, 2, 1)) == ["ev-feared", "ev-civil"]
    assert ids(limit=2) == ["ev-deal", "ev-shell"]


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"since": "12/02/2023"}, InvalidDate, "invalid date '12/02/2023'"),
        ({"type": "BOMBING"}, InvalidOption, "type: unknown value 'BOMBING'; valid: AGREE"),
        ({"modality": "rumoured"}, InvalidOption, "valid: asserted, planned"),
        ({"dyad": "IRNRUS"}, InvalidOption, "two country codes"),
    ],
)
def test_bad_filters_are_coded_errors(
    corpus: eventwire.Corpus, options: dict[str, object], error: type, words: str
) -> None:
    with pytest.raises(error, match=words) as raised:
        corpus.events(**options)  # type: ignore[arg-type]
    assert isinstance(raised.value, eventwire.EventwireError)


def test_documents_and_sql(corpus: eventwire.Corpus) -> None:
    docs = corpus.documents()
    assert list(docs["id"]) == ["doc-deal", "doc-shelling", "doc-talks"]
    assert list(docs["events"]) == [1, 2, 2]
    assert "text" not in docs.columns
    assert list(corpus.documents(since="2023-01-10", limit=1)["id"]) == ["doc-shelling"]
    counts = corpus.sql("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type")
    assert counts.to_dict("records") == [
        {"type": "AGREE", "n": 1},
        {"type": "ASSAULT", "n": 3},
        {"type": "CONSULT", "n": 1},
    ]
    assert corpus.sql("SELECT ? AS x", [7])["x"].tolist() == [7]


def test_the_corpus_is_read_only(corpus: eventwire.Corpus, corpus_path: Path) -> None:
    with pytest.raises(StoreError, match="read-only"):
        corpus.sql("DELETE FROM events")
    with pytest.raises(StoreError):
        corpus.sql("SELECT * FROM no_such_table")
    assert len(corpus.events()) == 5
    with pytest.raises(StoreError, match="no database"):
        eventwire.open(corpus_path.parent / "missing.duckdb")


def test_dyads_and_clusters_call_the_analysis_layer(corpus_path: Path, tmp_path: Path) -> None:
    with eventwire.open(corpus_path) as corpus:
        series = corpus.dyads("IRN", "RUS", by="month")
        assert series[["events", "q1", "q4"]].to_dict("records") == [
            {"events": 1, "q1": 1, "q4": 0},
            {"events": 1, "q1": 1, "q4": 0},
        ]
        with pytest.raises(StoreError, match="clusters are not up to date"):
            corpus.clusters()
    clustered = build_corpus_store(tmp_path / "clustered.duckdb")
    from eventwire.analysis import update_clusters
    from eventwire.store import open_store

    with open_store(clustered) as store:
        update_clusters(store)
    with eventwire.open(clustered) as corpus:
        table = corpus.clusters()
        assert table["reports"].sum() == 5
        assert set(table["type"]) == {"AGREE", "ASSAULT", "CONSULT"}
        weekly = corpus.dyads("RUS", "UKR", by="week", unit="cluster")
        assert weekly["events"].sum() == len(table[table["type"] == "ASSAULT"])


def test_a_code_result_is_a_coded_document_with_a_frame() -> None:
    from eventwire.results import CodedBatch, as_result

    coded = [as_result(c) for c in corpus_documents()]
    assert coded[1].events[0].id == "ev-shell" and coded[1].document.id == "doc-shelling"
    single = coded[1].to_pandas()
    assert list(single["event_id"]) == ["ev-shell", "ev-feared"]
    assert single["cameo"].tolist() == ["195", "190"]
    batch = CodedBatch(corpus_documents())
    assert len(batch) == 3 and len(batch.events) == 5 and len(batch.mentions) == 3
    assert batch.to_pandas()["document_id"].tolist() == [
        "doc-deal",
        "doc-shelling",
        "doc-shelling",
        "doc-talks",
        "doc-talks",
    ]
    assert list(CodedBatch([]).to_pandas().columns) == list(EVENT_FRAME_COLUMNS)


def test_a_batch_saved_is_what_the_corpus_reads(tmp_path: Path) -> None:
    from eventwire.results import CodedBatch

    CodedBatch(corpus_documents()).save(tmp_path / "saved.duckdb")
    with eventwire.open(tmp_path / "saved.duckdb") as corpus:
        stored = corpus.events()
    coded = CodedBatch(corpus_documents()).to_pandas()
    keep = [c for c in coded.columns if c not in {"coder"}]
    pd.testing.assert_frame_equal(
        stored.sort_values("event_id")[keep].reset_index(drop=True),
        coded.sort_values("event_id")[keep].reset_index(drop=True),
    )


def test_a_bad_date_is_e005_before_anything_is_loaded() -> None:
    with pytest.raises(eventwire.EventwireError) as raised:
        eventwire.code("Iran met Russia.", date="12/02/2023")
    assert raised.value.code == "E005"
    with pytest.raises(InvalidOption, match="2 dates for 1 texts"):
        eventwire.code(["Iran met Russia."], date=["2023-01-01", "2023-01-02"])


@pytest.mark.model
def test_code_a_batch_in_one_pipe_as_the_cli_codes() -> None:
    texts = [
        "Iran and Russia signed a deal to build drones on Monday.",
        "Russian forces shelled Kherson on Tuesday, killing 12 civilians.",
    ]
    batch = eventwire.code(texts, date=["2023-01-09", "2023-01-18"])
    alone = [
        eventwire.code(t, date=d) for t, d in zip(texts, ["2023-01-09", "2023-01-18"], strict=True)
    ]
    assert [c.document.published_at for c in batch] == [dt.date(2023, 1, 9), dt.date(2023, 1, 18)]
    assert batch.events == [e for c in alone for e in c.events]
    frame = batch.to_pandas()
    assert len(frame) == len(batch.events) > 0
    assert frame["cameo"].map(type).eq(str).all()
    assert set(frame["document_id"]) == {c.document.id for c in alone}
    assert alone[1].to_pandas()["event_date"].tolist() == [
        pd.Timestamp(e.date.start) if e.date else pd.Timestamp("2023-01-18")
        for e in alone[1].events
    ]


def test_an_events_frame_goes_to_parquet_and_back(corpus: eventwire.Corpus, tmp_path: Path) -> None:
    frame = corpus.events()
    frame.to_parquet(tmp_path / "events.parquet")  # pyarrow: a dependency
    back = pd.read_parquet(tmp_path / "events.parquet")
    assert back["event_id"].tolist() == frame["event_id"].tolist()
    assert [list(c) for c in back["context"]] == frame["context"].tolist()


def test_a_postgres_corpus_runs_sql_on_the_server_read_only(pg_url: str, tmp_path: Path) -> None:
    from eventwire.store import PostgresStore, Provenance

    with PostgresStore(pg_url) as store:
        for coded in corpus_documents():
            store.save(coded, Provenance(coder="test"))
    with eventwire.open(pg_url) as corpus:
        assert corpus.events(dyad=("IRN", "RUS"))["event_id"].tolist() == ["ev-deal", "ev-talks"]
        assert corpus.sql("SELECT count(*) AS n FROM events")["n"].tolist() == [5]
        with pytest.raises(StoreError):
            corpus.sql("DELETE FROM events")
        # a SELECT that calls a writing function meets a read-only session
        setting = corpus.sql("SELECT current_setting('transaction_read_only') AS ro")
        assert setting["ro"].tolist() == ["on"]
    with eventwire.open(pg_url) as corpus:
        assert len(corpus.events()) == 5
