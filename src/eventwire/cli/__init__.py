"""Command line: `eventwire code FILE --date 2023-02-12`, `eventwire schema`, the corpus
commands `ingest`, `recode`, `events`, `export`, `stats`, and the explaining commands `actors`,
`places`, `explain`.

The CLI only parses options and calls library functions; errors are one line on stderr with a
code (see errors.py) and a non-zero exit status: 1 for an error (E999 for an internal one, a
bug), 2 for a usage error, 3 when a run finished but some inputs could not be read (they are
listed in the run's record), 130 when interrupted. Output cut short by its reader (`| head`) is
no error: the command ends quietly with status 0.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

import typer

from ..errors import EventwireError
from ..settings import DEBUG_ENV, current
from . import analysis, code, corpus, inspect, serve  # noqa: F401  (each registers its commands on `app`)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: run the app, turning known errors into one line on stderr."""
    guarded = GuardedStdout(sys.stdout)
    sys.stdout = guarded
    try:
        status = app(standalone_mode=False)
    except OutputClosed:  # `eventwire events | head`: the reader has all it wanted
        _drop_stdout()
        sys.exit(0)
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
        if _debugging():
            raise
        typer.echo(
            f"error E999: internal error: {type(err).__name__}: {err} (set {DEBUG_ENV}=1 for a traceback)",
            err=True,
        )
        sys.exit(1)
    finally:
        sys.stdout = guarded.stream
    if isinstance(status, int) and status:
        sys.exit(status)


class OutputClosed(Exception):
    """The reader of stdout has gone. Not an OSError: Click would make a broken pipe exit 1."""


class GuardedStdout:
    """stdout, raising OutputClosed where a write or flush meets a closed pipe."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise OutputClosed from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise OutputClosed from None

    def __getattr__(self, name: str) -> Any:  # fileno, isatty, encoding, buffer...
        return getattr(self.stream, name)


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of what is still
    buffered does not fail again (and print a traceback) on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _debugging() -> bool:
    try:
        return current().debug
    except EventwireError:  # another setting is malformed: that is no reason to hide this one
        return False


def _is_usage_error(err: Exception) -> bool:
    """A bad option or value: Click's exception, which Typer 0.29 vendors as its own class."""
    import click

    vendored = getattr(typer, "TyperException", None)
    kinds = (click.exceptions.ClickException, *([vendored] if vendored else []))
    return isinstance(err, kinds) and hasattr(err, "show")
