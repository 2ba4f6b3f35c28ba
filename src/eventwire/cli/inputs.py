"""What `eventwire code` reads: its files through the readers `ingest` uses (a JSON Lines file is
one document per record, an HTML page its main text, a feed its entries), with `code`'s stricter
rule for a file that cannot be read at all: a fatal one-line error, before anything is coded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EventwireError, MalformedInput
from ..ingest import InputFailure, ReadOptions, Sourced, check_inputs, iter_items
from ..ingest.sources import walk

STDIN = "standard input"


@dataclass
class CodeInputs:
    """The documents of `code`'s sources, and the records that could not be read (skipped)."""

    documents: list[Sourced] = field(default_factory=list)
    skipped: list[InputFailure] = field(default_factory=list)


def read_code_inputs(sources: Sequence[str], published: dt.date | None) -> CodeInputs:
    """Read every source as `ingest` would (`published` is the date for documents whose
    metadata has none). A whole file that fails raises its coded error; a bad record in a
    file of many is kept as a failure, for a warning."""
    options = ReadOptions(fallback_date=published)
    check_inputs(sources, options)
    files = _file_locations(sources)
    read = CodeInputs()
    for item in iter_items(sources, options):
        if isinstance(item, Sourced):
            read.documents.append(item)
        elif item.location in files:
            raise _error_of(item)
        else:
            read.skipped.append(item)
    return read


def _file_locations(sources: Sequence[str]) -> set[str]:
    """The locations the readers give a whole file (a record's location adds `:17`, `#3`)."""
    found = {STDIN} if "-" in sources else set()
    for source in sources:
        if source != "-":
            found.update(str(path) for path, _ in walk(Path(source)))
    return found


def _error_of(failure: InputFailure) -> EventwireError:
    """The failure as the error it was raised as (same code), naming the file once."""
    kinds = {kind.code: kind for kind in _error_kinds(EventwireError)}
    error = kinds.get(failure.code, MalformedInput)(f"{failure.location}: {failure.message}")
    error.code = failure.code
    return error


def _error_kinds(base: type[EventwireError]) -> list[type[EventwireError]]:
    kinds = list(base.__subclasses__())
    for kind in list(kinds):
        kinds.extend(_error_kinds(kind))
    return kinds
