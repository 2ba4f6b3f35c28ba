"""Reading the knowledge files: where they are, their rows, their header lines, their hash.

Every table is UTF-8, tab-separated, with a header row; list-valued fields are `|`-separated and
lines starting with `#` are comments. The comments before the first row say where the knowledge
comes from (`# source: ...`) and when it was true (`# as of: ...`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError

DATA_PACKAGE = "eventwire.data"
# what the content hash covers: every knowledge file and the shipped models
HASHED_SUFFIXES = (".tsv", ".txt", ".yaml", ".json")
_SOURCE = re.compile(r"^#\s*source\s*:\s*(\S.*)$", re.IGNORECASE)
_AS_OF = re.compile(r"^#\s*as of\s*:?\s*(\S.*)$", re.IGNORECASE)


def data_dir() -> Path:
    """The package's data folder (a namespace package: `resources.files` gives no one path)."""
    return Path(__file__).resolve().parent.parent / "data"


def data_path(filename: str) -> Path:
    """A file of the package's knowledge (`eventwire/data/`)."""
    return data_dir() / filename


def split(value: str) -> tuple[str, ...]:
    """The items of a `|`-separated field."""
    return tuple(part.strip() for part in value.split("|") if part.strip())


def number(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise KnowledgeError(f"{where}: not a number: {value!r}") from None


def iso_date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise KnowledgeError(f"{where}: not an ISO date: {value!r}") from None


def read_rows(path: Path | str, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line number, fields) of the data rows; comments and blanks skipped."""
    rows = []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = [h.strip() for h in next(reader, [])]
            for line_no, row in enumerate(reader, start=2):
                if not row or row[0].startswith("#") or not any(f.strip() for f in row):
                    continue
                if len(row) != len(header):
                    raise KnowledgeError(
                        f"{source}:{line_no}: expected {len(header)} fields, got {len(row)}"
                    )
                rows.append((line_no, [f.strip() for f in row]))
    except (UnicodeDecodeError, csv.Error) as err:
        raise KnowledgeError(f"{source}: cannot read: {err}") from None
    return header, rows


def read_table(
    path: Path | str, columns: Sequence[str], source: str | None = None
) -> Iterator[tuple[str, dict[str, str]]]:
    """(where, row) for each row of a TSV file: `where` is "file:line", for errors."""
    name = source or str(path)
    header, rows = read_rows(path, name)
    if header != list(columns):
        raise KnowledgeError(f"{name}: header must be {' '.join(columns)!r}")
    for line_no, row in rows:
        yield f"{name}:{line_no}", dict(zip(columns, row, strict=True))


def read_tsv(
    path: Path | str, columns: Sequence[str], source: str | None = None
) -> Iterator[dict[str, str]]:
    """Rows of a TSV file as dicts; raises KnowledgeError naming the file and line."""
    for _, row in read_table(path, columns, source):
        yield row


def read_lines(path: Path) -> list[str]:
    """The lines of a one-item-a-line file, without comments and blanks."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise KnowledgeError(f"{path}: cannot read: {err}") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_json(path: Path, what: str) -> dict[str, Any]:
    """A JSON object (a shipped model); what cannot be read is a KnowledgeError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise KnowledgeError(f"{path}: cannot read the {what} ({err})") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: the {what} must be a JSON object")
    return data


@dataclass(frozen=True)
class Provenance:
    """What a knowledge file's header says of it."""

    source: str
    as_of: str


def provenance(path: Path) -> Provenance:
    """The `# source:` and `# as of:` lines among the comments before a file's first row."""
    source = as_of = ""
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if not line.startswith("#"):
                if n > 0:  # a table's header row comes first, then its comments, then rows
                    break
                continue
            if m := _SOURCE.match(line.strip()):
                source = source or m[1]
            elif m := _AS_OF.match(line.strip()):
                as_of = as_of or m[1]
    return Provenance(source, as_of)


def knowledge_files(directory: Path | None = None) -> list[Path]:
    """The files the content hash covers, in name order."""
    folder = directory or data_dir()
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in HASHED_SUFFIXES)


def content_hash(directory: Path | None = None) -> str:
    """A short hash of the names and bytes of the knowledge files: an edit of a lexicon
    changes it, and with it the coder's version key (`recode` re-codes)."""
    digest = hashlib.sha256()
    for path in knowledge_files(directory):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]
