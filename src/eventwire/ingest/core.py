"""One document from a file or standard input, with clear errors for bad input; the helpers
(ids, titles, decoding, dates) every reader uses."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import unicodedata
from pathlib import Path

from ..errors import BinaryInput, EmptyInput, EncodingError, InputNotFound, InvalidDate
from ..model import Document

_TITLE_MAX_CHARS = 200
_BINARY_PROBE_BYTES = 8192


def parse_date(value: str | None) -> dt.date | None:
    """Parse an ISO date (YYYY-MM-DD) given by a user; None stays None."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidDate(f"invalid date {value!r}: expected YYYY-MM-DD, e.g. 2023-02-12") from None


def document_id(text: str, url: str | None = None) -> str:
    """A stable id from the normalised text alone: the same article gets the same id whatever
    file, feed or URL it came from (a second place is a second sighting of one document).

    Normalised: Unicode NFC, CRLF and CR line endings as LF, trailing spaces of each line and
    leading and trailing blank space of the whole removed. `url` is accepted for callers of
    eventwire 0.2 and ignored: it no longer changes the id."""
    del url
    unified = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    normalised = "\n".join(line.rstrip() for line in unified.split("\n")).strip()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decode(data: bytes, origin: str) -> str:
    """Decode bytes as UTF-8 text, refusing binary data and other encodings."""
    if not data.strip():
        raise EmptyInput(f"{origin} is empty: nothing to code")
    if b"\x00" in data[:_BINARY_PROBE_BYTES]:
        raise BinaryInput(f"{origin} looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise EncodingError(
            f"{origin} is not valid UTF-8 (byte {err.start}); convert it first, "
            "e.g. iconv -f latin1 -t utf-8"
        ) from None
    if not text.strip():
        raise EmptyInput(f"{origin} is empty: nothing to code")
    return text


def split_title(text: str) -> str | None:
    """The first line is a title when it is short, has no final full stop and text follows."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not rest.strip() or not first or len(first) > _TITLE_MAX_CHARS:
        return None
    if first.endswith((".", "?", "!", ":", ";", ",")):
        return None
    return first


def make_document(
    text: str,
    published_at: dt.date | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Document:
    return Document(
        id=document_id(text, url),
        title=split_title(text),
        text=text,
        outlet=outlet,
        url=url,
        published_at=published_at,
    )


def read_source(source: str, published_at: dt.date | None = None) -> Document:
    """Read a path, or `-` for standard input, into a Document."""
    if source == "-":
        return make_document(decode(sys.stdin.buffer.read(), "standard input"), published_at)
    path = Path(source)
    if not path.exists():
        raise InputNotFound(f"no such file: {source}")
    if path.is_dir():
        raise InputNotFound(f"{source} is a directory; give a file (or use `eventwire ingest`)")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputNotFound(f"cannot read {source}: {err.strerror}") from None
    return make_document(decode(data, source), published_at, url=None)
