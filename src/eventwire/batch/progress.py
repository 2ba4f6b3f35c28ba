"""Progress of a run on stderr: a live bar (documents per second, events, ETA) on a terminal,
a line every few seconds otherwise (logs, CI, a pipe), and bad inputs as warnings."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from ..ingest import InputFailure
    from .summary import RunSummary

MAX_WARNINGS = 50  # after these, failures are counted, and listed in the run's record


class Reporter(Protocol):
    wants_total: bool  # worth counting the inputs first, for an ETA

    def start(self, total: int | None, label: str) -> None: ...

    def update(self, summary: RunSummary) -> None: ...

    def failure(self, failure: InputFailure) -> None: ...

    def stop(self) -> None: ...


def rate(summary: RunSummary) -> float:
    return summary.documents_coded / summary.seconds if summary.seconds > 0 else 0.0


class _Warnings:
    """Prints the first MAX_WARNINGS failures, then one line saying the rest are not shown."""

    def __init__(self) -> None:
        self.shown = 0

    def line(self, failure: InputFailure) -> str | None:
        self.shown += 1
        if self.shown <= MAX_WARNINGS:
            return f"warning {failure} (skipped)"
        if self.shown == MAX_WARNINGS + 1:
            return "warning: more inputs failed; the run's record lists them (eventwire stats)"
        return None


class QuietReporter:
    """No progress; bad inputs are still reported."""

    wants_total = False

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.warnings = _Warnings()

    def start(self, total: int | None, label: str) -> None:
        pass

    def update(self, summary: RunSummary) -> None:
        pass

    def failure(self, failure: InputFailure) -> None:
        line = self.warnings.line(failure)
        if line:
            print(line, file=self.stream, flush=True)

    def stop(self) -> None:
        pass


class LineReporter:
    """A progress line at most every `interval` seconds (the first at once), and at the end
    one with the final count, unless the last line printed gave it already."""

    wants_total = False

    def __init__(self, stream: TextIO | None = None, interval: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self.last = 0.0
        self.label = "ingest"
        self.warnings = _Warnings()
        self.latest: RunSummary | None = None  # the last state seen
        self.printed = ""  # the last line printed

    def start(self, total: int | None, label: str) -> None:
        self.label = label

    def update(self, summary: RunSummary) -> None:
        self.latest = summary
        now = time.monotonic()
        if self.last and now - self.last < self.interval:
            return
        self.last = now
        self._print(summary)

    def _print(self, summary: RunSummary) -> None:
        line = (
            f"{self.label}: {summary.documents_coded} documents coded, "
            f"{summary.documents_skipped} already stored, {summary.failed} failed, "
            f"{summary.events} events"
        )
        if line != self.printed:
            self.printed = line
            print(f"{line} ({rate(summary):.1f} docs/s)", file=self.stream, flush=True)

    def failure(self, failure: InputFailure) -> None:
        line = self.warnings.line(failure)
        if line:
            print(line, file=self.stream, flush=True)

    def stop(self) -> None:
        if self.latest is not None:
            self._print(self.latest)


class BarReporter:
    """A rich progress bar on stderr: done/total, documents per second, events, ETA."""

    wants_total = True

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.warnings = _Warnings()

    def start(self, total: int | None, label: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} docs/s"),
            TextColumn("{task.fields[events]} events"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            speed_estimate_period=60,
            transient=True,  # the run's summary, printed next, says how it ended
        )
        self.progress.start()
        self.task = self.progress.add_task(label, total=total, rate=0.0, events=0)

    def update(self, summary: RunSummary) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(
                self.task, completed=summary.done, rate=rate(summary), events=summary.events
            )

    def failure(self, failure: InputFailure) -> None:
        line = self.warnings.line(failure)
        if line and self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def reporter_for(stream: TextIO | None = None, quiet: bool = False) -> Reporter:
    """A bar on a terminal, lines elsewhere, only warnings when asked to be quiet."""
    stream = stream or sys.stderr
    if quiet:
        return QuietReporter(stream)
    return BarReporter() if stream.isatty() else LineReporter(stream)
