"""Corpus commands: `ingest`, `recode`, `events`, `export`, `stats`."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import typer

from ..errors import InvalidOption
from ..settings import current
from .app import PARTIAL_FAILURE, app
from .options import (
    ActorsOption,
    BatchOption,
    CountryOption,
    DateOption,
    DbOption,
    ExportFormat,
    ExportFormatOption,
    LanguageOption,
    LimitOption,
    ModelOption,
    PlacesOption,
    QuietOption,
    SchedulerOption,
    SinceOption,
    StatsFormat,
    StatsFormatOption,
    TableFormat,
    TableFormatOption,
    Unit,
    UnitOption,
    UntilOption,
    WorkersOption,
)

# the library's defaults (batch.request.DEFAULT_BATCH_SIZE, ingest.DEFAULT_MAX_CHARS), written
# out so that `eventwire --help` does not import them; a test checks they agree
DEFAULT_BATCH_SIZE = 32
DEFAULT_MAX_CHARS = 2_000_000
# the ingest options that a run records, and `--resume` reuses (batch/resume.py)
_RECORDED = (
    *("date", "field_map", "input_format", "limit", "batch_size", "max_chars"),
    *("model", "actors", "places", "language"),
)


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
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories (txt, html, json, jsonl, csv, tsv, rss/atom/xml; .gz "
            "too), '-' for standard input. With --resume and none: the interrupted run's."
        ),
    ] = None,
    db: DbOption = "",
    out: Annotated[
        str | None,
        typer.Option("--out", help="Write Parquet partitions to this directory instead of --db."),
    ] = None,
    date: DateOption = None,
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
    scheduler: SchedulerOption = None,
    limit: LimitOption = None,
    batch_size: BatchOption = DEFAULT_BATCH_SIZE,
    max_chars: Annotated[
        int,
        typer.Option("--max-chars", help="Skip, with a warning, documents longer than this."),
    ] = DEFAULT_MAX_CHARS,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue the last unfinished ingest run, with the options it was started with.",
        ),
    ] = False,
    model: ModelOption = None,
    quiet: QuietOption = False,
    actors: ActorsOption = None,
    places: PlacesOption = None,
    language: LanguageOption = None,
) -> int:
    """Read, code and store a corpus; re-ingesting stores nothing twice."""
    from ..batch import IngestRequest
    from ..batch.commands import ingest_command
    from .report import run_warnings, summary_line

    if engine is Engine.dask and scheduler is None:
        scheduler = current().dask_scheduler
    request = IngestRequest(
        inputs=list(inputs or []),
        date=date.isoformat() if date else None,
        field_map=field_map,
        input_format=input_format.value if input_format else None,
        limit=limit,
        batch_size=batch_size,
        max_chars=max_chars,
        model=model,
        actors=tuple(str(p) for p in actors or ()),
        places=tuple(str(p) for p in places or ()),
        language=language or "en",
    )
    try:
        summary = ingest_command(
            request,
            db=db,
            out=out,
            engine=engine.value,
            workers=workers,
            scheduler=scheduler,
            resume=resume,
            given=[name for name in _RECORDED if _named(ctx, name)],
            quiet=quiet,
        )
    except KeyboardInterrupt:
        target = f"--out {out}" if out else f"--db {db}"
        typer.echo(f"error: interrupted; to finish: eventwire ingest --resume {target}", err=True)
        return 130
    for warning in run_warnings(summary, dt.date.today().isoformat()):
        typer.echo(warning, err=True)
    typer.echo(summary_line(summary))
    return PARTIAL_FAILURE if summary.failed else 0


def _named(ctx: typer.Context, name: str) -> bool:
    """Whether the user gave the option (on the command line), not its default."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in {"DEFAULT", "DEFAULT_MAP"}


@app.command()
def recode(
    db: DbOption = "",
    everything: Annotated[
        bool, typer.Option("--all", help="Re-code every document, not only stale ones.")
    ] = False,
    workers: WorkersOption = 1,
    limit: LimitOption = None,
    batch_size: BatchOption = DEFAULT_BATCH_SIZE,
    model: ModelOption = None,
    quiet: QuietOption = False,
    actors: ActorsOption = None,
    places: PlacesOption = None,
    language: LanguageOption = None,
) -> int:
    """Re-code stored documents that other stage versions coded (see `eventwire version`)."""
    from ..batch.commands import recode_command
    from .report import run_warnings, summary_line

    try:
        summary = recode_command(
            db,
            everything=everything,
            workers=workers,
            limit=limit,
            batch_size=batch_size,
            model=model,
            actors=actors or (),
            places=places or (),
            language=language or "en",
            quiet=quiet,
        )
    except KeyboardInterrupt:
        typer.echo(f"error: interrupted; run `eventwire recode --db {db}` again", err=True)
        return 130
    for warning in run_warnings(summary, "their stored anchor, kept"):
        typer.echo(warning, err=True)
    typer.echo(summary_line(summary, verb="re-coded"))
    return PARTIAL_FAILURE if summary.failed else 0


@app.command()
def events(
    db: DbOption = "",
    dyad: Annotated[
        tuple[str, str] | None,
        typer.Option("--dyad", help="Two country codes: events between them (either way)."),
    ] = None,
    directed: Annotated[
        bool, typer.Option("--directed", help="--dyad A B: only A as source, B as target.")
    ] = False,
    country: CountryOption = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER type (repeatable).")
    ] = None,
    modalities: Annotated[
        list[str] | None, typer.Option("--modality", help="asserted, planned, ... (repeatable).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    output: TableFormatOption = TableFormat.table,
    unit: UnitOption = Unit.report,
) -> None:
    """Query stored events by dyad, country, type, modality and date."""
    from ..store.query import EventFilter
    from .report import events_command

    event_filter = EventFilter(
        dyad=dyad,
        directed=directed,
        country=country,
        types=_choices("--type", types, event_types()),
        modalities=_choices("--modality", modalities, modality_names()),
        since=since,
        until=until,
        limit=limit,
    )
    if unit is Unit.cluster:
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


@app.command()
def export(
    out_dir: Annotated[str, typer.Argument(help="Directory to write into (created).")],
    db: DbOption = "",
    output: ExportFormatOption = ExportFormat.parquet,
) -> None:
    """Export the store: tables as Parquet or CSV, events as JSON Lines, GeoJSON, or in ACLED's,
    GDELT's or PLOVER's columns."""
    from ..batch.commands import export_command

    for path in export_command(db, output.value, out_dir):
        typer.echo(str(path))


@app.command()
def stats(
    db: DbOption = "",
    output: StatsFormatOption = StatsFormat.table,
    runs: Annotated[int, typer.Option("--runs", min=0, help="How many recent runs to show.")] = 5,
) -> None:
    """What a store holds: counts, events by type, top dyads, recent runs and their failures."""
    from . import report

    report.stats_command(db, output.value, runs)
