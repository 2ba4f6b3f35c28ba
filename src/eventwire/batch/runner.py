"""An ingest run: read the inputs, skip what is stored, code the rest in batches on an engine,
store each batch in one transaction (this process is the one writer) and keep the run's record
current, so that after Ctrl-C or a kill what was committed stays and `--resume` does the rest."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import EventwireError
from ..ingest import InputFailure, Item, Sourced, count_items, iter_items
from ..store import runs as run_table
from .engines import Engine
from .jobs import Job, Outcome
from .progress import Reporter
from .request import IngestRequest
from .resume import resolve_resume
from .sinks import Sink
from .summary import RunSummary

__all__ = ["IngestRequest", "RunSummary", "drive", "run_ingest", "run_request"]


def absolute_inputs(inputs: Iterable[str]) -> list[str]:
    return [s if s == "-" else str(Path(s).resolve()) for s in inputs]


def run_ingest(
    request: IngestRequest,
    sink: Sink,
    engine: Engine,
    reporter: Reporter,
    coder: str | None,
    resume: bool = False,
    given: Collection[str] | None = None,
) -> RunSummary:
    """Ingest `request.inputs` into `sink`; returns the run's summary (raises on Ctrl-C after
    recording the run as interrupted). With `resume`, the last unfinished run is continued
    with its recorded options (see resume.py; `given`: the options the user named)."""
    resumed_id = None
    if resume:
        request, resumed_id = resolve_resume(request, sink, given)
    return run_request(request, sink, engine, reporter, coder, resumed_id)


def run_request(
    request: IngestRequest,
    sink: Sink,
    engine: Engine,
    reporter: Reporter,
    coder: str | None,
    resumed_id: str | None = None,
) -> RunSummary:
    """Run a request as a new run, or as the continuation of run `resumed_id`."""
    read = request.validate()
    if resumed_id:
        sink.reopen(resumed_id)
        run_id = resumed_id
    else:  # recorded with absolute paths, so that --resume works from any directory
        inputs = absolute_inputs(request.inputs)
        run_id = sink.begin("ingest", inputs, request.recorded(), coder)
    summary = RunSummary(run_id, sink.target)
    total = count_items(request.inputs, read) if reporter.wants_total else None
    if total is not None and request.limit is not None:
        total = min(total, request.limit)
    reporter.start(total, "ingest")
    jobs = plan_jobs(iter_items(request.inputs, read), request, sink, summary, reporter, run_id)
    return drive(jobs, sink, engine, reporter, summary)


def drive(
    jobs: Iterator[Job], sink: Sink, engine: Engine, reporter: Reporter, summary: RunSummary
) -> RunSummary:
    """Run the jobs on the engine and store each outcome as it comes."""
    run_id = summary.run_id
    try:
        for outcome in engine.run(jobs, sink.remote_target() if engine.remote else None):
            store_outcome(outcome, sink, summary, reporter)
            sink.progress(run_id, summary.documents_read, summary.documents_skipped, summary.failed)
    except BaseException as err:
        summary.status = run_table.INTERRUPTED if _is_interrupt(err) else run_table.FAILED
        _record_end(sink, summary)
        raise
    finally:
        reporter.stop()
    summary.status = run_table.COMPLETED
    sink.progress(run_id, summary.documents_read, summary.documents_skipped, summary.failed)
    sink.finish(run_id, summary.status, summary.failure_records())
    return summary


def _record_end(sink: Sink, summary: RunSummary) -> None:
    """Best effort: the error that stopped the run matters more than recording it."""
    try:
        sink.progress(
            summary.run_id, summary.documents_read, summary.documents_skipped, summary.failed
        )
        sink.finish(summary.run_id, summary.status, summary.failure_records())
    except EventwireError:
        pass


def _is_interrupt(err: BaseException) -> bool:
    return isinstance(err, KeyboardInterrupt | SystemExit)


def store_outcome(outcome: Outcome, sink: Sink, summary: RunSummary, reporter: Reporter) -> None:
    written = outcome.written
    if written is None:
        written = sink.write(outcome.index, outcome.coded, summary.run_id)
    sink.record_written(summary.run_id, written)
    summary.documents_coded += written.documents
    summary.documents_skipped += written.already_stored
    summary.events += written.events
    summary.documents_undated += written.undated
    summary.documents_other_language += written.other_language
    for failure in outcome.failures:
        summary.fail(failure)
        reporter.failure(failure)
    reporter.update(summary)


def plan_jobs(
    items: Iterator[Item],
    request: IngestRequest,
    sink: Sink,
    summary: RunSummary,
    reporter: Reporter,
    run_id: str,
) -> Iterator[Job]:
    """Batches of `batch_size` distinct documents in input order (so the same input always
    gives the same batches), less the documents already stored. A document read again (stored
    already, or repeated in the inputs) is recorded as another sighting."""
    seen: set[str] = set()
    batch: list[Sourced] = []
    repeats: list[Sourced] = []
    index = 0
    for item in items:
        if isinstance(item, InputFailure):
            summary.fail(item)
            reporter.failure(item)
            continue
        if item.document.id in seen:
            summary.documents_skipped += 1
            repeats.append(item)
            continue
        if request.limit is not None and summary.documents_read >= request.limit:
            break
        seen.add(item.document.id)
        summary.documents_read += 1
        batch.append(item)
        if len(batch) == request.batch_size:
            yield from _unstored(Job(index, batch, run_id), sink, summary, reporter, repeats)
            batch, index = [], index + 1
    if batch:
        yield from _unstored(Job(index, batch, run_id), sink, summary, reporter, repeats)
    if repeats:
        sink.record_sightings(repeats, run_id)


def _unstored(
    job: Job, sink: Sink, summary: RunSummary, reporter: Reporter, repeats: list[Sourced]
) -> Iterator[Job]:
    """The job less its stored documents; those, and the repeats so far, are sightings."""
    stored = sink.stored_ids(job)
    if stored:
        summary.documents_skipped += len(stored)
        reporter.update(summary)
    seen_again = [*repeats, *(s for s in job.documents if s.document.id in stored)]
    if seen_again:
        sink.record_sightings(seen_again, job.run_id or "")
        repeats.clear()
    todo = [s for s in job.documents if s.document.id not in stored]
    if todo:
        yield replace(job, documents=todo)
