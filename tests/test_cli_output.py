"""What the command line prints and how it exits (issue 17, item 14): internal errors exit 1,
a closed pipe ends quietly, `--version`, one summary and a final progress count, a quiet Dask
shutdown, and tables that fit an 80-column terminal. In-process through the real entry point,
`main()`, except where the behaviour is a real process's (a pipe, an exit status, --version)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.batch import IngestRequest
from eventwire.batch.commands import ingest_command
from eventwire.batch.progress import LineReporter
from eventwire.batch.runner import RunSummary

from .cli import run_main

SENTENCES = [
    "Iran signed a deal with Russia on Monday.",
    "China accused the United States of spying on Tuesday.",
    "Russia threatened Ukraine with new strikes last week.",
    "Turkey will sign a trade deal with Iraq next week, officials said.",
]
_BORDERS = ("│", "┃", "┓", "┫", "┤", "┘", "┛", "┐", "┩")


def write_corpus(path: Path, sentences: list[str] = SENTENCES) -> Path:
    lines = [json.dumps({"text": s, "date": "2023-02-13"}) for s in sentences]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A DuckDB file with the events of a few sentences (coded once for the module)."""
    root = tmp_path_factory.mktemp("stored")
    corpus = write_corpus(root / "corpus.jsonl")
    db = str(root / "events.duckdb")
    ingest_command(IngestRequest([str(corpus)]), db=db, quiet=True)
    yield db


def process(*args: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "eventwire", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )


def test_an_internal_error_exits_1_with_e999_on_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: object) -> None:  # a bug in a command: nothing a user did wrong
        raise RuntimeError("a bug")

    monkeypatch.setattr("eventwire.cli.report.stats_command", broken)
    monkeypatch.delenv("EVENTWIRE_DEBUG", raising=False)
    status, _, err = run_main(capsys, "stats", "--db", str(tmp_path / "x.duckdb"))
    assert status == 1  # the README's "1 an error"; it was 70
    assert err.startswith("error E999: internal error: RuntimeError: a bug")
    assert err.strip().count("\n") == 0


def test_version_option() -> None:
    with process("--version") as proc:
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert re.fullmatch(r"eventwire \d+\.\d+\.\d+\n", out.decode())


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_events_into_a_closed_pipe_ends_quietly(stored_db: str, fmt: str) -> None:
    with process("events", "--db", stored_db, "-f", fmt) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before anything is written, as `| head -0`
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert err == ""


@pytest.mark.model
def test_one_summary_and_a_last_progress_line_with_the_final_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl")
    db = str(tmp_path / "p.duckdb")
    status, out, err = run_main(capsys, "ingest", str(corpus), "--db", db, "--batch-size", "1")
    assert status == 0, err
    assert out.count("stored 4 documents") == 1 and out.count("\n") == 1
    progress = [line for line in err.splitlines() if line.startswith("ingest: ")]
    # batches come faster than the 5 s between lines: the last line must still say "4"
    assert progress[-1].startswith("ingest: 4 documents coded"), err
    assert len(progress) == 2  # the first at once, the final one; nothing printed twice


def test_a_line_reporter_ends_on_the_final_count_only_once() -> None:
    import io

    stream = io.StringIO()
    reporter = LineReporter(stream, interval=60)
    summary = RunSummary("run", "db")
    reporter.start(None, "recode")
    for _ in range(3):
        summary.documents_coded += 1
        reporter.update(summary)
    reporter.stop()
    lines = stream.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "recode: 1 documents coded, 0 already stored, 0 failed, 0 events",
        "recode: 3 documents coded, 0 already stored, 0 failed, 0 events",
    ]
    reporter.stop()  # the final count was printed: not again
    assert len(stream.getvalue().splitlines()) == 2


def test_a_normal_dask_finish_does_not_warn_about_slow_workers(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """A worker busy for longer than the nanny waits is killed with 'Worker process still
    alive ..., killing': as a worker freeing a loaded model is. After a normal finish that
    warning is noise; closing_engine silences it (and only then)."""
    import time

    from eventwire.batch.commands import closing_engine
    from eventwire.batch.distributed import DaskEngine

    engine = DaskEngine(workers=1)
    busy = engine.client.submit(time.sleep, 30, pure=False)
    time.sleep(0.5)
    with closing_engine(engine):
        pass
    del busy
    assert "still alive" not in capfd.readouterr().err


def _table_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line[:1] in {"┏", "┃", "┡", "│", "├", "└"}]


@pytest.mark.model
def test_the_code_table_in_80_columns_keeps_evidence_confidence_and_dates(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(" ".join(SENTENCES) + "\n", encoding="utf-8")
    args = ("code", str(article), "--date", "2023-02-13")
    _, as_json, _ = run_main(capsys, *args, "-f", "json")
    events = json.loads(as_json)["events"]
    monkeypatch.setenv("COLUMNS", "80")
    status, out, err = run_main(capsys, *args)
    assert status == 0, err
    lines = _table_lines(out)
    assert lines and all(len(line) <= 80 for line in out.splitlines())
    assert all(line.endswith(_BORDERS) for line in lines), "a column was cut off"
    header = next(line for line in lines if "evidence" in line)
    assert "conf" in header
    for event in events:
        assert f"{event['confidence']:.2f}" in out
        if event["date"]:
            assert event["date"]["start"] in out  # whole dates, never folded inside
        assert event["trigger"]["text"].split()[0] in out


@pytest.mark.model
def test_the_events_table_in_80_columns_keeps_whole_dates(
    stored_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, csv_out, _ = run_main(capsys, "events", "--db", stored_db, "-f", "jsonl")
    records = [json.loads(line) for line in csv_out.splitlines()]
    dates = {r["date"]["start"] for r in records if r.get("date")}
    monkeypatch.setenv("COLUMNS", "80")
    status, out, err = run_main(capsys, "events", "--db", stored_db)
    assert status == 0, err
    lines = _table_lines(out)
    assert lines and all(len(line) <= 80 for line in out.splitlines())
    assert all(line.endswith(_BORDERS) for line in lines)
    assert dates and all(date in out for date in dates)
    assert any("evidence" in line for line in lines[:3])
