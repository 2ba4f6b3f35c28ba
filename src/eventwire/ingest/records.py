"""From what a reader found (a text, a JSON object, a CSV row, a feed entry) to a Document that
every store can hold, or to a failure at the record's location: one bad record costs one record."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import EventwireError, MalformedInput
from ..model import Document
from .clean import storable, storable_or_none
from .core import document_id
from .fields import metadata_date
from .items import InputFailure, Item, ReadOptions, Sourced


def text_of(value: object) -> str | None:
    """A field's value as stripped text, None when absent or blank."""
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
    """A Document whose date comes from its metadata, else the run's fallback date; its strings
    cleaned of what a store refuses (`clean.storable`). MalformedInput when no text is left or
    the text is longer than `options.max_chars` (skipped, not cut: a cut article would give
    events from half a story, silently)."""
    text = storable(text)
    if not text.strip():
        raise MalformedInput("no text (nothing but blank or control characters)")
    if len(text) > options.max_chars:
        raise MalformedInput(
            f"document of {len(text):,} characters, over the limit of {options.max_chars:,} "
            "(--max-chars)"
        )
    url = storable_or_none(url)
    return Document(
        id=document_id(text, url),
        title=storable_or_none(title),
        text=text,
        outlet=storable_or_none(outlet),
        url=url,
        published_at=metadata_date(published) or options.fallback_date,
        language=storable(language or "en"),
    )


def record_document(record: object, options: ReadOptions) -> Document:
    """A document from one JSON object or CSV row, through the field map."""
    if not isinstance(record, Mapping):
        raise MalformedInput(f"expected an object, got {type(record).__name__}")
    fields = options.fields
    text = text_of(fields.value(record, "text"))
    if text is None:
        key = fields.explicit.get("text", "text")
        raise MalformedInput(f"no text (field {key!r} missing or empty; map it with --map text=…)")
    return build_document(
        text,
        options,
        title=text_of(fields.value(record, "title")),
        url=text_of(fields.value(record, "url")),
        outlet=text_of(fields.value(record, "outlet")),
        published=fields.value(record, "published_at"),
        language=text_of(fields.value(record, "language")),
    )


def record_item(record: object, location: str, options: ReadOptions) -> Item:
    """The record's document, or its failure; never an exception."""
    try:
        return Sourced(record_document(record, options), location)
    except EventwireError as err:
        return InputFailure.from_error(location, err)
    except Exception as err:  # the last guard: no record may stop a run
        return InputFailure.unexpected(location, err)
