"""Where, when and how much: attach a date, a location and quantities to an event."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..model import (
    DateMention,
    EventDate,
    EventLocation,
    EventQuantity,
    PlaceMention,
    QuantityMention,
)
from ..nlp import starting_in, text_of

_DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
}
_MONEY = {"USD", "EUR", "GBP"}
_LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "over", "from"}
# a place cited as wire and event-data notes cite it: "in Kidal town (Kidal, Kidal region)"
_WIRE_CITATION = re.compile(r"(?: (?:town|city|village))? \([^()\n]{1,80},[^()\n]{1,80}\)")


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _within(span: Span, sent: Span) -> bool:
    return sent.start_char <= span.start_char and span.end_char <= sent.end_char


def _attached(span: Span, trigger: Token) -> bool:
    """True when the mention hangs off the trigger (directly or through a preposition)."""
    head = span.root
    for _ in range(3):
        if head.i == trigger.i:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return head.i == trigger.i


def event_date(
    trigger: Token, dates: list[DateMention], reference: EventDate | None, published: dt.date | None
) -> EventDate | None:
    """The date attached to the trigger, else the nearest in the sentence, else context."""
    sent, doc = trigger.sent, trigger.doc
    in_sentence = [
        (d, s)
        for d in starting_in(doc, dates, sent.start_char, sent.end_char)
        if (s := _tokens(doc, d.start, d.end)) is not None and _within(s, sent)
    ]
    if in_sentence:
        attached = [d for d, s in in_sentence if _attached(s, trigger)]
        chosen = (
            attached[0]
            if attached
            else min(in_sentence, key=lambda ds: abs(ds[0].start - trigger.idx))[0]
        )
        return EventDate(
            text=chosen.text,
            start=chosen.date_start,
            end=chosen.date_end,
            granularity=chosen.granularity,
        )
    if reference is not None:
        return reference.model_copy(update={"inferred": True})
    if published is not None:
        return EventDate(
            text=None, start=published, end=published, granularity="day", inferred=True
        )
    return None


def _reference_point(span: Span) -> bool:
    """'960 km east of Moscow': Moscow locates something else; it is not where the event is."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    return len(before) >= 2 and before[-1] == "of" and before[-2] in _DIRECTIONS


def _locative(span: Span) -> bool:
    """Under a preposition of place: "in Yelabuga", "in the Russian town of Yelabuga"."""
    head = span.root
    for _ in range(4):
        if head.dep_ == "prep" and head.lower_ in _LOCATIVE_PREPS:
            return True
        if head.head.i == head.i or head.dep_ not in {"pobj", "prep", "appos", "compound"}:
            return False
        head = head.head
    return False


def _same_clause(span: Span, trigger: Token) -> bool:
    """No other verb between the place and the trigger on the way up the parse."""
    head = span.root.head
    while head.i != trigger.i and head.head.i != head.i:
        if head.pos_ == "VERB":
            return False
        head = head.head
    return head.i == trigger.i or head.i == trigger.head.i


def event_location(trigger: Token, places: list[PlaceMention]) -> EventLocation | None:
    """A place in the trigger's sentence under a preposition of place: one attached to the
    trigger first, else the first such place that is not a reference point ("east of Moscow")."""
    place = event_place(trigger, places)
    if place is None:
        return None
    return EventLocation(
        text=place.text,
        name=place.name,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        gazetteer_id=place.gazetteer_id,
        admin1=place.admin1,
        precision=_precision(place),
    )


def event_place(trigger: Token, places: list[PlaceMention]) -> PlaceMention | None:
    """The mention of the place the event happens in (see `event_location`)."""
    sent, doc = trigger.sent, trigger.doc
    options, cited = [], []
    for place in starting_in(doc, places, sent.start_char, sent.end_char):
        span = _tokens(doc, place.start, place.end)
        if span is None or not _within(span, sent):
            continue
        if _WIRE_CITATION.match(text_of(doc), place.end) and place.feature != "country":
            cited.append((place, span))
        if _reference_point(span) or not _locative(span):
            continue
        options.append((place, span))
    attached = [p for p, s in options if _attached(s, trigger)]
    # a town named anywhere in the clause locates the event; a country there is only context
    nearby = [p for p, s in options if p.feature != "country" and _same_clause(s, trigger)]
    # a note that cites its place with district and province places the events it reports:
    # the cited place of the trigger's words first, else the sentence's first
    cited_here = [p for p, s in cited if _attached(s, trigger)]
    found = cited_here or [p for p, _ in cited] or attached or nearby
    return found[0] if found else None


def _precision(place: PlaceMention) -> Literal["point", "admin1", "country", "region"]:
    if place.feature == "country":
        return "country"
    if place.feature in {"region", "continent"}:
        return "region"
    if place.feature == "admin" or place.approximate:
        return "admin1"
    return "point"


def event_quantities(trigger: Token, quantities: list[QuantityMention]) -> list[EventQuantity]:
    """Counted things and money in the trigger's sentence, with their casualty label ("12
    killed"); distances and percentages describe something else ("960 km east of Moscow")."""
    sent = trigger.sent
    return [
        EventQuantity(
            text=q.text,
            value=q.value,
            value_max=q.value_max,
            unit=q.unit,
            counted=q.counted,
            concept=q.concept,
            casualty=q.casualty,
            note=q.note,
        )
        for q in starting_in(trigger.doc, quantities, sent.start_char, sent.end_char)
        if q.end <= sent.end_char and (q.counted or q.casualty or q.unit in _MONEY)
    ]
