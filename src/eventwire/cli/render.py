"""Human-readable output of coded documents: a table with the evidence words highlighted."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import CodedDocument, Event
from ..settings import current

_MODALITY_STYLE = {
    "asserted": "green",
    "denied": "red",
    "feared": "magenta",
    "threatened": "red",
    "planned": "yellow",
    "intended": "yellow",
    "hypothetical": "cyan",
}


def _actor(actor: object) -> str:
    if actor is None:
        return "-"
    country = getattr(actor, "country", None) or "?"
    sector = getattr(actor, "sector", None)
    return f"{country}{' ' + sector if sector else ''} ({getattr(actor, 'text', '')})"


_CONTEXT_CHARS = 70


def _evidence(event: Event) -> Text:
    """The evidence sentence, cut to the words around the trigger, with trigger and actors marked."""
    sentence, offset = event.evidence.text, event.evidence.start
    lo = max(0, event.trigger.start - offset - _CONTEXT_CHARS)
    hi = min(len(sentence), event.trigger.end - offset + _CONTEXT_CHARS)
    for actor in (event.source, event.target):
        if actor is not None and offset <= actor.span.start < offset + len(sentence):
            lo, hi = min(lo, actor.span.start - offset), max(hi, actor.span.end - offset)
    text = Text(("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else ""))
    offset += lo - (1 if lo else 0)
    text.stylize("bold underline", event.trigger.start - offset, event.trigger.end - offset)
    for actor, style in ((event.source, "bold cyan"), (event.target, "bold magenta")):
        if actor is not None and event.evidence.start <= actor.span.start < event.evidence.end:
            text.stylize(style, actor.span.start - offset, actor.span.end - offset)
    return text


def _when(event: Event) -> str:
    if event.date is None:
        return "-"
    start, end = event.date.start, event.date.end
    # a range on two lines: a narrow column wraps between the dates, never inside one
    span = str(start) if start == end else f"{start}\n..{end}"
    return f"{span}{' *' if event.date.inferred else ''}"


def output_console(stream: TextIO | None = None) -> Console:
    """A console on `stream` (stdout): the terminal's width, or $COLUMNS when set; piped
    output without $COLUMNS gets a readable fixed width instead of rich's 80 columns."""
    target = stream or sys.stdout
    width = current().columns or (None if target.isatty() else PIPED_WIDTH)
    return Console(file=target, width=width)


PIPED_WIDTH = 160
FULL_TABLE_WIDTH = 120  # below this, the compact table
# (column, fixed width, share of the width the fixed columns leave): fixed widths keep whole
# dates, types and confidences; the shared ones (actors, evidence) wrap
_FULL = (
    ("#", 2, 0),
    ("type", 13, 0),
    ("source → target", 0, 3),
    ("modality", 10, 0),
    ("date", 14, 0),
    ("place", 0, 2),
    ("amounts", 0, 2),  # the quantities; a header that fits a narrow column
    ("evidence", 0, 6),
    ("conf", 4, 0),
)
_COMPACT = (
    ("type", 10, 0),
    ("source → target", 0, 2),
    ("date", 14, 0),
    ("evidence", 0, 3),
    ("conf", 4, 0),
)


def table(coded: CodedDocument, width: int = PIPED_WIDTH) -> Table:
    """The events of a document; in fewer than FULL_TABLE_WIDTH columns, a compact table that
    keeps type and modality, actors, whole dates, the evidence and the confidence."""
    title = coded.document.title or coded.document.id
    t = Table(title=f"{title} — {len(coded.events)} events", show_lines=True, expand=True)
    compact = width < FULL_TABLE_WIDTH
    for name, fixed, share in _COMPACT if compact else _FULL:
        t.add_column(name, overflow="fold", width=fixed or None, ratio=share or None)
    for n, e in enumerate(coded.events, start=1):
        t.add_row(*(_compact_row(e) if compact else _full_row(n, e)))
    return t


def _modality(e: Event) -> Text:
    return Text(
        e.modality + (" (negated)" if e.negated else ""),
        style=_MODALITY_STYLE.get(e.modality, ""),
    )


def _full_row(n: int, e: Event) -> list[str | Text]:
    place = f"{e.location.name}, {e.location.country}" if e.location else "-"
    quantities = (
        ", ".join(f"{q.value:,.0f} {q.counted or q.unit or ''}".strip() for q in e.quantities)
        or "-"
    )
    return [
        str(n),
        f"{e.type} {e.cameo}",
        f"{_actor(e.source)} → {_actor(e.target)}",
        _modality(e),
        _when(e),
        place,
        quantities,
        _evidence(e),
        f"{e.confidence:.2f}",
    ]


def _compact_row(e: Event) -> list[str | Text]:
    kind = Text(f"{e.type}\n").append_text(_modality(e))
    actors = f"{_actor(e.source)} → {_actor(e.target)}"
    return [kind, actors, _when(e), _evidence(e), f"{e.confidence:.2f}"]


def print_table(coded: CodedDocument, console: Console | None = None) -> None:
    console = console or output_console()
    console.print(table(coded, console.width))
    console.print("[dim]* date inferred from context or the publication date[/dim]")
