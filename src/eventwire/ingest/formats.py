"""One reader per input format. A reader takes a binary stream and the name it came from and
yields documents and, for what it cannot read, failures with a location; it never stops a run."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

from ..errors import EventwireError, MalformedInput
from ..model import Document
from .core import decode, document_id, split_title
from .fields import metadata_date
from .items import InputFailure, Item, ReadOptions, Sourced
from .markup import extract_page, fragment_text

Reader = Callable[[IO[bytes], str, ReadOptions], Iterator[Item]]
_CONTAINER_KEYS = ("documents", "articles", "items", "entries", "data", "records", "results")


def _text(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def build_document(
    text: str,
    options: ReadOptions,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: object = None,
    language: str | None = None,
) -> Document:
    """A Document whose date comes from its metadata, else the run's fallback date."""
    return Document(
        id=document_id(text, url),
        title=title,
        text=text,
        outlet=outlet,
        url=url,
        published_at=metadata_date(published) or options.fallback_date,
        language=language or "en",
    )


def read_text(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    text = decode(stream.read(), origin)
    yield Sourced(build_document(text, options, title=split_title(text)), origin)


def _markup_bytes(stream: IO[bytes], origin: str) -> bytes:
    """The bytes of a page or feed, refusing empty and binary files as text files are refused
    (their encoding is the parser's business: it reads the XML declaration or meta charset)."""
    data = stream.read()
    if not data.strip() or b"\x00" in data[:8192]:
        decode(data, origin)  # raises EmptyInput or BinaryInput
    return data


def read_html(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    data = _markup_bytes(stream, origin)
    page = extract_page(data, origin)
    document = build_document(
        page.text,
        options,
        title=page.title or split_title(page.text),
        url=page.url,
        outlet=page.outlet,
        published=page.published,
    )
    yield Sourced(document, origin)


def record_document(record: object, options: ReadOptions) -> Document:
    """A document from one JSON object or CSV row, through the field map."""
    if not isinstance(record, Mapping):
        raise MalformedInput(f"expected an object, got {type(record).__name__}")
    fields = options.fields
    text = _text(fields.value(record, "text"))
    if text is None:
        key = fields.explicit.get("text", "text")
        raise MalformedInput(f"no text (field {key!r} missing or empty; map it with --map text=…)")
    return build_document(
        text,
        options,
        title=_text(fields.value(record, "title")),
        url=_text(fields.value(record, "url")),
        outlet=_text(fields.value(record, "outlet")),
        published=fields.value(record, "published_at"),
        language=_text(fields.value(record, "language")),
    )


def _record_item(record: object, location: str, options: ReadOptions) -> Item:
    try:
        return Sourced(record_document(record, options), location)
    except EventwireError as err:
        return InputFailure.from_error(location, err)


def read_json(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    try:
        data = json.loads(decode(stream.read(), origin))
    except json.JSONDecodeError as err:
        raise MalformedInput(f"malformed JSON (line {err.lineno}: {err.msg})") from None
    records = _records_of(data)
    if records is None:
        yield _record_item(data, origin, options)
        return
    for index, record in enumerate(records):
        yield _record_item(record, f"{origin}[{index}]", options)


def _records_of(data: object) -> list[Any] | None:
    """The list of records in a JSON document: the document itself, or a list under a key."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in _CONTAINER_KEYS:
            if isinstance(data.get(key), list):
                return list(data[key])
    return None


def read_jsonl(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    for line_no, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        location = f"{origin}:{line_no}"
        try:
            record = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as err:
            yield InputFailure(location, "E004", f"not valid UTF-8 (byte {err.start})")
            continue
        except json.JSONDecodeError as err:
            yield InputFailure(location, "E010", f"malformed JSON line ({err.msg})")
            continue
        yield _record_item(record, location, options)


def _csv_reader(delimiter: str) -> Reader:
    def read(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
        csv.field_size_limit(sys.maxsize)  # news articles are longer than csv's 128 KiB default
        handle = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        rows = csv.DictReader(handle, delimiter=delimiter)
        start = 2
        try:
            for row in rows:
                yield _record_item(row, f"{origin}:{start}", options)
                start = rows.line_num + 1
        except UnicodeDecodeError as err:
            yield InputFailure(f"{origin}:{start}", "E004", f"not valid UTF-8 (byte {err.start})")
        except csv.Error as err:
            yield InputFailure(f"{origin}:{start}", "E010", f"malformed CSV ({err})")
        finally:
            handle.detach()  # the stream is its opener's to close

    return read


def read_feed(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    """RSS or Atom entries; the feed is parsed from the bytes we read, links are never fetched."""
    import feedparser  # type: ignore[import-untyped]  # needed only for feeds; ships no types

    data = _markup_bytes(stream, origin)
    feed = feedparser.parse(io.BytesIO(data))
    if not feed.get("version"):
        reason = feed.get("bozo_exception") or "no <rss>, <feed> or <rdf> root"
        raise MalformedInput(f"not an RSS or Atom feed ({reason})")
    outlet = _text(feed.feed.get("title"))
    for index, entry in enumerate(feed.entries, start=1):
        yield _entry_item(entry, outlet, f"{origin}#{index}", options)


def _entry_item(entry: Any, outlet: str | None, location: str, options: ReadOptions) -> Item:
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    text = fragment_text(body or "")
    if not text:
        return InputFailure(location, "E010", "feed entry has no content or summary")
    document = build_document(
        text,
        options,
        title=_text(fragment_text(entry.get("title") or "")),
        url=_text(entry.get("link")),
        outlet=outlet,
        published=entry.get("published_parsed") or entry.get("updated_parsed"),
    )
    return Sourced(document, location)


READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": _csv_reader(","),
    "tsv": _csv_reader("\t"),
    "feed": read_feed,
}
