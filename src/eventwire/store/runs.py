"""The `runs` table: one row per ingest or recode, with its inputs and options (so an
interrupted run can be resumed), the coder's versions, and its counts, kept current as it goes."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from .base import SqlStore
from .rows import utc_now

RUNNING, COMPLETED, INTERRUPTED, FAILED = "running", "completed", "interrupted", "failed"
MAX_STORED_FAILURES = 1000  # the count is exact; the list keeps the first ones
_COLUMNS = (
    "id, command, status, started_at, finished_at, inputs, options, coder, documents_read, "
    "documents_coded, documents_skipped, inputs_failed, events, resumed"
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
    store.execute(
        "INSERT INTO runs (id, command, status, started_at, inputs, options, coder) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [run_id, command, RUNNING, utc_now(), json.dumps(inputs), json.dumps(options), coder],
    )
    return run_id


def reopen_run(store: SqlStore, run_id: str) -> None:
    store.execute(
        "UPDATE runs SET status = ?, finished_at = NULL, resumed = resumed + 1 WHERE id = ?",
        [RUNNING, run_id],
    )


def record_progress(store: SqlStore, run_id: str, read: int, skipped: int, failed: int) -> None:
    store.execute(
        "UPDATE runs SET documents_read = ?, documents_skipped = ?, inputs_failed = ? WHERE id = ?",
        [read, skipped, failed, run_id],
    )


def finish_run(store: SqlStore, run_id: str, status: str, failures: list[dict[str, str]]) -> None:
    store.execute(
        "UPDATE runs SET status = ?, finished_at = ?, failures = ? WHERE id = ?",
        [status, utc_now(), json.dumps(failures[:MAX_STORED_FAILURES]), run_id],
    )


def latest_unfinished(store: SqlStore, command: str) -> RunRecord | None:
    """The most recent run of `command` that did not complete (killed, interrupted, failed)."""
    rows = store.fetchall(
        f"SELECT {_COLUMNS}, failures FROM runs WHERE command = ? AND status <> ? "
        "ORDER BY started_at DESC LIMIT 1",
        [command, COMPLETED],
    )
    return _record(rows[0]) if rows else None


def recent_runs(store: SqlStore, limit: int = 10) -> list[RunRecord]:
    rows = store.fetchall(
        f"SELECT {_COLUMNS}, failures FROM runs ORDER BY started_at DESC LIMIT ?", [limit]
    )
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
    )
