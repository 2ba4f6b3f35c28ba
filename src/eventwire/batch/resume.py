"""`ingest --resume`: the unfinished run to continue, with the options it was started with.

A resumed run is the same run: its remaining documents must be read and coded as its first
ones were (the same date for undated documents, the same fields, the same model, actor and
place files, the same language), or one run would hold two codings. So the recorded options
are reused; an option named again must have the recorded value, and an actor or place file
must not have changed since: otherwise --resume refuses (E009) and says how to start afresh."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Any

from ..errors import InvalidOption
from .request import OPTION_FIELDS, IngestRequest, files_digest, from_record, named_options
from .sinks import Sink

_FLAGS = {"field_map": "--map", "input_format": "--input-format", "batch_size": "--batch-size"}
_FLAGS |= {"max_chars": "--max-chars"}


def flag(name: str) -> str:
    return _FLAGS.get(name, f"--{name}")


def resolve_resume(
    request: IngestRequest, sink: Sink, given: Collection[str] | None = None
) -> tuple[IngestRequest, str | None]:
    """The request to run and the id of the run it continues (None: nothing to resume, and
    inputs were named: a new run). `given`: the options the user named (default: those
    `request` sets to other values than the defaults). Inputs named again replace the
    recorded ones (standard input must be given again)."""
    record = sink.resumable("ingest")
    if record is None:
        if not request.inputs:
            raise InvalidOption(f"nothing to resume in {sink.target}: no unfinished ingest run")
        return request, None
    named = set(named_options(request) if given is None else given) & set(OPTION_FIELDS)
    recorded = replace(request, **from_record(record.inputs, record.options))
    mine, theirs = request.resolved(), recorded.resolved()
    differ = [name for name in sorted(named) if getattr(mine, name) != getattr(theirs, name)]
    if differ:
        raise InvalidOption(
            f"run {record.id} in {sink.target} was started with other options: "
            + "; ".join(
                f"{flag(n)} {_shown(getattr(theirs, n))}, not {_shown(getattr(mine, n))}"
                for n in differ
            )
            + ". --resume continues it as it began: leave them out, or start a new run without --resume"
        )
    _check_files_unchanged(record.id, theirs, record.options.get("files_digest"))
    if request.inputs:
        return replace(recorded, inputs=request.inputs), record.id
    if "-" in recorded.inputs:
        raise InvalidOption("the run to resume read standard input; give that input again")
    return recorded, record.id


def _check_files_unchanged(run_id: str, recorded: IngestRequest, digest: str | None) -> None:
    files = [*recorded.actors, *recorded.places]
    if digest is not None and files_digest(files) != digest:
        raise InvalidOption(
            f"the actor or place files of run {run_id} changed since it began "
            f"({', '.join(files)}); --resume would code the rest with other knowledge: "
            "restore them, or start a new run without --resume"
        )


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return " ".join(value) if value else "(none)"
    return "(none)" if value is None else str(value)
