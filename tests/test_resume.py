"""Interrupted runs: a run killed with SIGKILL midway, or stopped with Ctrl-C, keeps what it
committed; `--resume` codes the rest, and every document and every event is stored once. The
run that is killed is a real process; the resuming run is the same command in this process."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from eventwire.batch import IngestRequest, InProcessEngine, LineReporter, StoreSink, run_ingest
from eventwire.batch.progress import MAX_WARNINGS, BarReporter
from eventwire.batch.runner import RunSummary
from eventwire.ingest import InputFailure, ReadOptions, Sourced, iter_items
from eventwire.pipeline import Coder
from eventwire.store import DuckDBStore

from .cli import Ran
from .cli import run as run_cli
from .engines import FakeCoder, InterruptingEngine

COUNTRIES = ["Iran", "Russia", "China", "Turkey", "Iraq", "Egypt", "Israel", "Jordan", "France"]
VERBS = ["met", "signed a deal with", "accused", "threatened", "criticized", "praised"]
PROGRESS = re.compile(r"^ingest: (\d+) documents coded")
N = 150  # articles in the corpus of an interrupted run


def write_corpus(path: Path, n: int) -> Path:
    """n short, distinct articles (one event each, mostly)."""
    pairs = itertools.cycle(itertools.permutations(COUNTRIES, 2))
    verbs = itertools.cycle(VERBS)
    with path.open("w") as handle:
        for i in range(n):
            a, b = next(pairs)
            text = f"{a} {next(verbs)} {b} on Monday, officials said in bulletin {i}."
            handle.write(json.dumps({"text": text, "date": "2023-02-13"}) + "\n")
    return path


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "eventwire", "ingest", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args: str) -> Ran:
    return run_cli("ingest", *args)


def wait_for_a_commit(process: subprocess.Popen[str]) -> int:
    """Read progress lines until one says documents are stored; returns how many."""
    assert process.stderr is not None
    for line in process.stderr:
        match = PROGRESS.match(line)
        if match and int(match.group(1)) > 0:
            return int(match.group(1))
    raise AssertionError(f"the run ended before storing anything (status {process.wait()})")


class Corpus(NamedTuple):
    path: Path
    documents: set[str]  # the ids that coding it here gives
    events: list[str]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Corpus:
    """The corpus of the interrupted runs, and what coding it in one go stores (coded once)."""
    path = write_corpus(tmp_path_factory.mktemp("resume") / "corpus.jsonl", N)
    items = [i for i in iter_items([str(path)], ReadOptions()) if isinstance(i, Sourced)]
    coded = list(coder.code_documents(i.document for i in items))
    events = sorted(e.id for c in coded for e in c.events)
    return Corpus(path, {c.document.id for c in coded}, events)


def stored(db: Path) -> tuple[list[str], list[str], list[tuple[object, ...]]]:
    with DuckDBStore(db) as store:
        docs = [r[0] for r in store.fetchall("SELECT id FROM documents")]
        events = sorted(r[0] for r in store.fetchall("SELECT id FROM events"))
        runs = store.fetchall("SELECT status, resumed, documents_coded FROM runs")
    return docs, events, runs


@pytest.mark.model
def test_sigkill_midway_then_resume_stores_everything_once(tmp_path: Path, corpus: Corpus) -> None:
    # the kill comes right after the first batch of 10 is stored: N leaves it seconds of margin
    db = tmp_path / "events.duckdb"
    process = start(str(corpus.path), "--db", str(db), "--batch-size", "10")
    try:
        wait_for_a_commit(process)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
    docs, events, runs = stored(db)
    assert 0 < len(docs) < N, "kill it midway: some stored, not all"
    assert runs == [("running", 0, len(docs))]  # the run's record counted what was committed

    result = run("--resume", "--db", str(db))  # no inputs: the killed run's
    assert result.returncode == 0, result.stderr
    docs, events, runs = stored(db)
    assert len(docs) == len(set(docs)) == N and set(docs) == corpus.documents
    assert events == corpus.events  # each event once: no duplicate, none missing
    assert runs == [("completed", 1, N)]


@pytest.mark.model
def test_ctrl_c_records_an_interrupted_run_and_resume_finishes_it(
    tmp_path: Path, corpus: Corpus
) -> None:
    db = tmp_path / "events.duckdb"
    process = start(str(corpus.path), "--db", str(db), "--batch-size", "10", "--workers", "2")
    wait_for_a_commit(process)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("error: interrupted; to finish:")
    docs, _, runs = stored(db)
    assert 0 < len(docs) < N
    assert runs[0][0] == "interrupted"

    result = run(str(corpus.path), "--db", str(db), "--resume")
    assert result.returncode == 0, result.stderr
    assert "already stored" in result.stdout
    docs, events, runs = stored(db)
    assert set(docs) == corpus.documents and len(docs) == N
    assert events == corpus.events
    assert runs == [("completed", 1, N)]


def test_resume_with_nothing_to_resume_is_a_clear_error(tmp_path: Path) -> None:
    result = run("--resume", "--db", str(tmp_path / "empty.duckdb"))
    assert result.returncode == 1
    assert result.stderr.startswith("error E009: nothing to resume")


# -- the runner without the model: a stand-in coder and engine ---------------------------------


def corpus_of(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    return path


def test_a_document_that_breaks_the_coder_is_a_failure_and_the_rest_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("eventwire.pipeline.coder", lambda model=None: FakeCoder())
    corpus = corpus_of(tmp_path / "c.jsonl", ["one", "BOOM two", "three", "one", "four"])
    log = io.StringIO()
    with DuckDBStore(tmp_path / "x.duckdb") as store:
        request = IngestRequest([str(corpus)], batch_size=2, limit=3)
        summary = run_ingest(request, StoreSink(store), InProcessEngine(), LineReporter(log), "v")
        stored_texts = sorted(r[0] for r in store.fetchall("SELECT text FROM documents"))
    # three distinct documents read (the repeated "one" is skipped), "four" is past --limit
    assert (summary.documents_read, summary.documents_skipped) == (3, 1)
    assert stored_texts == ["one", "three"]
    assert [(f.location.rsplit(":", 1)[1], f.code) for f in summary.failures] == [("2", "E999")]
    assert "warning E999:" in log.getvalue() and "c.jsonl:2" in log.getvalue()


def test_an_interrupted_run_keeps_its_batches_and_resume_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("eventwire.pipeline.coder", lambda model=None: FakeCoder())
    corpus = corpus_of(tmp_path / "c.jsonl", [f"doc {i}" for i in range(7)])
    request = IngestRequest([str(corpus)], batch_size=3)
    with DuckDBStore(tmp_path / "x.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            run_ingest(request, StoreSink(store), InterruptingEngine(), LineReporter(), "v")
        assert store.count("documents") == 3
        assert store.fetchall("SELECT status FROM runs") == [("interrupted",)]
        resumed = IngestRequest([])  # no inputs: the interrupted run's
        summary = run_ingest(
            resumed, StoreSink(store), InProcessEngine(), LineReporter(), "v", True
        )
        assert (summary.documents_coded, summary.documents_skipped) == (4, 3)
        assert store.count("documents") == 7
        assert store.fetchall("SELECT status, resumed, documents_coded FROM runs") == [
            ("completed", 1, 7)
        ]


def test_progress_shows_rate_events_and_total_and_caps_warnings() -> None:
    summary = RunSummary("run", "db")
    summary.documents_coded, summary.documents_skipped, summary.events = 10, 2, 4
    bar = BarReporter()
    bar.start(20, "ingest")
    bar.update(summary)
    assert bar.progress is not None
    task = bar.progress.tasks[0]
    assert (task.completed, task.total, task.fields["events"]) == (12, 20, 4)
    assert task.fields["rate"] > 0
    bar.stop()

    log = io.StringIO()
    lines = LineReporter(log, interval=3600)
    for i in range(MAX_WARNINGS + 5):
        lines.failure(InputFailure(f"big.jsonl:{i}", "E010", "malformed JSON line"))
    lines.update(summary)
    lines.update(summary)  # within the interval: not printed again
    printed = log.getvalue().splitlines()
    assert sum(line.startswith("warning E010: big.jsonl:") for line in printed) == MAX_WARNINGS
    assert sum(line.startswith("ingest: 10 documents coded") for line in printed) == 1
