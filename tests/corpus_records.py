"""A small store of hand-built event records (no spaCy) for the Python API and export tests:
three documents, five events, with places of each precision, casualties and a feared event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventwire.model import (
    Actor,
    Attribution,
    CodedDocument,
    Document,
    Event,
    EventDate,
    EventLocation,
    EventQuantity,
    Evidence,
    Mention,
    Span,
)
from eventwire.store import DuckDBStore, Provenance

IRAN = ("Iran", "IRN", "GOV")
RUSSIA = ("Russia", "RUS", "GOV")
UKRAINE = ("Ukraine", "UKR", "MIL")
CIVILIANS = ("civilians", "UKR", "CVL")


def actor(words: tuple[str, str, str], start: int) -> Actor:
    name, country, sector = words
    return Actor(
        text=name,
        name=name,
        country=country,
        sector=sector,
        span=Span(start=start, end=start + len(name)),
    )


def event(
    event_id: str,
    sentence: str,
    kind: tuple[str, str, int, float],  # type, CAMEO code, quad class, intensity
    source: tuple[str, str, str] | None,
    target: tuple[str, str, str] | None,
    day: dt.date | None,
    place: EventLocation | None = None,
    modality: str = "asserted",
    mode: str | None = None,
    killed: float | None = None,
) -> Event:
    event_type, cameo, quad, intensity = kind
    return Event(
        id=event_id,
        type=event_type,
        cameo=cameo,
        mode=mode,
        context=["military"] if quad == 4 else ["diplomatic"],
        quad_class=quad,
        intensity=intensity,
        trigger=Mention(text=sentence.split()[1], start=0, end=1),
        source=actor(source, 0) if source else None,
        target=actor(target, 10) if target else None,
        modality=modality,  # type: ignore[arg-type]
        date=EventDate(text=None, start=day, end=day, granularity="day") if day else None,
        location=place,
        quantities=[EventQuantity(text=f"{killed:g}", value=killed, casualty="killed")]
        if killed
        else [],
        evidence=Evidence(sentence=0, start=0, end=len(sentence), text=sentence),
        confidence=0.8,
        attribution=Attribution(text="officials said", kind="official"),
        coder="events-test",
    )


YELABUGA = EventLocation(
    text="Yelabuga", name="Yelabuga", country="RUS", lat=55.76, lon=52.04, gazetteer_id="467978"
)
KHERSON = EventLocation(
    text="Kherson Oblast",
    name="Kherson Oblast",
    country="UKR",
    admin1="Kherson",
    lat=46.6,
    lon=32.6,
    gazetteer_id="706442",
    precision="admin1",
)
UKRAINE_WHOLE = EventLocation(
    text="Ukraine", name="Ukraine", country="UKR", lat=49.0, lon=32.0, precision="country"
)


def documents() -> list[CodedDocument]:
    deal = "Iran agreed with Russia to build drones in Yelabuga."
    shelling = "Russia shelled Ukraine in Kherson Oblast, killing 12 people."
    feared = "Officials fear Russia will attack civilians in Ukraine."
    talks = "Iran met Russia. Russia shelled civilians."
    return [
        _document("doc-deal", deal, dt.date(2023, 1, 9), "Reuters", [
            event("ev-deal", deal, ("AGREE", "057", 1, 8.0), IRAN, RUSSIA, dt.date(2023, 1, 5), YELABUGA),
        ]),
        _document("doc-shelling", shelling, dt.date(2023, 1, 18), "AP", [
            event("ev-shell", shelling, ("ASSAULT", "195", 4, -9.5), RUSSIA, UKRAINE,
                  dt.date(2023, 1, 17), KHERSON, mode="heavy-weapons", killed=12),
            event("ev-feared", feared, ("ASSAULT", "190", 4, -10.0), RUSSIA, CIVILIANS,
                  None, UKRAINE_WHOLE, modality="feared"),
        ]),
        _document("doc-talks", talks, dt.date(2023, 2, 2), None, [
            event("ev-talks", talks, ("CONSULT", "040", 1, 1.0), IRAN, RUSSIA, None),
            event("ev-civil", talks, ("ASSAULT", "190", 4, -10.0), RUSSIA, CIVILIANS,
                  dt.date(2023, 2, 1), UKRAINE_WHOLE, killed=3),
        ]),
    ]  # fmt: skip


def _document(
    doc_id: str, text: str, published: dt.date, outlet: str | None, events: list[Event]
) -> CodedDocument:
    document = Document(
        id=doc_id,
        title=text.split(".")[0],
        text=text,
        outlet=outlet,
        url=f"https://example.org/{doc_id}",
        published_at=published,
        anchor_date=published,
    )
    return CodedDocument(document=document, events=events)


def build_store(path: Path) -> Path:
    with DuckDBStore(path) as store:
        for coded in documents():
            store.save(coded, Provenance(coder="test"))
    return path
