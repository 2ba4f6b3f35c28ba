"""The provenance view: for each field of an event, the characters of its document behind it.
Trigger, actors and attribution carry their offsets; a date, a place and a quantity carry
their words, found again among the document's mentions inside the event's sentence."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Event, Mention, Mentions
from .schemas import Highlight, Role


def highlights(event: Event, mentions: Mentions) -> list[Highlight]:
    evidence = event.evidence
    found = [
        Highlight(role="evidence", start=evidence.start, end=evidence.end, text=evidence.text),
        _mark("trigger", event.trigger),
    ]
    for role, actor in (("source", event.source), ("target", event.target)):
        if actor is not None:
            found.append(
                Highlight(role=role, start=actor.span.start, end=actor.span.end, text=actor.text)
            )
    attribution = event.attribution
    if attribution is not None and attribution.span is not None:
        span = attribution.span
        found.append(
            Highlight(role="attribution", start=span.start, end=span.end, text=attribution.text)
        )
    if event.date is not None and event.date.text:
        found += _located("date", event.date.text, mentions.dates, event)
    if event.location is not None:
        found += _located("place", event.location.text, mentions.places, event)
    for quantity in event.quantities:
        found += _located("quantity", quantity.text, mentions.quantities, event)
    return found


def _mark(role: Role, mention: Mention) -> Highlight:
    return Highlight(role=role, start=mention.start, end=mention.end, text=mention.text)


def _located(role: Role, text: str, candidates: Sequence[Mention], event: Event) -> list[Highlight]:
    """The mention with these words in the event's sentence, else the nearest one before it
    (a date or place the sentence takes from its context)."""
    same = [m for m in candidates if m.text == text]
    inside = [m for m in same if event.evidence.start <= m.start < event.evidence.end]
    if inside:
        return [_mark(role, min(inside, key=lambda m: abs(m.start - event.trigger.start)))]
    before = [m for m in same if m.start < event.evidence.start]
    return [_mark(role, max(before, key=lambda m: m.start))] if before else []
