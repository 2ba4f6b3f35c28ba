"""Event clusters and stories on small hand-made stores (events built directly, no spaCy)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.analysis import ANALYSIS_VERSION, ClusterConfig, update_clusters
from eventwire.model import CodedDocument
from eventwire.store import DuckDBStore, PostgresStore, Provenance, SqlStore
from tests.test_postgres import pg_url  # noqa: F401  (the fixture: a fresh schema)

from .stores import document, event

D = dt.date(2024, 3, 10)
KABUL = ("Kabul", 34.53, 69.17)
DAMASCUS = ("Damascus", 33.51, 36.29)
STRIKE = "Israeli jets struck a weapons depot near Damascus, killing 12 soldiers, officials said."


def strike_reports() -> list[CodedDocument]:
    """Three reports of one air strike (one a denial, figures 12 to 20), one of another strike a
    week later, and a meeting between the same countries the same day."""
    return [
        document(
            "d1",
            STRIKE,
            D,
            "Reuters",
            [event("e1", "ASSAULT", "ISR", "SYR", STRIKE, D, place=DAMASCUS, killed=12)],
        ),
        document(
            "d2",
            "Syria says Israeli jets struck a weapons depot near Damascus, killing 20 soldiers.",
            D + dt.timedelta(days=1),
            "SANA",
            [
                event(
                    "e2",
                    "ASSAULT",
                    "ISR",
                    "SYR",
                    "Israeli jets struck a weapons depot near Damascus, killing 20 soldiers.",
                    D,
                    place=DAMASCUS,
                    killed=20,
                    attribution="official",
                ),
            ],
        ),
        document(
            "d3",
            "Israel denied that its jets struck a weapons depot near Damascus.",
            D + dt.timedelta(days=1),
            "Haaretz",
            [
                event(
                    "e3",
                    "ASSAULT",
                    "SYR",
                    "ISR",  # the dyad told the other way round is the same dyad
                    "Israel denied that its jets struck a weapons depot near Damascus.",
                    D,
                    modality="denied",
                    place=DAMASCUS,
                ),
            ],
        ),
        document(
            "d4",
            "Israeli jets struck an airport in Aleppo on Sunday.",
            D + dt.timedelta(days=9),
            "Reuters",
            [
                event(
                    "e4",
                    "ASSAULT",
                    "ISR",
                    "SYR",
                    "Israeli jets struck an airport in Aleppo on Sunday.",
                    D + dt.timedelta(days=9),
                    place=("Aleppo", 36.2, 37.16),
                )
            ],
        ),
        document(
            "d5",
            "Israeli and Syrian envoys met in Geneva.",
            D,
            "AP",
            [
                event(
                    "e5",
                    "CONSULT",
                    "ISR",
                    "SYR",
                    "Israeli and Syrian envoys met in Geneva to discuss the weapons depot strike near Damascus.",
                    D,
                )
            ],
        ),
    ]


def stored(path: Path, docs: list[CodedDocument]) -> SqlStore:
    store = DuckDBStore(path)
    store.replace([(doc, Provenance()) for doc in docs])  # one transaction: fast
    return store


def membership(store: SqlStore) -> dict[str, str]:
    return {
        str(e): str(c)
        for e, c in store.fetchall("SELECT event_id, cluster_id FROM cluster_members")
    }


def clusters_of(store: SqlStore) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for event_id, cluster in membership(store).items():
        groups.setdefault(cluster, set()).add(event_id)
    return {frozenset(g) for g in groups.values()}


def snapshot(store: SqlStore) -> dict[str, Any]:
    return {
        table: sorted(map(repr, store.fetchall(f"SELECT * FROM {table}")))
        for table in ("clusters", "cluster_members", "stories")
    }


def test_reports_of_one_strike_form_one_cluster_and_others_do_not(tmp_path: Path) -> None:
    with stored(tmp_path / "a.duckdb", strike_reports()) as store:
        result = update_clusters(store)
        assert result.events_added == 5 and result.version == ANALYSIS_VERSION
        assert clusters_of(store) == {
            frozenset({"e1", "e2", "e3"}),  # one strike, told three ways
            frozenset({"e4"}),  # a strike nine days later, elsewhere
            frozenset({"e5"}),  # a meeting the same day: another type family
        }


def test_corroboration_counts_outlets_modalities_and_keeps_figures_as_a_range(
    tmp_path: Path,
) -> None:
    with stored(tmp_path / "a.duckdb", strike_reports()) as store:
        update_clusters(store)
        cluster = membership(store)["e1"]
        row = store.fetchall(
            "SELECT reports, outlets, first_published, first_outlet, date_start, "
            "location_name, corroboration FROM clusters WHERE id = ?",
            [cluster],
        )[0]
    reports, outlets, first, first_outlet, day, place, extra = row
    corroboration = json.loads(extra)
    assert (reports, outlets, first, first_outlet) == (3, 3, D, "Reuters")
    assert (day, place) == (D, "Damascus")
    assert corroboration["modalities"] == {"asserted": 2, "denied": 1}
    assert corroboration["figures"] == {"killed": [12.0, 20.0]}
    assert corroboration["attribution_kinds"] == {"none": 2, "official": 1}
    assert corroboration["documents"] == ["d1", "d2", "d3"]


def test_places_far_apart_are_not_one_event(tmp_path: Path) -> None:
    far = [
        document("k1", "x", D, "A", [event("k1", "ASSAULT", "AFG", None, STRIKE, D, place=KABUL)]),
        document(
            "k2", "y", D, "B", [event("k2", "ASSAULT", "AFG", None, STRIKE, D, place=DAMASCUS)]
        ),
    ]
    with stored(tmp_path / "a.duckdb", far) as store:
        update_clusters(store)
        assert len(clusters_of(store)) == 2


def test_vague_dates_match_over_a_wider_window(tmp_path: Path) -> None:
    text = "Iran and Russia signed a gas agreement in Tehran."
    late = D + dt.timedelta(days=8)
    docs = [
        document("v1", text, D, "A", [event("v1", "CONSULT", "IRN", "RUS", text, D)]),
        document(
            "v2",
            text,
            late,
            "B",
            [event("v2", "CONSULT", "RUS", "IRN", text, late, granularity="week")],
        ),
        document("v3", text, late, "C", [event("v3", "CONSULT", "RUS", "IRN", text, late)]),
    ]
    with stored(tmp_path / "a.duckdb", docs) as store:
        update_clusters(store)
        # v2 (a week) reaches v1 eight days before; v3 is day-precise and reaches v2 only
        assert clusters_of(store) == {frozenset({"v1", "v2", "v3"})}
    with stored(tmp_path / "b.duckdb", [docs[0], docs[2]]) as store:
        update_clusters(store)
        assert clusters_of(store) == {frozenset({"v1"}), frozenset({"v3"})}


def test_running_again_changes_nothing(tmp_path: Path) -> None:
    with stored(tmp_path / "a.duckdb", strike_reports()) as store:
        update_clusters(store)
        before = snapshot(store)
        again = update_clusters(store)
        assert again.events_added == 0 and not again.full
        assert snapshot(store) == before


def test_incremental_batches_give_the_clusters_from_scratch(tmp_path: Path) -> None:
    docs = strike_reports()
    with stored(tmp_path / "scratch.duckdb", docs) as store:
        update_clusters(store)
        scratch = snapshot(store)
    with DuckDBStore(tmp_path / "batches.duckdb") as store:
        for doc in reversed(docs):  # the last first: clusters merge as reports arrive
            store.save(doc)
            update_clusters(store)
        assert snapshot(store) == scratch


def test_another_version_or_a_recode_clusters_again_from_scratch(tmp_path: Path) -> None:
    with stored(tmp_path / "a.duckdb", strike_reports()) as store:
        update_clusters(store)
        before = snapshot(store)
        store.execute("UPDATE cluster_members SET version = 'clusters-0'")
        assert update_clusters(store).full
        assert snapshot(store) == before
        store.execute("UPDATE events SET coder = 'another-coder' WHERE id = 'e4'")
        result = update_clusters(store)
        assert result.full and result.events_added == 5


def test_stories_group_documents_reporting_the_same_happening(tmp_path: Path) -> None:
    with stored(tmp_path / "a.duckdb", strike_reports()) as store:
        update_clusters(store)
        stories = dict(store.fetchall("SELECT document_id, story_id FROM stories"))
    assert stories["d1"] == stories["d2"] == stories["d3"]
    assert stories["d4"] != stories["d1"]


def test_postgres_clusters_like_duckdb(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    with stored(tmp_path / "a.duckdb", strike_reports()) as duck:
        update_clusters(duck)
        expected = snapshot(duck)
    with PostgresStore(pg_url) as pg:
        for doc in strike_reports():
            pg.save(doc)
        update_clusters(pg)
        again = update_clusters(pg)
        assert again.events_added == 0
        got = snapshot(pg)
    assert got["cluster_members"] == expected["cluster_members"]
    assert got["stories"] == expected["stories"]
    assert len(got["clusters"]) == len(expected["clusters"])


def test_a_report_dated_only_to_the_year_does_not_chain_other_reports(tmp_path: Path) -> None:
    text = "Israeli soldiers killed two Palestinians in a raid on Jenin in the West Bank."
    later = D + dt.timedelta(days=40)
    docs = [
        document("y1", text, D, "A", [event("y1", "ASSAULT", "ISR", "PSE", text, D)]),
        document(
            "y2",
            text,
            later,
            "B",
            [
                event(
                    "y2",
                    "ASSAULT",
                    "ISR",
                    "PSE",
                    text,
                    dt.date(2024, 1, 1),
                    granularity="year",
                    end=dt.date(2024, 12, 31),
                )
            ],
        ),
        document("y3", text, later, "C", [event("y3", "ASSAULT", "ISR", "PSE", text, later)]),
    ]
    with stored(tmp_path / "a.duckdb", docs) as store:
        update_clusters(store)
        assert clusters_of(store) == {frozenset({"y1"}), frozenset({"y2"}), frozenset({"y3"})}


def random_store_documents(n: int, seed: int) -> list[CodedDocument]:
    """n reports of about n/2 events: repeated texts, dates 0-2 days apart, a few dyads."""
    import random

    rng = random.Random(seed)
    words = [
        "strike",
        "talks",
        "aid",
        "convoy",
        "shelling",
        "border",
        "envoy",
        "summit",
        "raid",
        "drone",
        "port",
    ]
    docs = []
    for i in range(n):
        happening = rng.randrange(n // 2)
        local = random.Random(happening)
        kind = local.choice(["ASSAULT", "CONSULT", "AID"])
        pair = local.choice([("ISR", "SYR"), ("IRN", "RUS"), ("UKR", "RUS")])
        text = " ".join([*local.sample(words, 4), f"town{happening}"]).capitalize() + "."
        day = D + dt.timedelta(days=local.randrange(40) + rng.randrange(2))
        granularity = rng.choice(["day", "day", "week", "month"])
        ev = event(f"r{i:03d}", kind, *pair, text, day, granularity=granularity)
        docs.append(document(f"r{i:03d}", text, day, f"o{rng.randrange(3)}", [ev]))
    return docs


def test_incremental_equals_scratch_on_a_random_store_across_chunks(
    tmp_path: Path, monkeypatch: Any
) -> None:
    import importlib

    clusters_module = importlib.import_module("eventwire.analysis.clusters")
    docs = random_store_documents(120, seed=3)
    with stored(tmp_path / "scratch.duckdb", docs) as store:
        update_clusters(store)
        scratch = snapshot(store)
        assert any(len(c) > 1 for c in clusters_of(store))  # something to merge across batches
    monkeypatch.setattr(clusters_module, "CHUNK_EVENTS", 7)  # many chunks per update
    order = sorted(docs, key=lambda d: hash(d.document.id) % 97)
    with DuckDBStore(tmp_path / "batches.duckdb") as store:
        for start in range(0, len(order), 25):
            store.replace([(d, Provenance()) for d in order[start : start + 25]])
            update_clusters(store)
        assert snapshot(store) == scratch


HOMS = "Israeli jets struck a weapons depot near Homs, killing five soldiers, officials said."
HAMA = "Israeli jets struck the airport of Hama, destroying two cargo planes, officials said."
BOTH = (
    "Israeli jets struck a weapons depot near Homs, killing five soldiers, and the airport of "
    "Hama, destroying two cargo planes."
)


def bridged_reports() -> list[CodedDocument]:
    """Two reports of a strike on Homs, two of one on Hama, and one report telling both: it
    links to all four, the Homs and Hama reports do not link to each other."""
    texts = [("h1", HOMS), ("h2", HOMS), ("b", BOTH), ("m1", HAMA), ("m2", HAMA)]
    return [
        document(name, text, D, f"o{i}", [event(name, "ASSAULT", "ISR", "SYR", text, D)])
        for i, (name, text) in enumerate(texts)
    ]


def test_one_report_of_two_strikes_does_not_chain_them_into_one_cluster(tmp_path: Path) -> None:
    with stored(tmp_path / "a.duckdb", bridged_reports()) as store:
        update_clusters(store)
        found = clusters_of(store)
        components = store.fetchall("SELECT count(DISTINCT component_id) FROM cluster_members")
    assert frozenset({"h1", "h2"}) <= next(c for c in found if "h1" in c)
    assert frozenset({"m1", "m2"}) <= next(c for c in found if "m1" in c)
    assert not any({"h1", "m1"} <= c for c in found)  # single linkage made one of all five
    assert components == [(1,)]  # one component of links, regrouped as a whole


def test_a_bridge_arriving_first_or_last_gives_the_clusters_from_scratch(tmp_path: Path) -> None:
    docs = bridged_reports()
    with stored(tmp_path / "scratch.duckdb", docs) as store:
        update_clusters(store)
        scratch = snapshot(store)
    for name, order in (("last", [0, 1, 3, 4, 2]), ("first", [2, 0, 3, 1, 4])):
        with DuckDBStore(tmp_path / f"{name}.duckdb") as store:
            for i in order:
                store.save(docs[i])
                update_clusters(store)
            assert snapshot(store) == scratch, name


def test_a_share_of_zero_links_components_whole(tmp_path: Path) -> None:
    with stored(tmp_path / "a.duckdb", bridged_reports()) as store:
        update_clusters(store, ClusterConfig(cluster_link_share=0.0), full=True)
        assert clusters_of(store) == {frozenset({"h1", "h2", "b", "m1", "m2"})}


# --- blocking in the store (SQL candidate pairs) gives the clusters of the Python blocking ---

PLACES = [DAMASCUS, ("Aleppo", 36.2, 37.16), ("Homs", 34.73, 36.71), KABUL, None, None]


def mixed_store_documents(n: int, seed: int) -> list[CodedDocument]:
    """n reports of about n/3 happenings, with what blocking looks at: undated reports and
    documents, vague dates (a week, a month, a year over a document), points near and far
    (Damascus-Aleppo is 310 km), one-sided dyads told either way round, two events in one
    document, plans beside facts, figures that agree or not."""
    import random

    rng = random.Random(seed)
    words = ["strike", "talks", "aid", "convoy", "shelling", "border", "envoy", "raid", "drone"]
    docs = []
    for i in range(n):
        happening = rng.randrange(max(1, n // 3))
        local = random.Random(happening)
        kind = local.choice(["ASSAULT", "CONSULT", "AID", "AGREE"])
        pair = local.choice([("ISR", "SYR"), ("SYR", "ISR"), ("IRN", None), ("UKR", "RUS")])
        text = " ".join([*local.sample(words, 4), f"town{happening}"]).capitalize() + "."
        day: dt.date | None = D + dt.timedelta(days=local.randrange(30) + rng.randrange(3))
        published: dt.date | None = day
        granularity = rng.choice(["day", "day", "day", "week", "month", "year", "hour"])
        end = dt.date(2024, 12, 31) if granularity == "year" else None
        if rng.random() < 0.1:
            day = None  # its document's date stands in, or nothing when it has none
            published = None if rng.random() < 0.5 else published
        place = rng.choice([PLACES[local.randrange(len(PLACES))], rng.choice(PLACES)])
        options: dict[str, Any] = {
            "granularity": granularity,
            "end": end,
            "place": place,
            "killed": rng.choice([None, 12.0, 14.0, 200.0]),
            "modality": rng.choice(["asserted"] * 5 + ["planned", "denied"]),
        }
        events = [event(f"x{i:03d}a", kind, *pair, text, day, **options)]
        if rng.random() < 0.2:  # the same event told again in the same document
            events.append(event(f"x{i:03d}b", kind, pair[1], pair[0], text, day, **options))
        docs.append(document(f"x{i:03d}", text, published, f"o{rng.randrange(4)}", events))
    return docs


SCENARIOS = {
    "strike": strike_reports,
    "bridged": bridged_reports,
    "random": lambda: random_store_documents(120, seed=3),
    "mixed": lambda: mixed_store_documents(150, seed=5),
    "mixed-other-seed": lambda: mixed_store_documents(90, seed=11),
}


def clustered(store: SqlStore, blocking: str) -> dict[str, Any]:
    update_clusters(store, full=True, blocking=blocking)
    return snapshot(store)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_sql_blocking_gives_the_clusters_of_python_blocking(tmp_path: Path, name: str) -> None:
    with stored(tmp_path / "a.duckdb", SCENARIOS[name]()) as store:
        python = clustered(store, "python")
        sql = clustered(store, "sql")
    assert sql == python
    if name.startswith("mixed"):  # the scenario has something to merge and to keep apart
        assert len(python["clusters"]) < len(python["cluster_members"]) - 10


def test_sql_blocking_batch_by_batch_gives_python_blocking_from_scratch(
    tmp_path: Path, monkeypatch: Any
) -> None:
    import importlib

    clusters_module = importlib.import_module("eventwire.analysis.clusters")
    docs = mixed_store_documents(150, seed=5)
    with stored(tmp_path / "scratch.duckdb", docs) as store:
        scratch = clustered(store, "python")
    monkeypatch.setattr(clusters_module, "CHUNK_EVENTS", 9)
    with DuckDBStore(tmp_path / "batches.duckdb") as store:
        order = sorted(docs, key=lambda d: hash(d.document.id) % 89)
        for start in range(0, len(order), 30):
            store.replace([(d, Provenance()) for d in order[start : start + 30]])
            update_clusters(store, blocking="sql")
        assert snapshot(store) == scratch


def test_the_sql_pairs_hold_every_comparable_pair_of_a_block(tmp_path: Path) -> None:
    from eventwire.analysis.blocking import candidate_pairs
    from eventwire.analysis.reports import select_reports
    from eventwire.analysis.rules import block_key, comparable

    config = ClusterConfig()
    with stored(tmp_path / "a.duckdb", mixed_store_documents(150, seed=5)) as store:
        pairs = {frozenset(p) for p in candidate_pairs(store, "TRUE", [], config)}
        reports = list(select_reports(store, with_words=False))
    by_id = {r.id: r for r in reports}
    wanted = {
        frozenset((a.id, b.id))
        for a in reports
        for b in reports
        if a.id < b.id and block_key(a) == block_key(b) and comparable(a, b, config)
    }
    assert wanted and wanted <= pairs
    assert all(block_key(by_id[a]) == block_key(by_id[b]) for a, b in map(tuple, pairs))
    assert len(pairs) < len(reports) * (len(reports) - 1) // 2 // 4  # far fewer than all


def test_an_unknown_blocking_is_refused(tmp_path: Path) -> None:
    from eventwire.errors import InvalidOption

    with (
        stored(tmp_path / "a.duckdb", strike_reports()) as store,
        pytest.raises(InvalidOption, match="blocking"),
    ):
        update_clusters(store, blocking="magic")


def test_postgres_sql_blocking_gives_the_clusters_of_duckdb(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    docs = mixed_store_documents(150, seed=5)
    with stored(tmp_path / "a.duckdb", docs) as duck:
        expected = clustered(duck, "python")
    with PostgresStore(pg_url) as pg:
        pg.replace([(doc, Provenance()) for doc in docs])
        got = clustered(pg, "sql")
        python = clustered(pg, "python")
    assert got["cluster_members"] == expected["cluster_members"] == python["cluster_members"]
    assert got["clusters"] == python["clusters"]


def test_duckdb_memory_setting_bounds_each_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """EVENTWIRE_DUCKDB_MEMORY is each opened store's DuckDB memory_limit (issue 14); a value
    that is no amount of memory is refused when the store is opened."""
    from eventwire.errors import InvalidOption

    monkeypatch.setenv("EVENTWIRE_DUCKDB_MEMORY", "300MB")
    with DuckDBStore(":memory:") as store:
        (limit,) = store.fetchall("SELECT current_setting('memory_limit')")[0]
    assert limit.startswith("286")  # 300 MB as DuckDB shows it, in MiB
    monkeypatch.setenv("EVENTWIRE_DUCKDB_MEMORY", "lots")
    with pytest.raises(InvalidOption, match="EVENTWIRE_DUCKDB_MEMORY"):
        DuckDBStore(":memory:")
