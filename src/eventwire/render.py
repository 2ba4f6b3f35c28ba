"""Human-readable output of coded documents: a table with the evidence words highlighted."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .model import CodedDocument, Event

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
    span = (
        str(event.date.start)
        if event.date.start == event.date.end
        else f"{event.date.start}..{event.date.end}"
    )
    return f"{span}{' *' if event.date.inferred else ''}"


def table(coded: CodedDocument) -> Table:
    title = coded.document.title or coded.document.id
    t = Table(title=f"{title} — {len(coded.events)} events", show_lines=True, expand=True)
    widths = {
        "#": (2, 3),
        "type": (8, 13),
        "source → target": (20, 36),
        "modality": (8, 12),
        "date": (10, 24),
        "place": (6, 18),
        "quantities": (6, 22),
        "evidence": (40, None),
        "conf": (4, 5),
    }
    for name, (least, most) in widths.items():
        t.add_column(name, overflow="fold", min_width=least, max_width=most)
    for n, e in enumerate(coded.events, start=1):
        modality = e.modality + (" (negated)" if e.negated else "")
        place = f"{e.location.name}, {e.location.country}" if e.location else "-"
        quantities = (
            ", ".join(f"{q.value:,.0f} {q.counted or q.unit or ''}".strip() for q in e.quantities)
            or "-"
        )
        t.add_row(
            str(n),
            f"{e.type} {e.cameo}",
            f"{_actor(e.source)} → {_actor(e.target)}",
            Text(modality, style=_MODALITY_STYLE.get(e.modality, "")),
            _when(e),
            place,
            quantities,
            _evidence(e),
            f"{e.confidence:.2f}",
        )
    return t


def print_table(coded: CodedDocument, console: Console | None = None) -> None:
    # piped output gets a readable fixed width instead of rich's 80-column default
    console = console or Console(width=None if sys.stdout.isatty() else 160)
    console.print(table(coded))
    console.print("[dim]* date inferred from context or the publication date[/dim]")
