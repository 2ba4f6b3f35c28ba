"""The analysis commands end to end on a tiny hand-made store, in this process (through Typer's
runner, and through the real entry point for the one-line error)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from eventwire.cli import app

from .cli import run as run_main
from .test_analysis_series import tiny

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_clusters_jsonl_is_one_cluster_a_line_with_its_reports(tmp_path: Path) -> None:
    db = str(tiny(tmp_path / "t.duckdb"))
    lines = [
        json.loads(line) for line in run("clusters", "--db", db, "--format", "jsonl").splitlines()
    ]
    assert len(lines) == 5  # six reports, the meeting told twice
    meeting = next(c for c in lines if c["reports"] == 2)
    assert meeting["documents"] == ["a1", "a2"] and meeting["outlets"] == 2
    assert meeting["events"] == [
        {"id": "a1", "document_id": "a1"},
        {"id": "a2", "document_id": "a2"},
    ]
    assert meeting["modalities"] == {"asserted": 2} and meeting["date_start"] == "2024-01-10"
    per_event = run("events", "--db", db, "--unit", "cluster", "--dyad", "IRN", "RUS", "-f", "json")
    assert len(json.loads(per_event)) == 3
    per_report = run(
        "events", "--db", db, "--unit", "report", "--dyad", "IRN", "RUS", "-f", "jsonl"
    )
    assert len(per_report.splitlines()) == 4


def test_dyads_align_shifts_and_network_commands(tmp_path: Path) -> None:
    db = str(tiny(tmp_path / "t.duckdb"))
    csv = run(
        "dyads",
        "IRN",
        "RUS",
        "--db",
        db,
        "--by",
        "month",
        "--format",
        "csv",
        "--plot",
        str(tmp_path / "d.png"),
    )
    assert csv.splitlines()[0].startswith("period,events,q1,q2,q3,q4")
    assert (tmp_path / "d.png").stat().st_size > 1000
    table = run(
        "align",
        "IRN",
        "--db",
        db,
        "--by",
        "all",
        "--samples",
        "20",
        "--plot",
        str(tmp_path / "a.svg"),
    )
    assert "East" in table and "RUS" in table and (tmp_path / "a.svg").exists()
    assert json.loads(run("shifts", "IRN", "RUS", "--db", db, "-f", "json")) == []
    run("network", "--db", db, "--format", "graphml", "--out", str(tmp_path / "n.graphml"))
    assert nx.read_graphml(tmp_path / "n.graphml").number_of_edges() == 4


def test_a_bad_country_code_is_one_line_and_exit_1(tmp_path: Path) -> None:
    db = str(tiny(tmp_path / "t.duckdb"))
    result = run_main("dyads", "IRN", "XYZ", "--db", db)
    assert result.status == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error E009: unknown country code 'XYZ': use ISO 3166-1 alpha-3 (IRN, RUS)"
    ]


def test_clusters_of_a_parquet_directory_print_like_those_of_the_store(tmp_path: Path) -> None:
    from eventwire.store import DuckDBStore
    from eventwire.store.export import export

    db = tiny(tmp_path / "t.duckdb")
    with DuckDBStore(db) as store:
        export(store, "parquet", tmp_path / "pq")
    in_store = [json.loads(x) for x in run("clusters", "--db", str(db), "-f", "jsonl").splitlines()]
    out = tmp_path / "out"
    args = ("clusters", "--parquet", str(tmp_path / "pq"), "--out", str(out), "-f", "jsonl")
    on_dask = [json.loads(x) for x in run(*args).splitlines()]
    for row in in_store:
        row.pop("story_id")  # stories are not computed on Dask
    assert [{k: v for k, v in r.items() if k != "story_id"} for r in on_dask] == in_store
    assert len(on_dask) == 5 and list((out / "cluster_members").glob("part-*.parquet"))


def test_a_missing_or_empty_parquet_directory_is_one_line(tmp_path: Path) -> None:
    missing = run_main("clusters", "--parquet", str(tmp_path / "nowhere"))
    assert missing.status == 1 and missing.stdout == ""
    assert missing.stderr.strip().splitlines() == [
        f"error E001: no Parquet directory at {tmp_path / 'nowhere'}"
    ]
    (tmp_path / "empty").mkdir()
    empty = run_main("clusters", "--parquet", str(tmp_path / "empty"))
    lines = empty.stderr.strip().splitlines()
    assert empty.status == 1 and len(lines) == 1 and lines[0].startswith("error E002: ")
    assert "holds no events" in lines[0]
