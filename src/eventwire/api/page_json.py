"""The JSON of a page of events, written from the stored records: each record is the coder's
`Event.model_dump_json()`, so a StoredEvent's JSON is that text with its document's fields
after it. Validating 50 records and writing them again (pydantic) cost 2.5 ms a page, ten
times the splice; a record whose keys are not the model's (an older eventwire wrote it) is
validated and written again as before, so every page is what `EventPage` would write."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Mapping
from typing import Any

import pydantic_core
from pydantic import BaseModel

from ..model import Event
from .queries import record_of
from .schemas import StoredEvent

# the fields StoredEvent adds to an Event, in its order
DOCUMENT_FIELDS = ("document_id", "published_at", "title", "outlet", "url")


def page_json(rows: list[dict[str, Any]], next_cursor: str | None) -> bytes:
    """`EventPage(events=..., next_cursor=...).model_dump_json()`, from rows of the store
    (`record`, `document_id` and the document's columns)."""
    events = [event_json(row) for row in rows]
    cursor = pydantic_core.to_json(next_cursor)
    return b'{"events":[' + b",".join(events) + b'],"next_cursor":' + cursor + b"}"


def event_json(row: dict[str, Any]) -> bytes:
    record = row["record"]
    text = record.encode() if isinstance(record, str) else None
    if (
        text is None
        or not text.endswith(b"}")
        or not has_shape(pydantic_core.from_json(text), Event)
    ):
        return stored_event(row).model_dump_json().encode()
    tail = b"".join(
        b',"' + name.encode() + b'":' + pydantic_core.to_json(row[name]) for name in DOCUMENT_FIELDS
    )
    return text[:-1] + tail + b"}"


def stored_event(row: dict[str, Any]) -> StoredEvent:
    """The row validated: its record (JSON text, or a dict from PostgreSQL) and document."""
    values = {**record_of(row["record"]), **{c: row[c] for c in DOCUMENT_FIELDS}}
    return StoredEvent.model_validate(values)


def has_shape(value: Any, model: type[BaseModel]) -> bool:
    """Whether a parsed record has the model's keys in the model's order, and so has each
    record inside it: what this eventwire's model_dump_json writes."""
    if not isinstance(value, dict):
        return False
    keys, inner = model_shape(model)
    if tuple(value) != keys:
        return False
    for name, (sub, many) in inner.items():
        field = value[name]
        if field is None:
            continue
        if many:
            if not isinstance(field, list) or not all(has_shape(v, sub) for v in field):
                return False
        elif not has_shape(field, sub):
            return False
    return True


@functools.cache
def model_shape(
    model: type[BaseModel],
) -> tuple[tuple[str, ...], Mapping[str, tuple[type[BaseModel], bool]]]:
    """The model's field names, and for each field holding records their model (and whether
    it is a list of them)."""
    inner: dict[str, tuple[type[BaseModel], bool]] = {}
    for name, field in model.model_fields.items():
        found = _record_type(field.annotation)
        if found is not None:
            inner[name] = found
    return tuple(model.model_fields), inner


def _record_type(annotation: Any) -> tuple[type[BaseModel], bool] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and args:
        found = _record_type(args[0])
        return (found[0], True) if found else None
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            found = _record_type(arg)
            if found:
                return found
    return None
