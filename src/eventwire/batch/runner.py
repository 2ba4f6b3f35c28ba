"""An ingest run: read the inputs, skip what is stored, code the rest in batches on an engine,
store each batch in one transaction (this process is the one writer) and keep the run's record
current, so that after Ctrl-C or a kill what was committed stays and `--resume` does the rest."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import EventwireError, InvalidOption
from ..ingest import (
    DEFAULT_MAX_CHARS,
    InputFailure,
    Item,
    ReadOptions,
    Sourced,
    check_inputs,
    count_items,
    iter_items,
    parse_date,
    parse_field_map,
)
from ..store import runs as run_table
from .engines import Engine
from .jobs import Job, Outcome
from .progress import Reporter
from .sinks import Sink

DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class IngestRequest:
    """What the user asked for, in plain values: recorded with the run, so `--resume` can
    repeat it without the inputs being named again."""

    inputs: list[str]
    date: str | None = None
    field_map: str | None = None
    input_format: str | None = None
    limit: int | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    max_chars: int = DEFAULT_MAX_CHARS

    def read_options(self) -> ReadOptions:
        return ReadOptions(
            parse_field_map(self.field_map),
            parse_date(self.date),
            self.input_format,
            self.max_chars,
        )

    def recorded(self) -> dict[str, Any]:
        options = asdict(self)
        options.pop("inputs")
        return options

    def validate(self) -> ReadOptions:
        """Refuse bad options and missing inputs before anything is written."""
        if self.batch_size < 1:
            raise InvalidOption("--batch-size must be at least 1")
        if self.limit is not None and self.limit < 0:
            raise InvalidOption("--limit must be 0 or more")
        if not self.inputs:
            raise InvalidOption("no inputs: name files or directories, or '-' for standard input")
        read = self.read_options()
        check_inputs(self.inputs, read)
        return read


@dataclass
class RunSummary:
    run_id: str
    target: str
    status: str = run_table.RUNNING
    documents_read: int = 0  # distinct documents taken from the inputs (up to --limit)
    documents_coded: int = 0  # coded and stored by this run
    documents_skipped: int = 0  # stored already, or repeated in the inputs
    events: int = 0
    documents_undated: int = 0  # coded without a publication date: anchored to the coding day
    documents_other_language: int = 0  # stored, not coded: not in English
    failures: list[InputFailure] = field(default_factory=list)
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def done(self) -> int:
        """Inputs dealt with: coded, skipped or failed."""
        return self.documents_coded + self.documents_skipped + self.failed

    def fail(self, failure: InputFailure) -> None:
        self.failed += 1
        if len(self.failures) < run_table.MAX_STORED_FAILURES:
            self.failures.append(failure)

    def failure_records(self) -> list[dict[str, str]]:
        return [asdict(f) for f in self.failures]


def resolve_resume(request: IngestRequest, sink: Sink) -> tuple[IngestRequest, str | None]:
    """With `--resume`: the unfinished run to continue and the request it recorded (its inputs
    when none are named now; its batch size always, so batches line up with what is stored)."""
    record = sink.resumable("ingest")
    if record is None:
        if not request.inputs:
            raise InvalidOption(f"nothing to resume in {sink.target}: no unfinished ingest run")
        return request, None
    recorded = IngestRequest(inputs=record.inputs, **record.options)
    if request.inputs:
        return replace(request, batch_size=recorded.batch_size), record.id
    if "-" in recorded.inputs:
        raise InvalidOption("the run to resume read standard input; give that input again")
    return recorded, record.id


def absolute_inputs(inputs: Iterable[str]) -> list[str]:
    return [s if s == "-" else str(Path(s).resolve()) for s in inputs]


def run_ingest(
    request: IngestRequest,
    sink: Sink,
    engine: Engine,
    reporter: Reporter,
    coder: str | None,
    resume: bool = False,
) -> RunSummary:
    """Ingest `request.inputs` into `sink`; returns the run's summary (raises on Ctrl-C after
    recording the run as interrupted)."""
    resumed_id = None
    if resume:
        request, resumed_id = resolve_resume(request, sink)
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
