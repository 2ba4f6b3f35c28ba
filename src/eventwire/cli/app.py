"""The Typer app and the options that several commands share."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="eventwire: sourced, structured political event data from news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        "-d",
        help="Publication date (YYYY-MM-DD): the anchor for 'last week', 'on Monday'.",
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model", envvar="EVENTWIRE_SPACY_MODEL", help="Installed spaCy pipeline to use."
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Also store the result in this DuckDB file or PostgreSQL URL (idempotent)."
    ),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        help="Your actor file (.tsv/.yaml, the package files' columns); repeatable, later wins.",
    ),
]
PlacesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--places",
        help="Your place file (.tsv/.csv: name,aliases,country,admin1,lat,lon,population,"
        "feature,id); its places win over namesakes. Repeatable.",
    ),
]
LanguageOption = Annotated[
    str,
    typer.Option(
        "--language",
        help="en: documents detected as another language are kept with their language, not "
        "coded; any: code every document as English.",
    ),
]


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_print_version,
            help="Print eventwire's version and exit (`eventwire version`: every stage's too).",
        ),
    ] = False,
) -> None:
    """eventwire: sourced, structured political event data from news articles."""


PARTIAL_FAILURE = 3  # exit status: the run finished, some inputs were skipped
