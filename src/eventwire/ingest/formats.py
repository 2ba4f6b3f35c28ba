"""One reader per input format. A reader takes a binary stream and the name it came from and
yields documents and, for what it cannot read, failures with a location; it never stops a run:
a bad record is a failure at its location, and only a file that cannot be read at all is one
failure for the file."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from ..errors import EncodingError, EventwireError, MalformedInput
from .core import decode, split_title
from .items import InputFailure, Item, ReadOptions, Sourced
from .limits import (
    line_cap,
    markup_file_cap,
    page_file_cap,
    physical_lines,
    read_capped,
    text_file_cap,
)
from .markup import extract_page, fragment_text
from .records import build_document, record_item, text_of
from .tabular import csv_reader

Reader = Callable[[IO[bytes], str, ReadOptions], Iterator[Item]]
_CONTAINER_KEYS = ("documents", "articles", "items", "entries", "data", "records", "results")
# `&#99999999;` names no character: feedparser's chr() raises on it and loses the whole feed
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")
_MAX_CODE_POINT = 0x10FFFF
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_DECLARED_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(?:\"[^\"]*\"|'[^']*')")


def read_text(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    over = f"more text than --max-chars {options.max_chars:,} allows"
    data = read_capped(stream, text_file_cap(options.max_chars), origin, over)
    text = decode(data, origin)
    yield Sourced(build_document(text, options, title=split_title(text)), origin)


def _markup_bytes(stream: IO[bytes], origin: str, cap: int) -> bytes:
    """The bytes of a page or feed, refusing empty and binary files as text files are refused
    (their encoding is the parser's business: it reads the XML declaration or meta charset)."""
    data = read_capped(stream, cap, origin)
    if not data.strip() or b"\x00" in data[:8192]:
        decode(data, origin)  # raises EmptyInput or BinaryInput
    return data


def read_html(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    page = extract_page(_markup_bytes(stream, origin, page_file_cap(options.max_chars)), origin)
    document = build_document(
        page.text,
        options,
        title=page.title or split_title(page.text),
        url=page.url,
        outlet=page.outlet,
        published=page.published,
    )
    yield Sourced(document, origin)


def _json_value(text: str) -> object:
    """A parsed JSON value; MalformedInput for what the json module refuses."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise MalformedInput(f"malformed JSON (line {err.lineno}: {err.msg})") from None
    except RecursionError:
        raise MalformedInput("malformed JSON (nested too deeply)") from None
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        raise MalformedInput(f"malformed JSON ({err})") from None


def read_json(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    data = read_capped(stream, markup_file_cap(options.max_chars), origin)
    try:
        text, undecodable = decode(data, origin), False
    except EncodingError:  # keep the bad bytes apart, so that only their records are lost
        text, undecodable = data.decode("utf-8-sig", "surrogateescape"), True
    value = _json_value(text)
    records = _records_of(value)
    located = [(value, origin)] if records is None else _indexed(records, origin)
    for record, location in located:
        if undecodable and _holds_undecodable_bytes(record):
            yield InputFailure(location, "E004", "not valid UTF-8 (a byte in this record)")
        else:
            yield record_item(record, location, options)


def _indexed(records: list[Any], origin: str) -> list[tuple[Any, str]]:
    return [(record, f"{origin}[{index}]") for index, record in enumerate(records)]


def _holds_undecodable_bytes(value: object) -> bool:
    """Whether a parsed value holds a byte `surrogateescape` kept (U+DC80-U+DCFF); walked
    without recursion, since JSON nests as deep as the parser allows."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str) and _ESCAPED_BYTE.search(item):
            return True
        if isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return False


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
    """One record a line; lines end with LF, CRLF or a lone CR, and each is decoded alone."""
    for line in physical_lines(stream, line_cap(options.max_chars)):
        location = f"{origin}:{line.number}"
        if line.error:
            code = "E004" if "UTF-8" in line.error else "E010"
            yield InputFailure(location, code, line.error)
            continue
        if not line.text.strip():
            continue
        try:
            record = _json_value(line.text)
        except MalformedInput as err:
            yield InputFailure(location, err.code, err.message.replace("JSON", "JSON line", 1))
            continue
        yield record_item(record, location, options)


def read_feed(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    """RSS or Atom entries; the feed is parsed from the bytes we read, links are never fetched."""
    import feedparser  # type: ignore[import-untyped]  # needed only for feeds; ships no types

    data = _markup_bytes(stream, origin, markup_file_cap(options.max_chars))
    data = _CHAR_REF.sub(_valid_char_ref, data)
    try:
        feed = feedparser.parse(io.BytesIO(data))
    except Exception:  # feedparser and its SAX and sgmllib parsers raise many kinds
        try:  # most often a codec feedparser cannot use (`encoding="undefined"`): try UTF-8
            feed = feedparser.parse(io.BytesIO(_DECLARED_ENCODING.sub(rb"\1", data, count=1)))
        except Exception as err:
            raise MalformedInput(f"broken feed ({type(err).__name__}: {err})") from None
    if not feed.get("version"):
        reason = feed.get("bozo_exception") or "no <rss>, <feed> or <rdf> root"
        raise MalformedInput(f"not an RSS or Atom feed ({reason})")
    outlet = text_of(feed.feed.get("title"))
    for index, entry in enumerate(feed.entries, start=1):
        yield _entry_item(entry, outlet, f"{origin}#{index}", options)


def _valid_char_ref(match: re.Match[bytes]) -> bytes:
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    return match[0] if code <= _MAX_CODE_POINT else b"&#65533;"


def _entry_item(entry: Any, outlet: str | None, location: str, options: ReadOptions) -> Item:
    try:
        contents = entry.get("content") or []
        body = contents[0].get("value") if contents else entry.get("summary")
        text = fragment_text(str(body or ""))
        if not text:
            return InputFailure(location, "E010", "feed entry has no content or summary")
        document = build_document(
            text,
            options,
            title=text_of(fragment_text(str(entry.get("title") or ""))),
            url=text_of(entry.get("link")),
            outlet=outlet,
            published=_entry_date(entry),
        )
    except EventwireError as err:
        return InputFailure.from_error(location, err)
    except Exception as err:  # the last guard: no entry may stop a run
        return InputFailure.unexpected(location, err)
    return Sourced(document, location)


def _entry_date(entry: Any) -> object:
    # the plain dict's get: feedparser's maps one key to the other with a DeprecationWarning
    return dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")


READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": csv_reader(","),
    "tsv": csv_reader("\t"),
    "feed": read_feed,
}
