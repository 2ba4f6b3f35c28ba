"""Re-code what is stored with the coder of today: documents coded by other stage versions (or
all, when asked), in batches, each replacing the document's rows in one transaction and
recording the versions that coded it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..ingest import Sourced
from ..model import Document
from ..store import Provenance, SqlStore, Written
from .engines import Engine
from .jobs import Job
from .progress import Reporter
from .runner import drive
from .sinks import StoreSink
from .summary import RunSummary

# the stored anchor too: an undated document is re-coded against the day it was first coded
# (stored before the anchor was: the day of its coding)
_COLUMNS = (
    "id, title, text, outlet, url, published_at, language, location, "
    "COALESCE(anchor_date, CAST(coded_at AS DATE))"
)


class RecodeSink(StoreSink):
    """Replaces stored documents instead of skipping them."""

    def stored_ids(self, job: Job) -> set[str]:
        return set()

    def write(
        self, job_index: int, batch: Sequence[tuple[Any, Provenance]], run_id: str
    ) -> Written:
        return self.store.replace(batch, run_id)

    def remote_target(self) -> str | None:
        return None  # replacing is this process's job: workers only code


def count_to_recode(store: SqlStore, coder: str, everything: bool) -> int:
    if everything:
        return store.count("documents")
    rows = store.fetchall(
        "SELECT count(*) FROM documents WHERE coder IS NULL OR coder <> ?", [coder]
    )
    return int(rows[0][0])


def recode_jobs(
    store: SqlStore,
    coder: str,
    everything: bool,
    limit: int | None,
    batch_size: int,
    summary: RunSummary,
) -> Iterator[Job]:
    """Batches of stored documents in id order, read a page at a time (no cursor stays open
    while batches are written)."""
    stale = "" if everything else "AND (coder IS NULL OR coder <> ?)"
    after, index, left = "", 0, limit
    while left is None or left > 0:
        size = batch_size if left is None else min(batch_size, left)
        params: list[Any] = [after, *([] if everything else [coder]), size]
        rows = store.fetchall(
            f"SELECT {_COLUMNS} FROM documents WHERE id > ? {stale} ORDER BY id LIMIT ?", params
        )
        if not rows:
            return
        documents = [_sourced(row) for row in rows]
        summary.documents_read += len(documents)
        yield Job(index, documents, summary.run_id)
        after, index = str(rows[-1][0]), index + 1
        left = None if left is None else left - len(rows)


def _sourced(row: tuple[Any, ...]) -> Sourced:
    id_, title, text, outlet, url, published_at, language, location, anchor_date = row
    document = Document(
        id=id_,
        title=title,
        text=text,
        outlet=outlet,
        url=url,
        published_at=published_at,
        language=language or "en",
        anchor_date=anchor_date,
    )
    return Sourced(document, location or id_)


def run_recode(
    store: SqlStore,
    engine: Engine,
    reporter: Reporter,
    coder: str,
    everything: bool = False,
    limit: int | None = None,
    batch_size: int = 32,
) -> RunSummary:
    """Re-code stale documents (or all); returns the run's summary."""
    sink = RecodeSink(store)
    options = {"all": everything, "limit": limit, "batch_size": batch_size}
    run_id = sink.begin("recode", [], options, coder)
    summary = RunSummary(run_id, store.target)
    total = count_to_recode(store, coder, everything)
    reporter.start(total if limit is None else min(total, limit), "recode")
    jobs = recode_jobs(store, coder, everything, limit, batch_size, summary)
    return drive(jobs, sink, engine, reporter, summary)
