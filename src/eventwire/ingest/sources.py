"""From what the user names (files, directories, `-`) to a stream of documents and failures:
directories are walked in a stable order, `.gz` files are read through, the format comes from
the extension or, failing that, from the first bytes."""

from __future__ import annotations

import gzip
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import IO, cast

from ..errors import EventwireError, InputNotFound, InvalidOption
from .formats import READERS
from .items import InputFailure, Item, ReadOptions
from .limits import (
    BINARY_PROBE_BYTES,
    LINE_BYTES,
    check_not_binary,
    peek,
    physical_lines,
    with_head,
)

FORMATS = tuple(READERS)
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_READ_ERRORS = (OSError, EOFError, zlib.error)
_SNIFF_BYTES = 2**20  # enough for the first line of a JSON Lines file, to tell it from JSON


def check_inputs(sources: Sequence[str], options: ReadOptions) -> None:
    """Refuse, before any work, inputs that do not exist and formats that are not known."""
    if options.input_format and options.input_format not in READERS:
        raise InvalidOption(
            f"unknown input format {options.input_format!r}; formats: {', '.join(FORMATS)}"
        )
    if options.max_chars < 1:
        raise InvalidOption("--max-chars must be at least 1")
    if sum(source == "-" for source in sources) > 1:
        raise InvalidOption("standard input ('-') can be given only once")
    for source in sources:
        if source != "-" and not Path(source).exists():
            raise InputNotFound(f"no such file or directory: {source}")


def iter_items(sources: Sequence[str], options: ReadOptions) -> Iterator[Item]:
    """Every document and failure in the sources, in order."""
    for source in sources:
        if source == "-":
            yield from read_stream(sys.stdin.buffer, "standard input", options)
            continue
        for path, fmt in walk(Path(source), options.input_format):
            yield from read_one(partial(open_binary, path), str(path), fmt, options)


def read_stream(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    """Every document and failure in a stream that can be read once (standard input), its
    format guessed from its first bytes unless `--input-format` names it; streamed, not slurped."""
    head, whole = with_head(stream, _SNIFF_BYTES)
    fmt = options.input_format or sniff_format(head)
    yield from read_one(lambda: whole, origin, fmt, options)


def count_items(sources: Sequence[str], options: ReadOptions) -> int | None:
    """About how many items `iter_items` will yield, read cheaply (lines, rows, files; pages
    are not parsed), for a progress bar; None for standard input, which can be read only once."""
    if "-" in sources:
        return None
    total = 0
    for source in sources:
        for path, fmt in walk(Path(source), options.input_format):
            total += _count(path, fmt, options)
    return total


def _count(path: Path, fmt: str, options: ReadOptions) -> int:
    try:
        with open_binary(path) as stream:
            if fmt == "jsonl":
                return sum(1 for line in physical_lines(stream, LINE_BYTES) if line.text.strip())
            if fmt in {"csv", "tsv"}:
                # rows with newlines in quotes count more
                return max(0, sum(1 for _ in physical_lines(stream, LINE_BYTES)) - 1)
    except (EventwireError, *_READ_ERRORS):
        return 1
    if fmt in {"json", "feed"}:
        return sum(1 for _ in read_one(partial(open_binary, path), str(path), fmt, options))
    return 1


def walk(path: Path, forced: str | None = None) -> Iterator[tuple[Path, str]]:
    """(file, format) for a file, or for the readable files under a directory (sorted, hidden
    files skipped, files of unknown type left alone)."""
    if not path.is_dir():
        yield path, forced or format_of(path) or ""
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            child = Path(root) / name
            fmt = forced or format_of(child)
            if fmt and not name.startswith("."):
                yield child, fmt


def format_of(path: Path) -> str | None:
    """The format an extension names (`archive.jsonl.gz` -> jsonl), or None."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return EXTENSIONS.get(suffixes[-1]) if suffixes else None


def open_binary(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def sniff_format(head: bytes) -> str:
    """Guess a format from the first bytes, for stdin and files without a known extension."""
    start = head.lstrip()[:512].lower()
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first_line = head.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first_line)
            return "jsonl"
        except (ValueError, RecursionError):
            return "json"
    if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if start.startswith(b"<"):
        return "html"
    return "text"


def read_one(
    opener: Callable[[], IO[bytes]], origin: str, fmt: str, options: ReadOptions
) -> Iterator[Item]:
    """Run one reader; an error reading the file is a failure at its location, and what was
    read before it stays. A binary file is refused from its first bytes, unread."""
    try:
        with opener() as stream:
            head = peek(stream, BINARY_PROBE_BYTES)
            check_not_binary(head, origin)
            yield from READERS[fmt or sniff_format(head[:512])](stream, origin, options)
    except EventwireError as err:
        yield InputFailure.from_error(origin, err)
    except gzip.BadGzipFile as err:
        yield InputFailure(origin, "E010", f"broken gzip file ({err})")
    except _READ_ERRORS as err:
        yield InputFailure(origin, "E010", f"cannot read: {type(err).__name__}: {err}")
    except Exception as err:  # the last guard: no file may stop a run
        yield InputFailure.unexpected(origin, err)
