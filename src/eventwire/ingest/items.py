"""What readers yield: a document with the place it came from, or a failure saying where and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import EventwireError
from ..model import Document
from .fields import FieldMap


@dataclass(frozen=True)
class Sourced:
    """A document and its location in the input (`feed.xml#3`, `big.jsonl:17`, `a/b.html`)."""

    document: Document
    location: str


@dataclass(frozen=True)
class InputFailure:
    """One input (a file, a line, a row, a feed entry) that could not be read."""

    location: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.location}: {self.message}"

    @classmethod
    def from_error(cls, location: str, err: EventwireError) -> InputFailure:
        # decode errors name the file already; say it once
        message = err.message.removeprefix(location).strip(" :") or err.message
        return cls(location, err.code, message)


Item = Sourced | InputFailure


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: the field mapping, the date when metadata gives none, and a format
    to force (`text`, `html`, `json`, `jsonl`, `csv`, `tsv`, `feed`) instead of guessing."""

    fields: FieldMap = field(default_factory=lambda: FieldMap({}))
    fallback_date: dt.date | None = None
    input_format: str | None = None
