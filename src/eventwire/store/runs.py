"""The `runs` table: one row per ingest or recode, with its inputs and options (so an
interrupted run can be resumed), the coder's versions, and its counts, kept current as it goes.

A running run also records its process id, host and a heartbeat (renewed with every batch), so
that a run killed without a word (SIGKILL, a crash, a lost machine) reads as interrupted: its
process is gone from this host, or its heartbeat is older than `STALE_AFTER`."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
from dataclasses import dataclass, field
from typing import Any

from .base import SqlStore
from .rows import utc_now

RUNNING, COMPLETED, INTERRUPTED, FAILED = "running", "completed", "interrupted", "failed"
MAX_STORED_FAILURES = 1000  # the count is exact; the list keeps the first ones
# a batch takes seconds to minutes; a run silent for this long on another host is taken as dead
STALE_AFTER = dt.timedelta(minutes=30)
_COLUMNS = (
    "id, command, status, started_at, finished_at, inputs, options, coder, documents_read, "
    "documents_coded, documents_skipped, inputs_failed, events, resumed, failures, pid, host, "
    "heartbeat_at, documents_undated, documents_other_language"
)


@dataclass(frozen=True)
class RunRecord:
    id: str
    command: str
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    inputs: list[str]
    options: dict[str, Any]
    coder: str | None
    documents_read: int = 0
    documents_coded: int = 0
    documents_skipped: int = 0
    inputs_failed: int = 0
    events: int = 0
    resumed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    pid: int | None = None
    host: str | None = None
    heartbeat_at: dt.datetime | str | None = None
    documents_undated: int = 0  # stored without a publication date (dates anchored to the run)
    documents_other_language: int = 0  # stored with another language than English, uncoded


def this_process() -> tuple[int, str]:
    return os.getpid(), socket.gethostname()


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def observed_status(record: RunRecord, now: dt.datetime | None = None) -> str:
    """The recorded status, except that a 'running' run whose process is gone (on this host)
    or whose heartbeat is stale is 'interrupted' (and `--resume` finishes it)."""
    if record.status != RUNNING:
        return record.status
    pid, host = this_process()
    here = record.pid is not None and record.host == host and record.pid != pid
    if here and record.pid is not None and not pid_alive(record.pid):
        return INTERRUPTED
    beat = record.heartbeat_at
    if isinstance(beat, str):
        beat = dt.datetime.fromisoformat(beat)
    if beat is not None and (now or utc_now()) - beat > STALE_AFTER:
        return INTERRUPTED
    return RUNNING


def new_run_id() -> str:
    """Sortable by time, unique across machines."""
    return f"{utc_now():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def _json(value: Any) -> Any:
    # DuckDB returns JSON columns as text, psycopg as Python values
    return json.loads(value) if isinstance(value, str) else value


def start_run(
    store: SqlStore, command: str, inputs: list[str], options: dict[str, Any], coder: str | None
) -> str:
    run_id = new_run_id()
    now = utc_now()
    alive = [*this_process(), now]  # pid, host, heartbeat
    store.execute(
        "INSERT INTO runs (id, command, status, started_at, inputs, options, coder, pid, host, "
        "heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, command, RUNNING, now, json.dumps(inputs), json.dumps(options), coder, *alive],
    )
    return run_id


def reopen_run(store: SqlStore, run_id: str) -> None:
    pid, host = this_process()
    store.execute(
        "UPDATE runs SET status = ?, finished_at = NULL, resumed = resumed + 1, pid = ?, "
        "host = ?, heartbeat_at = ? WHERE id = ?",
        [RUNNING, pid, host, utc_now(), run_id],
    )


def record_progress(store: SqlStore, run_id: str, read: int, skipped: int, failed: int) -> None:
    store.execute(
        "UPDATE runs SET documents_read = ?, documents_skipped = ?, inputs_failed = ?, "
        "heartbeat_at = ? WHERE id = ?",
        [read, skipped, failed, utc_now(), run_id],
    )


def finish_run(store: SqlStore, run_id: str, status: str, failures: list[dict[str, str]]) -> None:
    store.execute(
        "UPDATE runs SET status = ?, finished_at = ?, failures = ? WHERE id = ?",
        [status, utc_now(), json.dumps(failures[:MAX_STORED_FAILURES]), run_id],
    )


def latest_unfinished(store: SqlStore, command: str) -> RunRecord | None:
    """The most recent run of `command` that did not complete (killed, interrupted, failed)."""
    rows = store.fetchall(
        f"SELECT {_COLUMNS} FROM runs WHERE command = ? AND status <> ? "
        "ORDER BY started_at DESC LIMIT 1",
        [command, COMPLETED],
    )
    return _record(rows[0]) if rows else None


def recent_runs(store: SqlStore, limit: int = 10) -> list[RunRecord]:
    rows = store.fetchall(f"SELECT {_COLUMNS} FROM runs ORDER BY started_at DESC LIMIT ?", [limit])
    return [_record(row) for row in rows]


def _record(row: tuple[Any, ...]) -> RunRecord:
    id_, command, status, started, finished, inputs, options, coder = row[:8]
    read, coded, skipped, failed, events, resumed = (int(c or 0) for c in row[8:14])
    return RunRecord(
        id=str(id_),
        command=str(command),
        status=str(status),
        started_at=started,
        finished_at=finished,
        inputs=list(_json(inputs) or []),
        options=dict(_json(options) or {}),
        coder=coder,
        documents_read=read,
        documents_coded=coded,
        documents_skipped=skipped,
        inputs_failed=failed,
        events=events,
        resumed=resumed,
        failures=list(_json(row[14]) or []),
        pid=None if row[15] is None else int(row[15]),
        host=row[16],
        heartbeat_at=row[17],
        documents_undated=int(row[18] or 0),
        documents_other_language=int(row[19] or 0),
    )
