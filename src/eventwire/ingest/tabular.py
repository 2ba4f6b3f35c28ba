"""CSV and TSV with a header row. Each physical line is decoded on its own (one bad byte costs
its row, not the rest of the file); rows are parsed strictly, so that a quote left open, which
would swallow the rows after it, is a warning at its line, and the rows after it are read."""

from __future__ import annotations

import csv
import sys
from collections import deque
from collections.abc import Callable, Iterator
from typing import IO

from .items import InputFailure, Item, ReadOptions
from .limits import Line, line_cap, physical_lines
from .records import record_item

Reader = Callable[[IO[bytes], str, ReadOptions], Iterator[Item]]


class _RowTooLong(Exception):
    """A row over the byte cap: its end cannot be found without reading on without limit."""


class _Feeder:
    """Gives csv the text of physical lines and remembers which lines the current row took;
    lines given back (after a broken row) are read again before the rest."""

    def __init__(self, lines: Iterator[Line], cap: int) -> None:
        self.lines = lines
        self.cap = cap
        self.again: deque[Line] = deque()
        self.row: list[Line] = []
        self.row_bytes = 0
        self.exhausted = False
        self.seen = 0  # lines taken from the input
        self.reread = 0  # lines read again after a broken row

    def __iter__(self) -> _Feeder:
        return self

    def __next__(self) -> str:
        if self.again:
            line = self.again.popleft()
        else:
            try:
                line = next(self.lines)
            except StopIteration:
                self.exhausted = True
                raise
            self.seen += 1
        self.row.append(line)
        self.row_bytes += line.size
        if self.row_bytes > self.cap or (line.error and not line.text):
            raise _RowTooLong(line.error or f"row longer than {self.cap:,} bytes")
        return line.text

    def take_row(self) -> list[Line]:
        row, self.row, self.row_bytes, self.exhausted = self.row, [], 0, False
        return row

    def read_again(self, lines: list[Line]) -> None:
        # every line opening a quote that never closes would make reading quadratic
        self.reread += len(lines)
        if self.reread > 2 * self.seen + 10_000:
            raise _RowTooLong("too many rows with unclosed quotes")
        self.again.extendleft(reversed(lines))


def csv_reader(delimiter: str) -> Reader:
    def read(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
        csv.field_size_limit(sys.maxsize)  # rows are capped by bytes (line_cap) instead
        cap = line_cap(options.max_chars)
        feeder = _Feeder(physical_lines(stream, cap), cap)
        header: list[str] | None = None
        for fields, lines, problem in _rows(feeder, delimiter):
            location = f"{origin}:{lines[0].number}"
            if problem:
                yield InputFailure(location, "E010", problem)
            elif header is None:
                header = fields  # one bad byte in it spoils one column name, not the file
            elif undecodable := [line for line in lines if line.error]:
                yield _undecodable(location, lines[0], undecodable[0])
            else:
                yield record_item(dict(zip(header, fields, strict=False)), location, options)

    return read


def _undecodable(location: str, first: Line, bad: Line) -> InputFailure:
    where = "" if bad.number == first.number else f"line {bad.number}: "
    return InputFailure(location, "E004", f"{where}{bad.error}")


def _rows(feeder: _Feeder, delimiter: str) -> Iterator[tuple[list[str], list[Line], str | None]]:
    """(fields, the physical lines they came from, a problem or None) for every row. A row
    broken over several lines is reported at its first line, and its other lines read again;
    a broken row on one line is read leniently, as Excel would."""
    rows = csv.reader(feeder, delimiter=delimiter, strict=True)
    try:
        while True:
            try:
                fields = next(rows)
            except StopIteration:
                return
            except csv.Error as err:
                lines = feeder.take_row()
                if not lines:
                    return
                yield from _broken_row(feeder, lines, delimiter, str(err))
                continue
            lines = feeder.take_row()
            if fields:  # csv gives [] for a blank line
                yield fields, lines, None
    except _RowTooLong as err:
        lines = feeder.take_row() or [Line(feeder.seen, "", 0)]
        yield [], lines, f"{err}; the rest of the file is skipped (an unclosed quote?)"


def _broken_row(
    feeder: _Feeder, lines: list[Line], delimiter: str, reason: str
) -> Iterator[tuple[list[str], list[Line], str | None]]:
    if len(lines) == 1:
        try:
            fields = next(csv.reader([lines[0].text], delimiter=delimiter), [])
        except csv.Error as err:
            yield [], lines, f"malformed CSV row ({err})"
            return
        if fields:
            yield fields, lines, None
        return
    feeder.read_again(lines[1:])
    last = lines[-1].number
    yield (
        [],
        lines,
        f"malformed CSV row ({reason}): a quote opened here is not closed as it should be, "
        f"and would take lines {lines[0].number}-{last} as one row; the next lines "
        "are read as rows",
    )
