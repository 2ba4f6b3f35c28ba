"""Coded errors: the CLI prints `code: message` on one line; tests assert on the code."""

from __future__ import annotations


class EventwireError(Exception):
    """An error a user can act on. `code` is stable; the message may change."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputNotFound(EventwireError):
    code = "E001"


class EmptyInput(EventwireError):
    code = "E002"


class BinaryInput(EventwireError):
    code = "E003"


class EncodingError(EventwireError):
    code = "E004"


class InvalidDate(EventwireError):
    code = "E005"


class ModelNotFound(EventwireError):
    code = "E006"


class KnowledgeError(EventwireError):
    """A knowledge file (package data or a user's file) is malformed."""

    code = "E007"


class StoreError(EventwireError):
    code = "E008"


class InvalidOption(EventwireError):
    code = "E009"


class MalformedInput(EventwireError):
    """One input record cannot be read (a bad JSON line, a CSV row without text, a broken
    feed or page): an ingest run logs it with its location, skips it and goes on."""

    code = "E010"


class NoEvents(EventwireError):
    """The store holds events, but none match what was asked (a country, a date range)."""

    code = "E011"
