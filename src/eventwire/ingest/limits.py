"""Bounded reading: no input, however it decompresses, makes a reader hold more than a set
amount. Whole-file formats (text, HTML, JSON, feeds) are read up to a byte cap; line formats
(JSON Lines, CSV, TSV) are streamed one physical line at a time, each line capped and decoded
on its own, so one bad byte costs one line and a gzip bomb costs a warning, not the memory."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from ..errors import BinaryInput, MalformedInput

BINARY_PROBE_BYTES = 8192
FILE_BYTES = 256 * 2**20  # a JSON file or a feed is read whole up to this
PAGE_BYTES = 32 * 2**20  # an HTML page: its parsed tree takes about ten times its size
LINE_BYTES = 64 * 2**20  # one JSON line or CSV row, unless --max-chars asks for more
_UTF8_BOM = b"\xef\xbb\xbf"
_NEWLINES = ("\r\n", "\n", "\r")


def text_file_cap(max_chars: int) -> int:
    """Bytes of a text file beyond which its text surely has more than `max_chars` characters
    (a character is at most 4 bytes in UTF-8)."""
    return 4 * max_chars + len(_UTF8_BOM)


def markup_file_cap(max_chars: int) -> int:
    """Bytes of a JSON file or feed read whole: markup and escapes take more room than text."""
    return max(FILE_BYTES, 8 * max_chars)


def page_file_cap(max_chars: int) -> int:
    """Bytes of an HTML page read whole."""
    return max(PAGE_BYTES, 8 * max_chars)


def line_cap(max_chars: int) -> int:
    """Bytes of one JSON line or CSV row (JSON escapes such as \\u00e9 take 6 bytes a character)."""
    return max(LINE_BYTES, 8 * max_chars)


def read_capped(stream: IO[bytes], cap: int, origin: str, over: str = "") -> bytes:
    """All of the stream, or MalformedInput when it holds (or decompresses to) more than `cap`
    bytes: never more than `cap` + one chunk is held. `over` says what that means."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(2**20, cap + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            unpacked = " once decompressed" if origin.lower().endswith(".gz") else ""
            raise MalformedInput(
                f"{origin} is larger than {cap:,} bytes{unpacked} "
                f"({over or 'split it, or use JSON Lines, which is read line by line'})"
            )
    return b"".join(chunks)


def check_not_binary(head: bytes, origin: str) -> None:
    """Refuse a binary file from its first bytes, before reading (or decompressing) the rest."""
    if b"\x00" in head[:BINARY_PROBE_BYTES]:
        raise BinaryInput(f"{origin} looks like a binary file (or UTF-16 text), not text")


def peek(stream: IO[bytes], size: int) -> bytes:
    """The first bytes of a stream, left in it (a buffered stream's peek; else nothing)."""
    peeker = getattr(stream, "peek", None)
    return peeker(size)[:size] if peeker is not None else b""


@dataclass(frozen=True)
class Line:
    """One physical line (its end kept): its number from 1, its text, and why it is unusable
    (`error`; its text is then decoded with U+FFFD so that a CSV parser keeps its bearings)."""

    number: int
    text: str
    size: int
    error: str | None = None


def physical_lines(stream: IO[bytes], cap: int) -> Iterator[Line]:
    """The lines of a byte stream, ended by LF, CRLF or a lone CR (old Mac exports), each decoded
    as UTF-8 on its own. A line over `cap` bytes is given with its error and no text; reading
    it holds at most `cap` bytes."""
    # Latin-1 maps each byte to one character, so the wrapper splits lines without decoding
    # errors, and encoding back gives the exact bytes (UTF-8 never has CR or LF inside a
    # character, so no character is cut).
    handle = io.TextIOWrapper(stream, encoding="latin-1", newline="")
    try:
        number = 0
        while piece := handle.readline(cap + 1):
            number += 1
            if len(piece) > cap and not piece.endswith(_NEWLINES):
                size = len(piece) + _skip_rest_of_line(handle, cap)
                yield Line(number, "", size, f"line longer than {cap:,} bytes")
                continue
            yield _decoded(number, piece.encode("latin-1"))
    finally:
        handle.detach()  # the stream is its opener's to close


def _skip_rest_of_line(handle: io.TextIOWrapper, cap: int) -> int:
    skipped = 0
    while piece := handle.readline(cap + 1):
        skipped += len(piece)
        if piece.endswith(_NEWLINES):
            break
    return skipped


def _decoded(number: int, raw: bytes) -> Line:
    if number == 1:
        raw = raw.removeprefix(_UTF8_BOM)
    try:
        return Line(number, raw.decode("utf-8"), len(raw))
    except UnicodeDecodeError as err:
        text = raw.decode("utf-8", "replace")
        return Line(number, text, len(raw), f"not valid UTF-8 (byte {err.start + 1} of the line)")


class _Prefixed(io.RawIOBase):
    """The bytes already read from a stream (to guess its format), then the rest of it."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = memoryview(head)
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def with_head(stream: IO[bytes], size: int) -> tuple[bytes, IO[bytes]]:
    """The first `size` bytes of a stream that cannot peek that far (a pipe), and a buffered
    stream that gives them again followed by the rest: standard input is streamed, not slurped."""
    head = stream.read(size)
    return head, io.BufferedReader(_Prefixed(head, stream))
