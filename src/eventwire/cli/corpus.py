"""Corpus commands: `ingest`, `recode`, `events`, `export`, `stats`."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import typer

from ..errors import InvalidOption
from .app import PARTIAL_FAILURE, ActorsOption, LanguageOption, ModelOption, PlacesOption, app

CorpusDb = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="EVENTWIRE_DB",
        help="DuckDB file or PostgreSQL URL (postgresql://host/db, ?schema=NAME for a schema).",
    ),
]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", help="Processes that code (Dask: local workers).")
]
LimitOption = Annotated[int | None, typer.Option("--limit", help="Code at most this many.")]
BatchOption = Annotated[
    int, typer.Option("--batch-size", help="Documents per batch: one transaction, one partition.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress on stderr (bad inputs still are).")
]


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class InputFormat(str, Enum):
    text = "text"
    html = "html"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    feed = "feed"


@app.command()
def ingest(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories (txt, html, json, jsonl, csv, tsv, rss/atom/xml; .gz "
            "too), '-' for standard input. With --resume and none: the interrupted run's."
        ),
    ] = None,
    db: CorpusDb = "events.duckdb",
    out: Annotated[
        str | None,
        typer.Option("--out", help="Write Parquet partitions to this directory instead of --db."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", help="Publication date (YYYY-MM-DD) when metadata has none."),
    ] = None,
    field_map: Annotated[
        str | None,
        typer.Option("--map", help="JSON/CSV fields: text=body,published_at=date,title=headline."),
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--input-format", help="Read every input as this format (default: guess)."),
    ] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="Where to code.")] = Engine.local,
    workers: WorkersOption = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            envvar="EVENTWIRE_DASK_SCHEDULER",
            help="Dask scheduler address (tcp://host:8786); none: a local cluster.",
        ),
    ] = None,
    limit: LimitOption = None,
    batch_size: BatchOption = 32,
    max_chars: Annotated[
        int,
        typer.Option("--max-chars", help="Skip, with a warning, documents longer than this."),
    ] = 2_000_000,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the last unfinished ingest run.")
    ] = False,
    model: ModelOption = None,
    quiet: QuietOption = False,
    actors: ActorsOption = None,
    places: PlacesOption = None,
    language: LanguageOption = "en",
) -> int:
    """Read, code and store a corpus; re-ingesting stores nothing twice."""
    from ..batch import IngestRequest
    from ..batch.commands import ingest_command
    from ..batch.report import run_warnings, summary_line

    request = IngestRequest(
        inputs=list(inputs or []),
        date=date,
        field_map=field_map,
        input_format=input_format.value if input_format else None,
        limit=limit,
        batch_size=batch_size,
        max_chars=max_chars,
    )
    try:
        summary = ingest_command(
            request,
            db=db,
            out=out,
            engine=engine.value,
            workers=workers,
            scheduler=scheduler,
            model=model,
            resume=resume,
            quiet=quiet,
            actors=actors or (),
            places=places or (),
            language=language,
        )
    except KeyboardInterrupt:
        target = f"--out {out}" if out else f"--db {db}"
        typer.echo(f"error: interrupted; to finish: eventwire ingest --resume {target}", err=True)
        return 130
    for warning in run_warnings(summary, dt.date.today().isoformat()):
        typer.echo(warning, err=True)
    typer.echo(summary_line(summary))
    return PARTIAL_FAILURE if summary.failed else 0


@app.command()
def recode(
    db: CorpusDb = "events.duckdb",
    everything: Annotated[
        bool, typer.Option("--all", help="Re-code every document, not only stale ones.")
    ] = False,
    workers: WorkersOption = 1,
    limit: LimitOption = None,
    batch_size: BatchOption = 32,
    model: ModelOption = None,
    quiet: QuietOption = False,
    actors: ActorsOption = None,
    places: PlacesOption = None,
    language: LanguageOption = "en",
) -> int:
    """Re-code stored documents that other stage versions coded (see `eventwire version`)."""
    from ..batch.commands import recode_command
    from ..batch.report import run_warnings, summary_line

    try:
        summary = recode_command(
            db,
            everything=everything,
            workers=workers,
            limit=limit,
            batch_size=batch_size,
            model=model,
            quiet=quiet,
            actors=actors or (),
            places=places or (),
            language=language,
        )
    except KeyboardInterrupt:
        typer.echo(f"error: interrupted; run `eventwire recode --db {db}` again", err=True)
        return 130
    for warning in run_warnings(summary, "their stored anchor, kept"):
        typer.echo(warning, err=True)
    typer.echo(summary_line(summary, verb="re-coded"))
    return PARTIAL_FAILURE if summary.failed else 0


class EventsFormat(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


@app.command()
def events(
    db: CorpusDb = "events.duckdb",
    dyad: Annotated[
        tuple[str, str] | None,
        typer.Option("--dyad", help="Two country codes: events between them (either way)."),
    ] = None,
    directed: Annotated[
        bool, typer.Option("--directed", help="--dyad A B: only A as source, B as target.")
    ] = False,
    country: Annotated[
        str | None, typer.Option("--country", help="A country code on either side.")
    ] = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER type (repeatable).")
    ] = None,
    modalities: Annotated[
        list[str] | None, typer.Option("--modality", help="asserted, planned, ... (repeatable).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="To this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    output: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.table,
    unit: Annotated[
        str, typer.Option("--unit", help="report: one row per report; cluster: per real event.")
    ] = "report",
) -> None:
    """Query stored events by dyad, country, type, modality and date."""
    from ..batch.commands import events_command
    from ..ingest import parse_date
    from ..store.query import EventFilter

    event_filter = EventFilter(
        dyad=dyad,
        directed=directed,
        country=country,
        types=_choices("--type", types, event_types()),
        modalities=_choices("--modality", modalities, modality_names()),
        since=parse_date(since),
        until=parse_date(until),
        limit=limit,
    )
    if _choices("--unit", [unit], ("report", "cluster")) == ("cluster",):
        from .analysis import print_clusters

        return print_clusters(db, event_filter, output.value)
    events_command(db, event_filter, output.value)


def event_types() -> tuple[str, ...]:
    from ..kb import default

    return tuple(sorted(default().plover))


def modality_names() -> tuple[str, ...]:
    from typing import get_args

    from ..model import Modality

    return get_args(Modality)


def _choices(option: str, given: list[str] | None, valid: tuple[str, ...]) -> tuple[str, ...]:
    """The values as stored (`assault` -> ASSAULT); an unknown one is an E009 naming the valid."""
    by_key = {value.casefold(): value for value in valid}
    chosen = []
    for value in given or ():
        if value.strip().casefold() not in by_key:
            raise InvalidOption(f"{option}: unknown value {value!r}; valid: {', '.join(valid)}")
        chosen.append(by_key[value.strip().casefold()])
    return tuple(chosen)


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"
    acled = "acled"
    gdelt = "gdelt"
    plover = "plover"


@app.command()
def export(
    out_dir: Annotated[str, typer.Argument(help="Directory to write into (created).")],
    db: CorpusDb = "events.duckdb",
    output: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="parquet/csv: every table; jsonl: events and documents; geojson: located "
            "events; acled, gdelt, plover: events in those data sets' columns (docs/interop.md).",
        ),
    ] = ExportFormat.parquet,
) -> None:
    """Export the store: tables as Parquet or CSV, events as JSON Lines, GeoJSON, or in ACLED's,
    GDELT's or PLOVER's columns."""
    from ..batch.commands import export_command

    for path in export_command(db, output.value, out_dir):
        typer.echo(str(path))


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def stats(
    db: CorpusDb = "events.duckdb",
    output: Annotated[StatsFormat, typer.Option("--format", "-f")] = StatsFormat.table,
    runs: Annotated[int, typer.Option("--runs", help="How many recent runs to show.")] = 5,
) -> None:
    """What a store holds: counts, events by type, top dyads, recent runs and their failures."""
    from ..batch.commands import stats_command

    stats_command(db, output.value, runs)
