"""Regression tests for the store and concurrency items of issue 17: a reused `--out` directory,
ids of the same text read twice, a failing final checkpoint, read commands beside a writer, and
workers and runs left behind by a killed ingest. PostgreSQL's items are in test_postgres.py."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.batch import IngestRequest, InProcessEngine, LineReporter, StoreSink, run_ingest
from eventwire.batch.sinks import ParquetSink
from eventwire.cli.report import events_command, stats_command
from eventwire.errors import StoreError
from eventwire.ingest import document_id, make_document
from eventwire.model import CodedDocument
from eventwire.store import DuckDBStore, Provenance, open_partitions
from eventwire.store import runs as run_table
from eventwire.store.query import EventFilter, stats
from tests.test_resume import FakeCoder, corpus_of


@pytest.fixture()
def fake_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventwire.pipeline.coder", lambda model=None: FakeCoder())


def ingest(inputs: list[Path], sink: StoreSink | ParquetSink, batch_size: int = 3) -> object:
    request = IngestRequest([str(p) for p in inputs], batch_size=batch_size)
    return run_ingest(request, sink, InProcessEngine(), LineReporter(), "v")


# -- 1. a second input into the same Parquet directory -----------------------------------------


def test_a_second_input_into_the_same_out_dir_is_stored(tmp_path: Path, fake_coder: None) -> None:
    out = tmp_path / "out"
    first = corpus_of(tmp_path / "a.jsonl", [f"article A{i}" for i in range(4)])
    second = corpus_of(tmp_path / "b.jsonl", [f"article B{i}" for i in range(4)])
    ingest([first], ParquetSink(out))
    ingest([second], ParquetSink(out))  # batches 0 and 1 again, of other documents
    again = ingest([second], ParquetSink(out))  # the same input: nothing new
    with open_partitions(out) as store:
        texts = sorted(r[0] for r in store.fetchall("SELECT text FROM documents"))
    assert texts == sorted(
        [f"article A{i}" for i in range(4)] + [f"article B{i}" for i in range(4)]
    )
    assert (again.documents_coded, again.documents_skipped) == (0, 4)  # type: ignore[attr-defined]


# -- 3. the same text read twice is one document, seen twice -----------------------------------


def test_ids_ignore_line_endings_outer_space_unicode_form_and_url() -> None:
    text = "Iran met Iraq.\nTalks went on."
    same = [
        text + "\n",
        text.replace("\n", "\r\n") + "\r\n",
        "  " + text.replace("\n", "  \n") + "\n\n",
        text.replace("\n", "\r"),
    ]
    assert {document_id(t) for t in same} == {document_id(text)}
    assert document_id("Caf\u00e9 talks") == document_id("Cafe\u0301 talks")  # NFC
    assert document_id(text, "https://a.example/1") == document_id(text, "https://b.example/2")
    assert document_id(text) != document_id("Iran met Iraq. Talks went on.")


def test_the_same_text_from_two_inputs_is_one_document_with_two_sightings(
    tmp_path: Path, fake_coder: None
) -> None:
    feed_like = tmp_path / "feed.jsonl"
    feed_like.write_text(
        json.dumps({"text": "Iran met Iraq.\r\n", "url": "https://a.example/1"}) + "\n"
    )
    archive = tmp_path / "archive.jsonl"
    archive.write_text(
        json.dumps({"text": "Iran met Iraq.", "url": "https://b.example/2"})
        + "\n"
        + json.dumps({"text": "Oman met Qatar."})
        + "\n"
    )
    with DuckDBStore(tmp_path / "x.duckdb") as store:
        ingest([feed_like, archive], StoreSink(store))  # one run, the text twice
        ingest([archive], StoreSink(store))  # another run: stored already, seen again
        assert store.count("documents") == 2
        sightings = store.fetchall(
            "SELECT s.location, s.url FROM sightings s JOIN documents d ON d.id = s.document_id "
            "WHERE d.text LIKE 'Iran%' ORDER BY 1"
        )
    assert [(Path(loc).name, url) for loc, url in sightings] == [
        ("archive.jsonl:1", "https://b.example/2"),
        ("feed.jsonl:1", "https://a.example/1"),
    ]


# -- 4. a full disk at the final checkpoint ----------------------------------------------------


@contextlib.contextmanager
def small_filesystem(path: Path, size: str = "4m") -> Iterator[Path]:
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def big_documents(n: int, chars: int) -> list[tuple[CodedDocument, Provenance]]:
    """Documents of random text (DuckDB cannot compress it into the space left)."""
    docs = [make_document(secrets.token_hex(chars // 2)) for _ in range(n)]
    return [(CodedDocument(document=d), Provenance(location=f"x:{i}")) for i, d in enumerate(docs)]


def test_a_failing_final_checkpoint_is_an_error_and_the_wal_keeps_the_data(
    tmp_path: Path,
) -> None:
    disk = tmp_path / "disk"
    with small_filesystem(disk):
        db = disk / "events.duckdb"
        DuckDBStore(db).close()
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * (free - 700_000))  # room for the log, no more
        store = DuckDBStore(db)
        store.save_new(big_documents(40, 12_000))  # committed: in the .wal file
        with pytest.raises(StoreError) as caught:
            store.close()
        assert caught.value.code == "E008"
        assert "final checkpoint" in caught.value.message and ".wal" in caught.value.message
        assert (disk / "events.duckdb.wal").stat().st_size > 400_000
        for name in ("events.duckdb", "events.duckdb.wal"):  # to a disk with room
            (tmp_path / name).write_bytes((disk / name).read_bytes())
    with DuckDBStore(tmp_path / "events.duckdb") as recovered:
        assert recovered.count("documents") == 40


# -- 10. DuckDB read commands beside readers and writers ---------------------------------------


@contextlib.contextmanager
def holding(db: Path, read_only: bool) -> Iterator[int]:
    """Another process holding the file, as a notebook or an ingest does; yields its pid."""
    script = (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(db)!r}, read_only={read_only})\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        yield process.pid
    finally:
        process.kill()
        process.communicate()


def stored_db(tmp_path: Path) -> Path:
    db = tmp_path / "events.duckdb"
    with DuckDBStore(db) as store:
        store.save_new(big_documents(2, 100))
    return db


def test_read_commands_work_while_another_reader_holds_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = stored_db(tmp_path)
    with holding(db, read_only=True):
        result = stats_command(str(db), "json")
        events_command(str(db), EventFilter(), "csv")
    assert result["tables"]["documents"] == 2


def test_read_commands_say_which_process_writes_the_file(tmp_path: Path) -> None:
    db = stored_db(tmp_path)
    with holding(db, read_only=False) as writer, pytest.raises(StoreError) as caught:
        stats_command(str(db), "json")
    assert caught.value.code == "E008"
    assert f"is being written by another process (PID {writer}" in caught.value.message
    assert caught.value.message.endswith("try again when it finishes")
    assert "\n" not in caught.value.message


def test_read_commands_work_on_a_read_only_filesystem(tmp_path: Path) -> None:
    # a read-only mount, since root may write any file whatever its mode
    with small_filesystem(tmp_path / "disk") as disk:
        stored_db(disk)
        remounted = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        if remounted.returncode != 0:
            pytest.skip("cannot remount read-only here")
        result = stats_command(str(disk / "events.duckdb"), "json")
    assert result["tables"]["documents"] == 2


def test_a_read_creates_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "not-eventwire.duckdb"
    import duckdb

    duckdb.connect(str(empty)).close()
    with pytest.raises(StoreError, match="holds no eventwire tables"):
        stats_command(str(empty), "json")
    with duckdb.connect(str(empty)) as con:
        assert con.execute("SELECT count(*) FROM information_schema.tables").fetchall() == [(0,)]


# -- 11. workers die with their parent; a dead run is not "running" ----------------------------


def is_running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie may wait long for a reaper)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pool_workers_exit_when_their_parent_is_killed() -> None:
    script = (
        "import time\n"
        "from eventwire.batch.engines import PoolEngine\n"
        "engine = PoolEngine(2)\n"
        "for _ in range(2):\n"
        "    engine.pool.apply_async(time.sleep, (60,))\n"  # busy, as when coding a batch
        "print(' '.join(str(p.pid) for p in engine.pool._pool), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    time.sleep(1.0)  # the workers have started their tasks
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    parent.stdout.close()  # not communicate(): the workers hold the pipe while they live
    try:
        deadline = time.monotonic() + 10
        while any(is_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(is_running(w) for w in workers), "workers outlived their parent"
    finally:
        for worker in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker, signal.SIGKILL)


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_stats_shows_a_run_whose_process_is_gone_as_interrupted(tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "x.duckdb") as store:
        live = run_table.start_run(store, "ingest", [], {}, "v")
        killed = run_table.start_run(store, "ingest", [], {}, "v")
        silent = run_table.start_run(store, "ingest", [], {}, "v")
        store.execute("UPDATE runs SET pid = ? WHERE id = ?", [dead_pid(), killed])
        store.execute(
            "UPDATE runs SET host = 'elsewhere', heartbeat_at = heartbeat_at - INTERVAL 2 HOUR "
            "WHERE id = ?",
            [silent],
        )
        shown = {run["id"]: run["status"] for run in stats(store)["runs"]}
        recorded = dict(store.fetchall("SELECT id, status FROM runs"))
        heartbeats = store.fetchall("SELECT pid, host, heartbeat_at FROM runs WHERE id = ?", [live])
    assert shown == {live: "running", killed: "interrupted", silent: "interrupted"}
    assert set(recorded.values()) == {"running"}  # what is stored is left as it was
    assert heartbeats[0][0] == os.getpid() and heartbeats[0][2] is not None
