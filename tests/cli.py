"""`eventwire ARGS` in the test process: through the real entry point, `main()`, inside Typer's
`CliRunner` isolation (its own stdin, stdout, stderr and environment). The coder is the
process-wide one, loaded once for the whole run, so a command costs its own work only.

What only a real process shows (a killed run, a closed pipe, `--version` from the installed
entry point, workers that load their own model) stays in subprocess tests."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from eventwire.cli import main

# piped output without $COLUMNS gets this width anyway; set so that tests do not depend on it
COLUMNS = "160"


@dataclass(frozen=True)
class Ran:
    """How a command exited and what it printed."""

    status: int
    stdout: str
    stderr: str

    @property
    def returncode(self) -> int:  # as subprocess.CompletedProcess names it
        return self.status


def run(
    *args: str, stdin: bytes | str | None = None, env: Mapping[str, str | None] | None = None
) -> Ran:
    """Run `eventwire ARGS`; `env` adds to (or, with None, removes from) the environment for
    the command's duration."""
    runner = CliRunner()
    argv = sys.argv
    with runner.isolation(input=stdin, env={"COLUMNS": COLUMNS, **(env or {})}) as streams:
        out, err, _ = streams
        sys.argv = ["eventwire", *args]
        try:
            main()
            status = 0
        except SystemExit as stop:
            status = _status(stop.code)
        finally:
            sys.argv = argv
        sys.stdout.flush()
        sys.stderr.flush()
        return Ran(status, out.getvalue().decode(), err.getvalue().decode())


def _status(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 1  # sys.exit("message") exits 1


def one_line_error(result: Ran, code: str) -> None:
    """The promise for bad input: a non-zero exit and one line on stderr naming the code."""
    assert result.status != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert code in result.stderr, result.stderr


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`eventwire ARGS` through `main()` itself, with pytest capturing the real streams (for what
    CliRunner's isolation hides: the exit status main() sets, the stderr it writes):
    (exit status, stdout, stderr)."""
    argv = sys.argv
    sys.argv = ["eventwire", *args]
    try:
        main()
        status = 0
    except SystemExit as stop:
        status = int(stop.code or 0)
    finally:
        sys.argv = argv
    out, err = capsys.readouterr()
    return status, out, err
