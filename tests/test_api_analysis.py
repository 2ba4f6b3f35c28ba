"""The analysis endpoints over `eventwire.analysis`: clusters, dyad series, alignment, shifts,
network. A writing server brings clusters up to date; a read-only one answers from stored
clusters, refuses (409) when they are behind and writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from eventwire.analysis import update_clusters
from eventwire.api import ServeSettings, create_app
from eventwire.store import open_store

from .stores import TestClient, build_store


@pytest.fixture(scope="module")
def unclustered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("analysis") / "raw.duckdb")


@pytest.fixture(scope="module")
def clustered(unclustered: Path) -> Path:
    path = Path(shutil.copy(unclustered, unclustered.with_name("clustered.duckdb")))
    with open_store(path) as store:
        update_clusters(store)
    return path


@pytest.fixture(scope="module")
def client(clustered: Path) -> Any:
    with TestClient(create_app(ServeSettings(db=str(clustered)))) as test_client:
        yield test_client


def cluster_rows(path: Path) -> int:
    with open_store(path, read_only=True) as store:
        return int(store.fetchall("SELECT count(*) FROM cluster_members")[0][0])


def test_clusters_carry_their_reports_and_corroboration(client: Any) -> None:
    clusters = client.get("/clusters").json()
    assert len(clusters) == 9
    yelabuga = next(c for c in clusters if c["location_name"] == "Yelabuga")
    assert yelabuga["events"] == [{"id": "drone-deal-0", "document_id": "doc-drone-deal"}]
    assert yelabuga["reports"] == 1 and yelabuga["modalities"] == {"asserted": 1}
    assert [c["source_country"] for c in client.get("/clusters", params={"country": "CHN"}).json()]


def test_the_dyad_series_names_the_clusters_behind_each_point(client: Any) -> None:
    points = client.get("/dyads/series", params={"a": "IRN", "b": "RUS"}).json()
    assert [(p["period"], p["events"], p["q1"], p["q2"]) for p in points] == [
        ("2023-01-01", 2, 2, 0),
        ("2023-02-01", 1, 0, 1),
    ]
    assert all(len(p["ids"]) == p["events"] for p in points)
    reports = client.get("/dyads/series", params={"a": "IRN", "b": "RUS", "unit": "report"}).json()
    assert sum(p["events"] for p in reports) == 3


def test_alignment_shares_by_partner_and_bloc(client: Any) -> None:
    rows = client.get("/align/IRN", params={"by": "all", "samples": 50}).json()
    by_partner = {(r["kind"], r["partner"]): r for r in rows}
    assert by_partner[("country", "RUS")]["coop"] == 3
    assert by_partner[("country", "ISR")]["conflict"] == 3
    assert any(kind == "bloc" for kind, _ in by_partner)
    assert client.get("/stats").json()["clusters_current"] is True


def test_shifts_and_network(client: Any) -> None:
    assert isinstance(client.get("/shifts", params={"a": "IRN", "by": "day"}).json(), list)
    network = client.get("/network").json()
    edges = {(e["source"], e["target"]): e for e in network["edges"]}
    assert edges[("ISR", "IRN")]["conflict"] == 2 and edges[("IRN", "RUS")]["coop"] == 2
    assert {n["id"] for n in network["nodes"]} == {"IRN", "RUS", "ISR", "USA", "CHN"}
    conflict = client.get("/network", params={"kind": "conflict"}).json()["edges"]
    assert all(e["coop"] == 0 for e in conflict)


def test_a_read_only_server_refuses_clusters_that_are_behind_and_writes_nothing(
    unclustered: Path,
) -> None:
    with TestClient(create_app(ServeSettings(db=str(unclustered)))) as client:
        for path in ("/clusters", "/dyads/series?a=IRN&b=RUS", "/align/IRN", "/network"):
            response = client.get(path)
            assert response.status_code == 409, (path, response.text)
            assert "eventwire clusters" in response.json()["detail"]
        by_report = client.get("/dyads/series", params={"a": "IRN", "b": "RUS", "unit": "report"})
        assert client.get("/stats").json()["clusters_current"] is False
    assert by_report.status_code == 200
    assert cluster_rows(unclustered) == 0


def test_a_writing_server_brings_the_clusters_up_to_date(unclustered: Path, tmp_path: Path) -> None:
    path = Path(shutil.copy(unclustered, tmp_path / "events.duckdb"))
    settings = ServeSettings(db=str(path), allow_writes=True, token="t" * 20)
    with TestClient(create_app(settings)) as client:
        assert len(client.get("/clusters").json()) == 9
    assert cluster_rows(path) == 9


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/dyads/series?a=IRN&b=RUS&by=fortnight", 422, "by"),
        ("/dyads/series?a=IRN'--&b=RUS", 422, "a"),
        ("/dyads/series?a=IRN", 422, "b"),
        ("/dyads/series?a=ZZZ&b=RUS", 422, "ZZZ"),
        ("/dyads/series?a=USA&b=RUS", 404, ""),
        ("/align/IRN?within=../../etc/passwd", 422, "within"),
        ("/align/IRN?samples=100000", 422, "samples"),
        ("/shifts?measure=drop table", 422, "measure"),
        ("/network?kind=everything", 422, "kind"),
        ("/clusters?limit=100000", 422, "limit"),
    ],
)
def test_bad_analysis_requests_are_clear_4xx(
    client: Any, path: str, status: int, words: str
) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert words in response.json()["detail"]


def test_the_analysis_endpoints_are_in_the_schema(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/clusters", "/dyads/series", "/align/{country}", "/shifts", "/network"} <= set(paths)
