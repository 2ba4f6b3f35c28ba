"""Smoke tests of `eventwire` as a real process, for what only a process shows: its exit status
and stderr as the shell sees them, and a Dask run whose worker is a process of its own. The
rest of the command line is tested in this process (tests/cli.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .cli import run
from .test_cli import article, corpus  # noqa: F401  (fixtures)


def process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
        timeout=300,
    )


def test_a_bad_input_exits_1_with_one_line(tmp_path: Path) -> None:
    result = process("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("error E008") and result.stderr.count("\n") == 1


def test_a_usage_error_exits_2_with_usage() -> None:
    result = process("ingest", "--workers", "abc")
    assert result.returncode == 2, result.stderr
    assert "Usage: " in result.stderr and "Error: " in result.stderr
    assert "E999" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.model
def test_ingest_on_a_local_dask_cluster_into_parquet(
    corpus: Path,  # noqa: F811 (the fixture)
    tmp_path: Path,
) -> None:
    out = tmp_path / "parquet"
    result = process(
        "ingest",
        str(corpus),
        "--engine",
        "dask",
        "--workers",
        "1",
        "--out",
        str(out),
        "--map",
        "text=body,published_at=date",
        "-q",
    )
    assert result.returncode == 3, result.stderr  # finished; some inputs failed
    assert "Traceback" not in result.stderr
    stats = json.loads(run("stats", "--db", str(out), "-f", "json").stdout)  # in this process
    assert stats["tables"]["documents"] == 4 and stats["tables"]["events"] > 0
    assert stats["runs"][0]["documents_coded"] == 4
