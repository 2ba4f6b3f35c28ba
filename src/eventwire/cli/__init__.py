"""Command line: `eventwire code FILE --date 2023-02-12`, `eventwire schema`, the corpus
commands `ingest`, `recode`, `events`, `export`, `stats`, and the explaining commands `actors`,
`places`, `explain`.

The CLI only parses options and calls library functions; errors are one line on stderr with a
code (see errors.py) and a non-zero exit status: 1 for an error, 2 for a usage error, 3 when a
run finished but some inputs could not be read (they are listed in the run's record), 130 when
interrupted.
"""

from __future__ import annotations

import os
import sys

import typer

from ..errors import EventwireError
from . import code, corpus, inspect  # noqa: F401  (each registers its commands on `app`)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: run the app, turning known errors into one line on stderr."""
    try:
        status = app(standalone_mode=False)
    except EventwireError as err:
        typer.echo(f"error {err}", err=True)
        sys.exit(1)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
    except Exception as err:  # the promise is one line, never a traceback
        if _is_usage_error(err):
            err.show()  # type: ignore[attr-defined]
            sys.exit(err.exit_code)  # type: ignore[attr-defined]
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        typer.echo(
            f"error E999: internal error: {type(err).__name__}: {err} (set EVENTWIRE_DEBUG=1 for a traceback)",
            err=True,
        )
        sys.exit(70)
    if isinstance(status, int) and status:
        sys.exit(status)


def _is_usage_error(err: Exception) -> bool:
    """A bad option or value: Click's exception, which Typer 0.29 vendors as its own class."""
    import click

    vendored = getattr(typer, "TyperException", None)
    kinds = (click.exceptions.ClickException, *([vendored] if vendored else []))
    return isinstance(err, kinds) and hasattr(err, "show")
