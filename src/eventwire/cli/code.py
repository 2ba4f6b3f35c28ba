"""`eventwire code`, `schema` and `version`: one article in, sourced events out."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from .. import __version__
from ..errors import InvalidOption
from .app import (
    ActorsOption,
    DateOption,
    DbOption,
    FormatOption,
    ModelOption,
    OutputFormat,
    PlacesOption,
    app,
)

if TYPE_CHECKING:
    from ..model import CodedDocument


@app.command()
def code(
    sources: Annotated[
        list[str], typer.Argument(help="Text files to code; '-' reads standard input.")
    ],
    date: DateOption = None,
    output: FormatOption = OutputFormat.table,
    model: ModelOption = None,
    db: DbOption = None,
    actors: ActorsOption = None,
    places: PlacesOption = None,
) -> None:
    """Code articles into events: who did what to whom, when, where, how much, per whom."""
    from ..ingest import parse_date, read_source
    from ..pipeline import coder

    published = parse_date(date)
    documents = [read_source(source, published) for source in sources]
    if sum(source == "-" for source in sources) > 1:
        raise InvalidOption("standard input ('-') can be given only once")
    chosen = coder(model, tuple(actors or ()), tuple(places or ()))
    results = list(chosen.code_documents(documents))
    if db:
        _store(results, sources, db)
    _write(results, output)


def _store(results: list[CodedDocument], sources: list[str], db: str) -> None:
    from ..batch.commands import current_coder
    from ..store import Provenance, open_store

    coder = current_coder()
    with open_store(db) as store:
        for coded, source in zip(results, sources, strict=True):
            location = "standard input" if source == "-" else source
            store.save(coded, Provenance(coder=coder, location=location))


def _write(coded: list[CodedDocument], output: OutputFormat) -> None:
    from ..render import print_table

    if output is OutputFormat.table:
        for item in coded:
            print_table(item)
    elif output is OutputFormat.json:
        payload = [c.model_dump(mode="json") for c in coded]
        typer.echo(
            json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False)
        )
    else:
        for item in coded:
            typer.echo(item.model_dump_json())


@app.command()
def schema() -> None:
    """Print the JSON Schema of a coded document (the output of `code --format json`)."""
    from ..model import event_json_schema

    typer.echo(json.dumps(event_json_schema(), indent=2))


@app.command()
def version() -> None:
    """Print the versions of eventwire and of each coding stage."""
    from ..pipeline import VERSIONS

    typer.echo(f"eventwire {__version__}")
    for stage, name in VERSIONS.items():
        typer.echo(f"  {stage}: {name}")
