"""Dyad series, alignment, shift alerts and networks on a tiny hand-made store, and bad inputs."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from eventwire.analysis import (
    alignment,
    clusters,
    dyad_series,
    network,
    network_edges,
    shifts,
    write_network,
)
from eventwire.analysis.shifts import change_points, surges
from eventwire.errors import InvalidOption, KnowledgeError, NoEvents, StoreError
from eventwire.store import DuckDBStore, Provenance

from .stores import document, event

JAN, FEB = dt.date(2024, 1, 10), dt.date(2024, 2, 14)


def tiny(path: Path) -> Path:
    """IRN-RUS: in January a meeting told by two outlets (one cluster, two reports) and an aid
    deal; in February an accusation. IRN-USA: one accusation in January; IRN-CHN: a meeting."""
    meet = "Iranian and Russian ministers met in Moscow to discuss gas."
    specs = [
        ("a1", "CONSULT", "IRN", "RUS", meet, JAN, "A"),
        ("a2", "CONSULT", "RUS", "IRN", meet, JAN, "B"),
        ("a3", "AID", "RUS", "IRN", "Russia sent wheat shipments to Iran.", JAN, "A"),
        ("a4", "ACCUSE", "IRN", "RUS", "Iran accused Russia of delaying missiles.", FEB, "A"),
        ("a5", "ACCUSE", "IRN", "USA", "Iran accused Washington of sabotage.", JAN, "C"),
        ("a6", "CONSULT", "IRN", "CHN", "Iranian and Chinese envoys met in Beijing.", JAN, "D"),
    ]
    docs = [
        document(eid, text, day, outlet, [event(eid, kind, src, tgt, text, day)])
        for eid, kind, src, tgt, text, day, outlet in specs
    ]
    with DuckDBStore(path) as store:
        store.replace([(doc, Provenance()) for doc in docs])
    return path


def test_dyad_series_counts_clusters_once_and_reports_each(tmp_path: Path) -> None:
    db = tiny(tmp_path / "t.duckdb")
    series = dyad_series(str(db), "IRN", "rus", by="month")
    assert list(series["period"]) == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    jan, feb = series.iloc[0], series.iloc[1]
    assert (jan["events"], jan["q1"], jan["q2"], jan["coop"], jan["conflict"]) == (2, 1, 1, 2, 0)
    assert jan["intensity_sum"] == 8.0 and jan["intensity_mean"] == 4.0 and jan["index"] == 1.0
    assert (feb["events"], feb["q3"], feb["index"], feb["intensity_mean"]) == (1, 1, -1.0, -2.0)
    assert len(jan["ids"]) == 2
    reports = dyad_series(str(db), "IRN", "RUS", by="month", unit="report")
    assert list(reports["events"]) == [3, 1] and sorted(reports.iloc[0]["ids"]) == [
        "a1",
        "a2",
        "a3",
    ]
    weekly = dyad_series(str(db), "IRN", "RUS", by="week")
    assert len(weekly) == 6 and weekly["events"].sum() == 3  # empty weeks between are zeros


def test_alignment_shares_with_partners_and_blocs(tmp_path: Path) -> None:
    db = tiny(tmp_path / "t.duckdb")
    table = alignment(str(db), "IRN", by="all", samples=50)
    row = table.set_index("partner")
    # IRN's cooperation (clusters): 2 with RUS, 1 with CHN; its conflict: 1 RUS, 1 USA
    assert row.loc["RUS", "coop"] == 2 and math.isclose(row.loc["RUS", "coop_share"], 2 / 3)
    assert math.isclose(row.loc["CHN", "coop_share"], 1 / 3)
    assert math.isclose(row.loc["East", "coop_share"], 1.0)
    assert math.isclose(row.loc["West", "conflict_share"], 0.5)
    assert row.loc["RUS", "coop_low"] <= 2 / 3 <= row.loc["RUS", "coop_high"]
    assert row.loc["West", "kind"] == "bloc" and row.loc["USA", "kind"] == "country"
    again = alignment(str(db), "IRN", by="all", samples=50)
    pd.testing.assert_frame_equal(table, again)  # seeded: the same intervals


def test_users_blocs_file_and_a_malformed_one(tmp_path: Path) -> None:
    db = tiny(tmp_path / "t.duckdb")
    mine = tmp_path / "blocs.yaml"
    mine.write_text("blocs:\n  Moscow:\n    source: me\n    members: [RUS]\n")
    table = alignment(str(db), "IRN", by="all", blocs=mine, samples=20)
    assert "Moscow" in set(table["partner"]) and "West" not in set(table["partner"])
    mine.write_text("blocs:\n  Bad:\n    members: [russia]\n")
    with pytest.raises(KnowledgeError, match="not a country code"):
        alignment(str(db), "IRN", blocs=mine)


def test_network_counts_and_exports(tmp_path: Path) -> None:
    db = tiny(tmp_path / "t.duckdb")
    edges = network_edges(str(db)).set_index(["source", "target"])
    assert edges.loc[("IRN", "RUS"), "count"] == 2  # the meeting (one cluster) and the accusation
    assert edges.loc[("RUS", "IRN"), "coop"] == 1
    graph = network(str(db), kind="conflict")
    assert set(graph.edges) == {("IRN", "RUS"), ("IRN", "USA")}
    for fmt in ("gexf", "graphml"):
        path = write_network(graph, tmp_path / f"n.{fmt}", fmt)
        back = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
        assert int(back.edges["IRN", "USA"]["count"]) == 1


def test_change_points_and_surges_find_a_planted_shift() -> None:
    rng = np.random.default_rng(1)
    values = np.concatenate([rng.poisson(3, 30), rng.poisson(12, 30)]).astype(float)
    found = change_points(values)
    assert len(found) == 1 and abs(found[0] - 30) <= 2
    assert change_points(rng.poisson(3, 60).astype(float)) == []
    assert surges(np.array([2, 3, 2, 3, 12, 3.0]), floor=5) == [4]
    assert surges(np.array([2, 3, 2, 3, 4, 3.0]), floor=5) == []


def test_shifts_on_a_store_list_the_clusters_behind(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    docs = []
    day = dt.date(2024, 1, 1)
    for week in range(20):
        for k in range(1 if week < 10 else 8):
            eid = f"w{week:02d}k{k}"
            text = f"Alpha{eid} bravo{eid} charlie{eid}."  # unrelated texts: separate events
            when = day + dt.timedelta(weeks=week, days=k % 5)
            docs.append(
                document(eid, text, when, "A", [event(eid, "ASSAULT", "ARM", "AZE", text, when)])
            )
    with DuckDBStore(db) as store:
        store.replace([(doc, Provenance()) for doc in docs])
    alerts = shifts(str(db), "ARM", "AZE", by="week")
    kinds = set(alerts["kind"])
    assert kinds == {"change", "surge"}
    change = alerts[alerts["kind"] == "change"].iloc[0]
    assert change["start"] == pd.Timestamp("2024-03-11") and change["size"] > 5
    assert all(i.startswith("c") for i in change["ids"]) and len(change["ids"]) >= 8


def test_bad_inputs_are_one_clear_error(tmp_path: Path) -> None:
    db = tiny(tmp_path / "t.duckdb")
    with pytest.raises(InvalidOption, match="unknown country code 'XYZ'"):
        dyad_series(str(db), "IRN", "XYZ")
    with pytest.raises(NoEvents, match="no events between IRN and RUS from 2020-01-01"):
        dyad_series(str(db), "IRN", "RUS", since=dt.date(2020, 1, 1), until=dt.date(2020, 2, 1))
    with pytest.raises(InvalidOption, match="--by"):
        dyad_series(str(db), "IRN", "RUS", by="fortnight")
    with pytest.raises(InvalidOption, match="--unit"):
        dyad_series(str(db), "IRN", "RUS", unit="story")
    with pytest.raises(StoreError, match="holds no events"):
        clusters(str(DuckDBStore(tmp_path / "empty.duckdb").target))
    with pytest.raises(StoreError, match="no database"):
        alignment(str(tmp_path / "missing.duckdb"), "IRN")


def test_reports_dated_vaguer_than_the_period_are_left_out(tmp_path: Path) -> None:
    db = tiny(tmp_path / "t.duckdb")
    text = "Iran and Russia held talks this year."
    vague = event(
        "v1", "CONSULT", "IRN", "RUS", text, dt.date(2024, 1, 1), granularity="year",
        end=dt.date(2024, 12, 31),
    )  # fmt: skip
    with DuckDBStore(db) as store:
        store.replace([(document("v1", text, FEB, "E", [vague]), Provenance())])
    monthly = dyad_series(str(db), "IRN", "RUS", by="month", unit="report")
    assert list(monthly["events"]) == [3, 1]  # not a fourth in January
    yearly = dyad_series(str(db), "IRN", "RUS", by="year", unit="report")
    assert list(yearly["events"]) == [5]
