"""What readers yield: a document with the place it came from, or a failure saying where and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import EventwireError
from ..model import Document
from .clean import storable
from .fields import FieldMap

DEFAULT_MAX_CHARS = 2_000_000  # characters of one document's text (`ingest --max-chars`)
UNEXPECTED = "unexpected error"  # what a failure no reader foresaw says, for tests to find


@dataclass(frozen=True)
class Sourced:
    """A document and its location in the input (`feed.xml#3`, `big.jsonl:17`, `a/b.html`)."""

    document: Document
    location: str

    def __post_init__(self) -> None:
        # a file name that is not UTF-8 reaches Python as lone surrogates; the store needs text
        object.__setattr__(self, "location", storable(self.location))


@dataclass(frozen=True)
class InputFailure:
    """One input (a file, a line, a row, a feed entry) that could not be read."""

    location: str
    code: str
    message: str

    def __post_init__(self) -> None:
        # failures are stored with the run; their text quotes the input, so it is cleaned too
        object.__setattr__(self, "location", storable(self.location))
        object.__setattr__(self, "message", storable(self.message))

    def __str__(self) -> str:
        return f"{self.code}: {self.location}: {self.message}"

    @classmethod
    def from_error(cls, location: str, err: EventwireError) -> InputFailure:
        # decode errors name the file already; say it once
        message = err.message.removeprefix(location).strip(" :") or err.message
        return cls(location, err.code, message)

    @classmethod
    def unexpected(cls, location: str, err: BaseException) -> InputFailure:
        """A failure of a kind no reader foresaw: the record is skipped, the run goes on."""
        detail = str(err)[:200]
        return cls(location, "E010", f"{UNEXPECTED} {type(err).__name__} ({detail})")


Item = Sourced | InputFailure


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: the field mapping, the date when metadata gives none, a format to
    force (`text`, `html`, `json`, `jsonl`, `csv`, `tsv`, `feed`) instead of guessing, and the
    most characters a document may have (a longer one is skipped with a warning)."""

    fields: FieldMap = field(default_factory=lambda: FieldMap({}))
    fallback_date: dt.date | None = None
    input_format: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
