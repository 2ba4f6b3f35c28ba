"""What an ingest run was asked to do, in plain values: the inputs, how to read them and the
coder's options. Recorded with the run, so that `--resume` repeats it exactly."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..errors import InvalidOption
from ..ingest import DEFAULT_MAX_CHARS, ReadOptions, check_inputs, parse_date, parse_field_map

DEFAULT_BATCH_SIZE = 32
ENGLISH = "en"


@dataclass(frozen=True)
class IngestRequest:
    """`model` None: $EVENTWIRE_SPACY_MODEL, else the default; `actors` and `places` are the
    user's knowledge files; `language` "any" codes every document as English."""

    inputs: list[str]
    date: str | None = None
    field_map: str | None = None
    input_format: str | None = None
    limit: int | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    max_chars: int = DEFAULT_MAX_CHARS
    model: str | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    language: str = ENGLISH

    def read_options(self) -> ReadOptions:
        return ReadOptions(
            parse_field_map(self.field_map),
            parse_date(self.date),
            self.input_format,
            self.max_chars,
        )

    def resolved(self) -> IngestRequest:
        """The same request in the values it runs with: the model named, the user's files
        as absolute paths, the date as YYYY-MM-DD (so that two requests compare)."""
        from ..settings import current

        date = parse_date(self.date)
        return replace(
            self,
            date=date.isoformat() if date else None,
            model=self.model or current().spacy_model,
            actors=tuple(str(Path(p).resolve()) for p in self.actors),
            places=tuple(str(Path(p).resolve()) for p in self.places),
        )

    def recorded(self) -> dict[str, Any]:
        """The run's options (all but the inputs), with a digest of the user's files."""
        options = asdict(self.resolved())
        options.pop("inputs")
        options["files_digest"] = files_digest([*options["actors"], *options["places"]])
        return options

    def validate(self) -> ReadOptions:
        """Refuse bad options and missing inputs before anything is written."""
        if self.batch_size < 1:
            raise InvalidOption("--batch-size must be at least 1")
        if self.limit is not None and self.limit < 0:
            raise InvalidOption("--limit must be 0 or more")
        if not self.inputs:
            raise InvalidOption("no inputs: name files or directories, or '-' for standard input")
        read = self.read_options()
        check_inputs(self.inputs, read)
        return read


OPTION_FIELDS = tuple(f.name for f in fields(IngestRequest) if f.name != "inputs")


def named_options(request: IngestRequest) -> set[str]:
    """The options a request sets to other values than the defaults."""
    return {
        f.name
        for f in fields(request)
        if f.name != "inputs" and getattr(request, f.name) != f.default
    }


def from_record(inputs: list[str], options: dict[str, Any]) -> dict[str, Any]:
    """The request fields a run's record holds (a run recorded by an older eventwire lacks
    the coder's options); JSON lists back as tuples."""
    known = {name: options[name] for name in OPTION_FIELDS if name in options}
    for name in ("actors", "places"):
        if name in known:
            known[name] = tuple(known[name])
    return {"inputs": inputs, **known}


def files_digest(paths: Iterable[str]) -> str:
    """A digest of the files' contents (a missing file is an error naming it)."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            digest.update(Path(path).read_bytes())
        except OSError as err:
            raise InvalidOption(f"cannot read {path}: {err.strerror}") from None
        digest.update(b"\0")
    return digest.hexdigest()[:16]
