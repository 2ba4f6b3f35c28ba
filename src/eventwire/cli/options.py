"""Every option that more than one command takes, defined once, with its check.

Each check runs while the command line is parsed, so a bad value is a one-line E00x error
before any store is opened or model loaded: a date that is not YYYY-MM-DD (E005), an actor or
place file that is missing or malformed (E001, E007), an unknown `--language` or a count out of
range (E009). A value of the wrong kind (`--workers abc`, an unknown `--format`) is Click's
usage error (exit status 2). Settings from the environment (`$EVENTWIRE_DB`...) are resolved
here too, from eventwire.settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InvalidDate, InvalidOption
from ..settings import (
    DASK_SCHEDULER_ENV,
    DB_ENV,
    DEFAULT_DB,
    DEFAULT_SPACY_MODEL,
    SPACY_MODEL_ENV,
    current,
)

# -- checks -------------------------------------------------------------------------------------


def _date_of(option: str) -> Callable[[str], dt.date]:
    def parse(value: str) -> dt.date:
        from ..ingest import parse_date

        try:
            parsed = parse_date(value)
        except InvalidDate as err:
            raise InvalidDate(f"{option}: {err.message}") from None
        assert parsed is not None
        return parsed

    return parse


def _at_least(option: str, minimum: int) -> Callable[[int | None], int | None]:
    def check(value: int | None) -> int | None:
        if value is not None and value < minimum:
            raise InvalidOption(f"{option} must be at least {minimum}, not {value}")
        return value

    return check


def _db_or_setting(value: str) -> str:
    return value or current().db


def _actor_files(values: list[Path] | None) -> list[Path] | None:
    from ..batch.commands import check_actor_files

    check_actor_files(values or ())
    return values


def _place_files(values: list[Path] | None) -> list[Path] | None:
    from ..batch.commands import check_place_files

    check_place_files(values or ())
    return values


def _language(value: str | None) -> str | None:
    from ..lang import option

    return None if value is None else option(value)


# -- the store, the coder and its knowledge -----------------------------------------------------

_STORE = "a DuckDB file or PostgreSQL URL (postgresql://host/db, ?schema=NAME for a schema)"

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        callback=_db_or_setting,
        show_default=False,
        help=f"The store: {_STORE} (default: ${DB_ENV}, else {DEFAULT_DB}).",
    ),
]
StoreOption = Annotated[
    str | None,
    typer.Option("--db", help=f"Also store the result in {_STORE}; storing again is harmless."),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help=f"Installed spaCy pipeline (default: ${SPACY_MODEL_ENV}, else {DEFAULT_SPACY_MODEL}).",
    ),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        callback=_actor_files,
        help="Your actor file (.tsv/.yaml, the package files' columns); repeatable, later wins.",
    ),
]
PlacesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--places",
        callback=_place_files,
        help="Your place file (.tsv/.csv: name,aliases,country,admin1,lat,lon,population,"
        "feature,id); its places win over namesakes. Repeatable.",
    ),
]
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--language",
        callback=_language,
        show_default=False,
        help="en (default): documents detected as another language are kept with their "
        "language, not coded; any: code every document as English.",
    ),
]

# -- dates --------------------------------------------------------------------------------------

DateOption = Annotated[
    dt.date | None,
    typer.Option(
        "--date",
        "-d",
        parser=_date_of("--date"),
        metavar="YYYY-MM-DD",
        help="Publication date of documents whose metadata has none: the anchor for "
        "'last week', 'on Monday'.",
    ),
]
SinceOption = Annotated[
    dt.date | None,
    typer.Option(
        "--since", parser=_date_of("--since"), metavar="YYYY-MM-DD", help="From this date."
    ),
]
UntilOption = Annotated[
    dt.date | None,
    typer.Option("--until", parser=_date_of("--until"), metavar="YYYY-MM-DD", help="To this date."),
]

# -- runs ---------------------------------------------------------------------------------------

WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        "-w",
        callback=_at_least("--workers", 1),
        help="Processes that code (Dask: local workers).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help=f"Dask scheduler address (tcp://host:8786; default: ${DASK_SCHEDULER_ENV}, "
        "else a local cluster).",
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        callback=_at_least("--limit", 0),
        help="At most this many (documents to code; rows to show).",
    ),
]
BatchOption = Annotated[
    int,
    typer.Option(
        "--batch-size",
        callback=_at_least("--batch-size", 1),
        help="Documents per batch: one transaction, one partition.",
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress on stderr (bad inputs still are).")
]

# -- output -------------------------------------------------------------------------------------

_FORMAT = ("--format", "-f")


class DocumentFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class NetworkFormat(str, Enum):
    gexf = "gexf"
    graphml = "graphml"
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"
    acled = "acled"
    gdelt = "gdelt"
    plover = "plover"


DocumentFormatOption = Annotated[DocumentFormat, typer.Option(*_FORMAT, help="Output format.")]
TableFormatOption = Annotated[TableFormat, typer.Option(*_FORMAT, help="Output format.")]
NetworkFormatOption = Annotated[NetworkFormat, typer.Option(*_FORMAT, help="Output format.")]
StatsFormatOption = Annotated[StatsFormat, typer.Option(*_FORMAT, help="Output format.")]
ExportFormatOption = Annotated[
    ExportFormat,
    typer.Option(
        *_FORMAT,
        help="parquet/csv: every table; jsonl: events and documents; geojson: located "
        "events; acled, gdelt, plover: events in those data sets' columns (docs/interop.md).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


class Unit(str, Enum):
    cluster = "cluster"
    report = "report"


UnitOption = Annotated[
    Unit, typer.Option("--unit", help="cluster: one row per real-world event; report: per report.")
]
CountryOption = Annotated[
    str | None, typer.Option("--country", help="A country code (ISO3) on either side.")
]
