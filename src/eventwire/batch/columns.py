"""`--map text=bdy`: a column that no record has would make every record a skipped failure, so
it is refused before a run begins. The inputs' first records (a CSV header, the first objects of
a JSON or JSON Lines file) are read for the column names they use."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from ..errors import InvalidOption
from ..ingest import ReadOptions
from ..ingest.sources import open_binary, walk

SAMPLED_RECORDS = 1000  # per file: a column none of these has is taken to be a typo
_TABULAR = {"csv": ",", "tsv": "\t"}
_READ_ERRORS = (OSError, EOFError, UnicodeDecodeError, ValueError, csv.Error, RecursionError)


def check_mapped_columns(sources: Sequence[str], options: ReadOptions) -> None:
    """Raise InvalidOption (E009) when a column named by `--map` is in none of the records
    sampled from the inputs (standard input, read once, is not sampled)."""
    wanted = dict(options.fields.explicit)
    if not wanted:
        return
    seen: set[str] = set()
    sampled = False
    for source in sources:
        if source == "-":
            continue
        for path, fmt in walk(Path(source), options.input_format):
            for columns in _sample(path, fmt):
                sampled = True
                seen.update(columns)
            if set(wanted.values()) <= seen:
                return
    missing = {field: column for field, column in wanted.items() if column not in seen}
    if sampled and missing:
        named = ", ".join(f"{field}={column}" for field, column in missing.items())
        found = ", ".join(sorted(seen)[:20]) or "none"
        raise InvalidOption(f"--map {named}: no record has that column (columns: {found})")


def _sample(path: Path, fmt: str) -> Iterator[list[str]]:
    """The column names of the first records of a file (none for other formats)."""
    try:
        with open_binary(path) as stream:
            if fmt in _TABULAR:
                handle = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace")
                yield next(csv.reader(handle, delimiter=_TABULAR[fmt]), [])
            elif fmt == "jsonl":
                lines = (line for line in stream if line.strip())
                yield from _keys(_parsed(line) for line in islice(lines, SAMPLED_RECORDS))
            elif fmt == "json":
                yield from _keys(islice(_json_records(json.load(stream)), SAMPLED_RECORDS))
    except _READ_ERRORS:
        return  # the run's readers report what cannot be read, record by record


def _parsed(line: bytes) -> Any:
    try:
        return json.loads(line)
    except ValueError:
        return None


def _json_records(data: Any) -> Iterator[Any]:
    """The objects of a JSON file: the document, a list, or the lists under its keys."""
    if isinstance(data, list):
        yield from data
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, list):
                yield from value


def _keys(records: Iterator[Any]) -> Iterator[list[str]]:
    for record in records:
        if isinstance(record, dict):
            yield [str(key) for key in record]
