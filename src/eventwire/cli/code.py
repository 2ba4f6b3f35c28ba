"""`eventwire code`, `schema` and `version`: one article in, sourced events out."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated

import typer

from .. import __version__
from .app import PARTIAL_FAILURE, app
from .options import (
    ActorsOption,
    DateOption,
    DocumentFormat,
    DocumentFormatOption,
    LanguageOption,
    ModelOption,
    PlacesOption,
    StoreOption,
)

if TYPE_CHECKING:
    from ..ingest import Sourced
    from ..model import CodedDocument


@app.command()
def code(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files to code, read as `ingest` reads them (text, HTML, JSON, JSON Lines, "
            "CSV, feeds; .gz too); '-' reads standard input."
        ),
    ],
    date: DateOption = None,
    output: DocumentFormatOption = DocumentFormat.table,
    model: ModelOption = None,
    db: StoreOption = None,
    actors: ActorsOption = None,
    places: PlacesOption = None,
    language: LanguageOption = None,
) -> int:
    """Code articles into events: who did what to whom, when, where, how much, per whom."""
    from ..pipeline import coder
    from .inputs import read_code_inputs
    from .report import document_warnings

    read = read_code_inputs(sources, date)
    chosen = coder(model, actors or (), places or (), language or "en")
    results = list(chosen.code_documents(s.document for s in read.documents))
    for failure in read.skipped:
        typer.echo(f"warning {failure} (skipped)", err=True)
    undated = sum(c.document.anchor_fallback for c in results)
    other = sum(c.document.language != "en" for c in results)
    for warning in document_warnings(undated, other, dt.date.today().isoformat()):
        typer.echo(warning, err=True)
    if db:
        _store(results, read.documents, db)
    _write(results, output)
    return PARTIAL_FAILURE if read.skipped else 0


def _store(results: list[CodedDocument], sourced: list[Sourced], db: str) -> None:
    from ..batch.commands import save_coded

    save_coded(db, [(coded, item.location) for coded, item in zip(results, sourced, strict=True)])


def _write(coded: list[CodedDocument], output: DocumentFormat) -> None:
    from .render import print_table

    if output is DocumentFormat.table:
        for item in coded:
            print_table(item)
    elif output is DocumentFormat.json:
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
    """Print the versions of eventwire and of each coding stage, and the knowledge files' hash."""
    from ..pipeline import versions

    typer.echo(f"eventwire {__version__}")
    for stage, name in versions().items():
        typer.echo(f"  {stage}: {name}")
