"""Analysis commands: `clusters`, `dyads`, `align`, `shifts`, `network` (eventwire.analysis;
docs/analysis.md). They read the store and bring its clusters up to date; they never re-code."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Any

import typer

from ..settings import current
from .app import app
from .options import (
    CountryOption,
    DbOption,
    LimitOption,
    NetworkFormat,
    NetworkFormatOption,
    SchedulerOption,
    SinceOption,
    TableFormat,
    TableFormatOption,
    Unit,
    UnitOption,
    UntilOption,
    _at_least,
)

PlotOpt = Annotated[
    str | None, typer.Option("--plot", help="Also draw it into FILE.png or FILE.svg (matplotlib).")
]
ByOpt = Annotated[str, typer.Option("--by", help="day, week, month, quarter or year.")]
ParquetOpt = Annotated[
    str | None,
    typer.Option(
        "--parquet",
        metavar="DIR",
        help="Cluster this Parquet directory (`ingest --out`, `export --format parquet`) on "
        "Dask, block by block, into OUT/clusters and OUT/cluster_members (no stories).",
    ),
]
OutOpt = Annotated[
    str | None, typer.Option("--out", help="With --parquet: write here (default DIR/_clusters).")
]
DaskWorkersOpt = Annotated[
    int,
    typer.Option(
        "--workers",
        "-w",
        callback=_at_least("--workers", 1),
        help="With --parquet: local Dask worker processes.",
    ),
]


def _dates(since: dt.date | None, until: dt.date | None) -> dict[str, Any]:
    return {"since": since, "until": until}


@app.command()
def clusters(
    db: DbOption = "",
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    limit: LimitOption = None,
    full: Annotated[
        bool, typer.Option("--full", help="Cluster everything again from scratch.")
    ] = False,
    output: TableFormatOption = TableFormat.table,
    parquet: ParquetOpt = None,
    out: OutOpt = None,
    workers: DaskWorkersOpt = 1,
    scheduler: SchedulerOption = None,
) -> None:
    """Bring the event clusters up to date, then print them with their corroboration."""
    from ..analysis import clusters as cluster_table
    from ..analysis import update_clusters
    from ..analysis.frames import opened, require_events
    from ..analysis.output import write_frame

    if parquet:
        frame = _parquet_clusters(parquet, out, workers, scheduler, country, limit, since, until)
        write_frame(frame[_narrow(frame.columns, output)], output.value)
        return
    with opened(db) as store:
        require_events(store)
        done = update_clusters(store, full=full)
        typer.echo(
            f"clusters: {done.events_added} events added, {done.clusters} clusters, "
            f"{done.stories} stories ({done.version})",
            err=True,
        )
        frame = cluster_table(
            store, country=country, limit=limit, update=False, **_dates(since, until)
        )
    write_frame(frame[_narrow(frame.columns, output)], output.value)


def _narrow(columns: Any, output: TableFormat) -> list[str]:
    return [c for c in columns if output != TableFormat.table or c not in _WIDE]


def _parquet_clusters(
    directory: str,
    out: str | None,
    workers: int,
    scheduler: str | None,
    country: str | None,
    limit: int | None,
    since: dt.date | None,
    until: dt.date | None,
) -> Any:
    """`clusters --parquet DIR`: cluster the directory on Dask, then read back what it wrote."""
    from ..analysis import clusters as cluster_table
    from ..analysis.parquet_clusters import cluster_parquet, clustered_view

    scheduler = scheduler or current().dask_scheduler
    done = cluster_parquet(directory, out, workers=workers, scheduler=scheduler)
    typer.echo(
        f"clusters: {done.events} events, {done.clusters} clusters in {done.buckets} "
        f"buckets on Dask ({done.version}) -> {done.out}",
        err=True,
    )
    with clustered_view(directory, done.out) as store:
        return cluster_table(
            store, country=country, limit=limit, update=False, **_dates(since, until)
        )


_WIDE = ("story_id", "date_end", "lat", "lon", "location_country", "events", "documents")


def print_clusters(db: str, event_filter: Any, fmt: str) -> None:
    """`events --unit cluster`: one row per real-world event, filtered like `events`."""
    from ..analysis import clusters as cluster_table
    from ..analysis.output import write_frame

    frame = cluster_table(
        db, since=event_filter.since, until=event_filter.until, country=event_filter.country
    )
    if event_filter.dyad:
        a, b = (c.upper() for c in event_filter.dyad)
        forward = (frame["source_country"] == a) & (frame["target_country"] == b)
        backward = (frame["source_country"] == b) & (frame["target_country"] == a)
        frame = frame[forward if event_filter.directed else forward | backward]
    if event_filter.types:
        frame = frame[frame["type"].isin(event_filter.types)]
    if event_filter.limit is not None:
        frame = frame.head(event_filter.limit)
    columns = [c for c in frame.columns if fmt != "table" or c not in _WIDE]
    write_frame(frame[columns], fmt)


@app.command()
def dyads(
    a: Annotated[str, typer.Argument(help="A country code (ISO3).")],
    b: Annotated[str, typer.Argument(help="The other country code.")],
    db: DbOption = "",
    by: ByOpt = "month",
    unit: UnitOption = Unit.cluster,
    since: SinceOption = None,
    until: UntilOption = None,
    directed: Annotated[
        bool, typer.Option("--directed", help="Only A as source, B as target.")
    ] = False,
    output: TableFormatOption = TableFormat.table,
    plot: PlotOpt = None,
) -> None:
    """Counts per period and quad class, intensity and the cooperation-conflict index of a dyad."""
    from ..analysis import dyad_series
    from ..analysis.output import write_frame
    from ..analysis.plots import plot_dyads

    series = dyad_series(
        db, a, b, by=by, unit=unit.value, directed=directed, **_dates(since, until)
    )
    if plot:
        title = f"{a.upper()}–{b.upper()}: {unit.value}s per {by}"
        typer.echo(f"plot: {plot_dyads(series, title, plot)}", err=True)
    write_frame(series, output.value)


@app.command()
def align(
    country: Annotated[str, typer.Argument(help="A country code (ISO3).")],
    db: DbOption = "",
    blocs: Annotated[str | None, typer.Option("--blocs", help="Your blocs file (YAML).")] = None,
    by: Annotated[
        str, typer.Option("--by", help="day, week, month, quarter, year or all.")
    ] = "quarter",
    within: Annotated[
        str | None, typer.Option("--within", help="Shares of cooperation with this bloc only.")
    ] = None,
    unit: UnitOption = Unit.cluster,
    since: SinceOption = None,
    until: UntilOption = None,
    samples: Annotated[int, typer.Option("--samples", help="Bootstrap samples.")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Bootstrap seed.")] = 0,
    output: TableFormatOption = TableFormat.table,
    plot: PlotOpt = None,
) -> None:
    """A country's share of cooperation and conflict with each partner and bloc, over time."""
    from ..analysis import alignment
    from ..analysis.output import write_frame
    from ..analysis.plots import plot_alignment

    table = alignment(
        db,
        country,
        by=by,
        blocs=blocs,
        unit=unit.value,
        samples=samples,
        seed=seed,
        within=within,
        **_dates(since, until),
    )
    if plot:
        title = f"{country.upper()}: share of its cooperation, per {by} (95% bootstrap)"
        typer.echo(f"plot: {plot_alignment(table, title, plot)}", err=True)
    write_frame(table, output.value)


@app.command()
def shifts(
    a: Annotated[str | None, typer.Argument(help="A country (its series), or none.")] = None,
    b: Annotated[str | None, typer.Argument(help="With A: the dyad's series.")] = None,
    db: DbOption = "",
    by: ByOpt = "week",
    unit: UnitOption = Unit.cluster,
    measure: Annotated[
        str, typer.Option("--measure", help="events, coop, conflict, intensity_sum.")
    ] = "events",
    since: SinceOption = None,
    until: UntilOption = None,
    penalty: Annotated[float, typer.Option("--penalty", help="Change-point penalty.")] = 8.0,
    surge_ratio: Annotated[float, typer.Option("--surge-ratio")] = 2.0,
    surge_floor: Annotated[int, typer.Option("--surge-floor")] = 5,
    output: TableFormatOption = TableFormat.table,
    plot: PlotOpt = None,
) -> None:
    """Change points and surges on a dyad's, a country's or the busiest dyads' series."""
    from ..analysis import dyad_series
    from ..analysis import shifts as find_shifts
    from ..analysis.output import write_frame
    from ..analysis.plots import plot_shifts

    alerts = find_shifts(
        db,
        a,
        b,
        by=by,
        unit=unit.value,
        measure=measure,
        penalty=penalty,
        surge_ratio=surge_ratio,
        surge_floor=surge_floor,
        **_dates(since, until),
    )
    if plot and a and b:
        series = dyad_series(db, a, b, by=by, unit=unit.value, **_dates(since, until))
        title = f"{a.upper()}–{b.upper()} {measure} per {by}"
        typer.echo(f"plot: {plot_shifts(series, alerts, measure, title, plot)}", err=True)
    elif plot:
        typer.echo("plot: --plot draws a dyad's series; give two countries", err=True)
    write_frame(alerts, output.value)


@app.command()
def network(
    db: DbOption = "",
    since: SinceOption = None,
    until: UntilOption = None,
    unit: UnitOption = Unit.cluster,
    kind: Annotated[str, typer.Option("--kind", help="all, cooperation or conflict.")] = "all",
    output: NetworkFormatOption = NetworkFormat.gexf,
    out: Annotated[
        str | None, typer.Option("--out", help="Write to this file (else stdout).")
    ] = None,
) -> None:
    """The cooperation/conflict network of a period, for Gephi (GEXF, GraphML) or as edges."""
    from ..analysis import network as build_network
    from ..analysis import network_edges, write_network
    from ..analysis.output import write_frame

    dates = _dates(since, until)
    if output.value in {"gexf", "graphml"}:
        graph = build_network(db, unit=unit.value, kind=kind, **dates)
        if out:
            typer.echo(f"network: {write_network(graph, out, output.value)}", err=True)
            return
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            path = write_network(graph, Path(tmp) / f"network.{output.value}", output.value)
            sys.stdout.write(path.read_text("utf-8"))
        return
    write_frame(network_edges(db, unit=unit.value, kind=kind, **dates), output.value)
