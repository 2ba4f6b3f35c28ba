"""Response and request bodies. Events are `model.Event` (the coder's contract) with where
they are stored beside them; documents are `model.Document`, mentions `model.Mentions`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import CodedDocument, Document, Event, Mentions


class StoredEvent(Event):
    """An event as stored: the coded record, its document's id, date, title, outlet and URL."""

    document_id: str
    published_at: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None


class EventPage(BaseModel):
    events: list[StoredEvent]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next page; null on the last page."
    )


Role = Literal[
    "evidence", "trigger", "source", "target", "attribution", "date", "place", "quantity"
]


class Highlight(BaseModel):
    """A field of the event and the characters of the document that justify it."""

    role: Role
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class EventDetail(BaseModel):
    event: StoredEvent
    document: Document
    highlights: list[Highlight] = Field(
        description="Character offsets into document.text, one per field the words support."
    )


class DocumentDetail(BaseModel):
    document: Document
    events: list[Event]
    mentions: Mentions


class TimelineCount(BaseModel):
    period: dt.date = Field(description="First day of the period.")
    quad_class: int = Field(ge=1, le=4)
    events: int


class Timeline(BaseModel):
    period: str
    counts: list[TimelineCount]


class DyadCount(BaseModel):
    source: str
    target: str
    events: int


class StoreSummary(BaseModel):
    schema_version: int
    tables: dict[str, int]
    published: dict[str, str | None]
    events_by_type: dict[str, int]
    events_by_modality: dict[str, int]
    events_by_coder: dict[str, int]
    top_dyads: list[DyadCount]
    writable: bool = Field(description="The server takes POST /ingest (with its token).")
    clusters_current: bool = Field(
        description="The analysis endpoints can count clusters (unit=cluster): the stored "
        "clusters are up to date, or the server brings them up to date itself."
    )


class Article(BaseModel):
    """A news article to code: its text and, when known, its publication date."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    date: dt.date | None = Field(None, description="Publication date: the anchor for 'last week'.")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[Article] = Field(min_length=1)


class IngestResult(BaseModel):
    documents: int = Field(description="Documents added.")
    events: int = Field(description="Events added.")
    already_stored: int = Field(description="Documents stored before (left as they were).")


__all__ = ["CodedDocument"]
