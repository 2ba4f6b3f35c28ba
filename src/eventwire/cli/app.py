"""The Typer app; the options that several commands share are in options.py."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="eventwire: sourced, structured political event data from news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


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
