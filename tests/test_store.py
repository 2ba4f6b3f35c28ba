"""The store: saving is atomic and idempotent; migrations, runs, queries and exports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.ingest import make_document
from eventwire.model import (
    Actor,
    ActorMention,
    CodedDocument,
    DateMention,
    Event,
    EventDate,
    EventLocation,
    EventQuantity,
    Evidence,
    Mention,
    Mentions,
    PlaceMention,
    QuantityMention,
    Span,
)
from eventwire.store import MIGRATIONS, TABLES, DuckDBStore, Provenance, SqlStore, Store
from eventwire.store import runs as run_table
from eventwire.store.export import export
from eventwire.store.query import EventFilter, select_events, stats
from eventwire.store.rows import table_rows


def coded(text: str, n_events: int) -> CodedDocument:
    doc = make_document(text, published_at=dt.date(2023, 2, 12))
    events = [
        Event(
            id=f"{doc.id}-{i}",
            type="CONSULT",
            cameo="040",
            quad_class=1,
            intensity=1.0,
            trigger=Mention(text="met", start=5, end=8),
            source=Actor(text="Iran", name="Iran", country="IRN", span=Span(start=0, end=4)),
            evidence=Evidence(sentence=0, start=0, end=len(text), text=text),
            confidence=0.8,
            coder="test",
        )
        for i in range(n_events)
    ]
    return CodedDocument(document=doc, events=events)


def test_saving_twice_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        store.save(coded("Iran met Iraq.", 2))
        store.save(coded("Iran met Iraq.", 2))
        store.save(coded("Iran met Oman.", 1))
        assert (store.count("documents"), store.count("events")) == (2, 3)
        row = store.con.execute("select source_country, type from events limit 1").fetchone()
        assert row == ("IRN", "CONSULT")


def test_a_failed_save_keeps_what_was_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        store.save(coded("Iran met Iraq.", 1))
        broken = coded("Iran met Oman.", 2)
        clash = broken.events[0].model_copy(update={"id": broken.events[1].id})
        with pytest.raises(StoreError):
            store.save(broken.model_copy(update={"events": [clash, broken.events[1]]}))
        assert (store.count("documents"), store.count("events")) == (1, 1)


def test_unopenable_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "dir.duckdb").mkdir()
    with pytest.raises(StoreError):
        Store(tmp_path / "dir.duckdb")


# -- the corpus store: shared checks, run here on DuckDB and in test_postgres on PostgreSQL --


def sample(
    text: str,
    source: str | None = "IRN",
    target: str | None = "RUS",
    day: dt.date | None = dt.date(2023, 1, 5),
    place: tuple[str, float, float] | None = None,
    modality: str = "asserted",
) -> CodedDocument:
    """A coded document with one event and its mentions, as the coder would give it."""
    doc = make_document(text, published_at=dt.date(2023, 2, 12))

    def actor(code: str | None, start: int) -> Actor | None:
        return code and Actor(
            text=code, name=code, country=code, span=Span(start=start, end=start + 3)
        )  # type: ignore[return-value]

    location = place and EventLocation(
        text=place[0], name=place[0], country="RUS", lat=place[1], lon=place[2], gazetteer_id="g1"
    )
    event = Event(
        id=f"{doc.id}-e",
        type="AGREE",
        cameo="057",
        quad_class=1,
        intensity=3.0,
        trigger=Mention(text="signed", start=4, end=10),
        source=actor(source, 0),
        target=actor(target, 11),
        modality=modality,  # type: ignore[arg-type]
        date=day and EventDate(text="Thursday", start=day, end=day, granularity="day"),
        location=location,
        quantities=[EventQuantity(text="6,000 drones", value=6000, counted="drones")],
        evidence=Evidence(sentence=0, start=0, end=len(text), text=text),
        confidence=0.9,
        coder="eventwire.events.test",
    )
    mentions = Mentions(
        actors=[
            ActorMention(text="Iran", start=0, end=4, name="Iran", country="IRN", kind="country")
        ],
        places=[
            PlaceMention(
                text="Yelabuga",
                start=20,
                end=28,
                name="Yelabuga",
                country="RUS",
                lat=55.76,
                lon=52.04,
                gazetteer_id="g1",
            )
        ],
        dates=[
            DateMention(
                text="Thursday",
                start=30,
                end=38,
                date_start=dt.date(2023, 1, 5),
                date_end=dt.date(2023, 1, 5),
                granularity="day",
            )
        ],
        quantities=[QuantityMention(text="6,000", start=40, end=45, value=6000, counted="drones")],
    )
    return CodedDocument(document=doc, events=[event], mentions=mentions)


def batch(
    *items: CodedDocument, run_id: str | None = None
) -> list[tuple[CodedDocument, Provenance]]:
    return [
        (c, Provenance(coder="v1", run_id=run_id, location=f"in.jsonl:{i}"))
        for i, c in enumerate(items, 1)
    ]


def check_migrations_are_recorded_once(store: SqlStore) -> None:
    versions = [
        int(v) for (v,) in store.fetchall("SELECT version FROM schema_migrations ORDER BY 1")
    ]
    assert versions == [m.version for m in MIGRATIONS]
    assert store.migrate() == []  # nothing left to apply
    assert store.schema_version() == MIGRATIONS[-1].version


def check_save_new_is_idempotent_and_typed(store: SqlStore) -> None:
    run_id = run_table.start_run(store, "ingest", ["in.jsonl"], {"limit": None}, "v1")
    first = store.save_new(
        batch(
            sample("Iran signed a deal with Russia."),
            sample("Iran signed again.", place=("Yelabuga", 55.76, 52.04)),
        ),
        run_id,
    )
    again = store.save_new(
        batch(
            sample("Iran signed a deal with Russia."),
            sample("Iran signed again.", place=("Yelabuga", 55.76, 52.04)),
        ),
        run_id,
    )
    assert (first.documents, first.events, first.already_stored) == (2, 2, 0)
    assert (again.documents, again.events, again.already_stored) == (0, 0, 2)
    assert {t: store.count(t) for t in ("documents", "events", "mentions", "actors", "places")} == {
        "documents": 2,
        "events": 2,
        "mentions": 8,
        "actors": 3,
        "places": 1,
    }
    row = store.fetchall(
        "SELECT source_country, target_country, date_start, date_inferred, lat, location_place_id, "
        "evidence_start, trigger_text, coder FROM events WHERE lat IS NOT NULL"
    )[0]
    assert row == (
        "IRN",
        "RUS",
        dt.date(2023, 1, 5),
        False,
        55.76,
        "g1",
        0,
        "signed",
        "eventwire.events.test",
    )
    (run,) = run_table.recent_runs(store)
    assert (run.documents_coded, run.events, run.status) == (2, 2, "running")


def check_replace_recodes_in_place(store: SqlStore) -> None:
    store.save_new(batch(sample("Iran signed a deal with Russia.")))
    recoded = sample("Iran signed a deal with Russia.", target="CHN")
    store.replace([(recoded, Provenance(coder="v2"))])
    assert store.count("documents") == 1
    assert store.fetchall("SELECT target_country FROM events") == [("CHN",)]
    assert store.fetchall("SELECT coder FROM documents") == [("v2",)]
    assert store.count("mentions") == 4


def check_event_filters(store: SqlStore) -> None:
    store.save_new(
        batch(
            sample("Iran signed with Russia.", "IRN", "RUS", dt.date(2023, 1, 5)),
            sample(
                "Russia signed with Iran.", "RUS", "IRN", dt.date(2023, 3, 1), modality="planned"
            ),
            sample("China signed with Iran.", "CHN", "IRN", None),
        )
    )

    def ids(**kwargs: object) -> list[str]:
        columns, rows = select_events(store, EventFilter(**kwargs))  # type: ignore[arg-type]
        return [dict(zip(columns, r, strict=True))["source_country"] for r in rows]

    assert ids(dyad=("irn", "rus")) == ["IRN", "RUS"]
    assert ids(dyad=("IRN", "RUS"), directed=True) == ["IRN"]
    assert ids(dyad=("IRN", "RUS"), since=dt.date(2023, 2, 1)) == ["RUS"]
    assert ids(country="CHN") == ["CHN"]
    # an event without a date is placed at its document's date (2023-02-12)
    assert ids(until=dt.date(2023, 2, 12)) == ["IRN", "CHN"]
    assert ids(modalities=("planned",)) == ["RUS"]
    assert ids(types=("agree",), limit=1) == ["IRN"]
    summary = stats(store)
    assert summary["tables"]["events"] == 3
    assert summary["top_dyads"][0] == {"source": "CHN", "target": "IRN", "events": 1}
    assert summary["events_by_modality"] == {"asserted": 2, "planned": 1}


def check_export(store: SqlStore, out: Path) -> None:
    store.save_new(
        batch(
            sample("Iran signed a deal.", place=("Yelabuga", 55.76, 52.04)),
            sample("Oman signed.", "OMN", None),
        )
    )
    for fmt in ("parquet", "csv"):
        files = export(store, fmt, out / fmt)
        assert sorted(f.name for f in files) == sorted(f"{t}.{fmt}" for t in TABLES)
    rows = duckdb.sql(
        f"SELECT source_country, negated, date_start FROM '{out}/parquet/events.parquet' ORDER BY 1"
    ).fetchall()
    assert rows == [("IRN", False, dt.date(2023, 1, 5)), ("OMN", False, dt.date(2023, 1, 5))]
    n_csv = duckdb.sql(f"SELECT count(*) FROM read_csv('{out}/csv/mentions.csv')").fetchall()
    assert n_csv == [(8,)]
    (events_file, documents_file) = export(store, "jsonl", out / "jsonl")
    records = [json.loads(line) for line in events_file.read_text().splitlines()]
    assert {r["source"]["country"] for r in records} == {"IRN", "OMN"}
    assert all(r["document"]["published_at"] == "2023-02-12" for r in records)
    assert len(documents_file.read_text().splitlines()) == 2
    (geo,) = export(store, "geojson", out / "geo")
    collection = json.loads(geo.read_text())
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == [[52.04, 55.76]]


def test_corpus_store_on_duckdb(tmp_path: Path) -> None:
    checks = (
        check_migrations_are_recorded_once,
        check_save_new_is_idempotent_and_typed,
        check_replace_recodes_in_place,
        check_event_filters,
    )
    for n, check in enumerate(checks):
        with DuckDBStore(tmp_path / f"{n}.duckdb") as store:
            check(store)
    with DuckDBStore(tmp_path / "export.duckdb") as store:
        check_export(store, tmp_path / "out")


def test_a_file_from_eventwire_0_1_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)
    con.execute(
        "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1)"
    )
    con.execute(MIGRATIONS[0].sql("duckdb")[0])
    con.execute(MIGRATIONS[0].sql("duckdb")[1])
    con.execute("INSERT INTO documents (id, text) VALUES ('d1', 'Iran met Iraq.')")
    con.close()
    with DuckDBStore(path) as store:
        assert store.schema_version() == MIGRATIONS[-1].version
        assert store.fetchall("SELECT id, coder FROM documents") == [("d1", None)]
        assert not store.fetchall(
            "SELECT * FROM information_schema.tables WHERE table_name = 'schema_version'"
        )
        store.save_new(batch(sample("Iran signed.")))
        assert store.count("documents") == 2


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with DuckDBStore(path) as store:
        store.execute("INSERT INTO schema_migrations VALUES (99, 'future', now())")
    with pytest.raises(StoreError, match="newer"):
        DuckDBStore(path)


def test_runs_record_progress_and_the_unfinished_one_is_found(tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "r.duckdb") as store:
        done = run_table.start_run(store, "ingest", ["a"], {}, "v1")
        run_table.finish_run(store, done, run_table.COMPLETED, [])
        killed = run_table.start_run(store, "ingest", ["b"], {"limit": 5}, "v1")
        run_table.record_progress(store, killed, read=10, skipped=2, failed=1)
        found = run_table.latest_unfinished(store, "ingest")
        assert found is not None and found.id == killed
        assert (found.inputs, found.options, found.documents_read) == (["b"], {"limit": 5}, 10)
        run_table.reopen_run(store, killed)
        failures = [{"location": "b:3", "code": "E010", "message": "bad"}]
        run_table.finish_run(store, killed, run_table.COMPLETED, failures)
        assert run_table.latest_unfinished(store, "ingest") is None
        assert run_table.recent_runs(store)[0].failures == failures
        assert run_table.recent_runs(store)[0].resumed == 1


def test_rows_match_the_tables(tmp_path: Path) -> None:
    """Every column the row builders fill exists, with the schema's type, in both dialects."""
    with DuckDBStore(tmp_path / "t.duckdb") as store:
        tables = table_rows(batch(sample("Iran signed.", place=("Yelabuga", 55.76, 52.04))))
        for table, rows in tables.items():
            columns = {
                r[0]
                for r in store.fetchall(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                    [table],
                )
            }
            assert rows and set(rows[0]) <= columns, table
