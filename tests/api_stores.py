"""Small stores for the API and dashboard tests, built from Event records (no spaCy), and the
TestClient import (Starlette warns that it will move to another httpx package)."""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from pathlib import Path

from eventwire.model import (
    Actor,
    CodedDocument,
    DateMention,
    Document,
    Event,
    EventDate,
    EventLocation,
    EventQuantity,
    Evidence,
    Mention,
    Mentions,
    PlaceMention,
    QuantityMention,
    Span,
)
from eventwire.store import DuckDBStore, Provenance

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # StarletteDeprecationWarning: httpx -> httpx2
    from fastapi.testclient import TestClient

__all__ = ["TestClient", "build_store", "sample_documents"]

QUAD = {"CONSULT": 1, "AID": 2, "ACCUSE": 3, "ASSAULT": 4, "AGREE": 1}


@dataclass(frozen=True)
class Spec:
    """One sentence of a document and the event it reports."""

    source: tuple[str, str]  # words, country
    verb: str
    target: tuple[str, str]
    type: str
    modality: str = "asserted"
    place: tuple[str, float, float, str] | None = None  # words, lat, lon, precision
    date: tuple[str, dt.date] | None = None
    figure: str | None = None  # '12' (people killed)


def sentence_of(spec: Spec) -> str:
    words = f"{spec.source[0]} {spec.verb} {spec.target[0]}"
    if spec.figure:
        words += f", killing {spec.figure} people"
    if spec.place:
        words += f" in {spec.place[0]}"
    if spec.date:
        words += f" on {spec.date[0]}"
    return words + ". "


def coded_document(title: str, specs: list[Spec], published: dt.date, outlet: str) -> CodedDocument:
    text = title + "\n"
    events: list[Event] = []
    mentions: dict[str, list[object]] = {"places": [], "dates": [], "quantities": []}
    for n, spec in enumerate(specs):
        start = len(text)
        sentence = sentence_of(spec)
        text += sentence
        events.append(
            _event(f"{title.lower().replace(' ', '-')}-{n}", spec, text, start, sentence, mentions)
        )
    document = Document(
        id=f"doc-{title.lower().replace(' ', '-')}",
        title=title,
        text=text,
        outlet=outlet,
        url=f"https://example.org/{title.lower().replace(' ', '-')}",
        published_at=published,
        anchor_date=published,
    )
    return CodedDocument(
        document=document, events=events, mentions=Mentions.model_validate(mentions)
    )


def _span(text: str, words: str, offset: int) -> tuple[int, int]:
    start = text.index(words, offset)
    return start, start + len(words)


def _event(
    event_id: str,
    spec: Spec,
    text: str,
    start: int,
    sentence: str,
    mentions: dict[str, list[object]],
) -> Event:
    s0, s1 = _span(text, spec.source[0], start)
    t0, t1 = _span(text, spec.target[0], s1)
    v0, v1 = _span(text, spec.verb, s1)
    location = date = None
    quantities = []
    if spec.place:
        words, lat, lon, precision = spec.place
        p0, p1 = _span(text, words, t1)
        mentions["places"].append(
            PlaceMention(text=words, start=p0, end=p1, name=words, lat=lat, lon=lon)
        )
        location = EventLocation(text=words, name=words, lat=lat, lon=lon, precision=precision)  # type: ignore[arg-type]
    if spec.date:
        words, day = spec.date
        d0, d1 = _span(text, words, t1)
        mentions["dates"].append(
            DateMention(
                text=words, start=d0, end=d1, date_start=day, date_end=day, granularity="day"
            )
        )
        date = EventDate(text=words, start=day, end=day, granularity="day")
    if spec.figure:
        q0, q1 = _span(text, spec.figure, t1)
        mentions["quantities"].append(
            QuantityMention(text=spec.figure, start=q0, end=q1, value=float(spec.figure))
        )
        quantities.append(
            EventQuantity(text=spec.figure, value=float(spec.figure), casualty="killed")
        )
    return Event(
        id=event_id,
        type=spec.type,
        cameo="190" if spec.type == "ASSAULT" else "040",
        quad_class=QUAD[spec.type],
        intensity=-8.0 if QUAD[spec.type] == 4 else 3.0,
        trigger=Mention(text=spec.verb, start=v0, end=v1),
        source=Actor(
            text=spec.source[0],
            name=spec.source[0],
            country=spec.source[1],
            span=Span(start=s0, end=s1),
        ),
        target=Actor(
            text=spec.target[0],
            name=spec.target[0],
            country=spec.target[1],
            span=Span(start=t0, end=t1),
        ),
        modality=spec.modality,  # type: ignore[arg-type]
        date=date,
        location=location,
        quantities=quantities,
        evidence=Evidence(sentence=0, start=start, end=start + len(sentence), text=sentence),
        confidence=0.8,
        coder="eventwire.events.test",
    )


IRAN = ("Iran", "IRN")
RUSSIA = ("Russia", "RUS")
ISRAEL = ("Israel", "ISR")
USA = ("Washington", "USA")
CHINA = ("China", "CHN")
MOSCOW = ("Moscow", 55.75, 37.62, "point")
YELABUGA = ("Yelabuga", 55.76, 52.04, "point")
SYRIA = ("Syria", 35.0, 38.0, "country")


def sample_documents() -> list[CodedDocument]:
    """Three documents, nine events: dyads IRN-RUS, ISR-IRN, USA-CHN; four types; three
    modalities; places at a point and a country; dates in January to March 2023."""
    jan, feb, mar = dt.date(2023, 1, 5), dt.date(2023, 2, 12), dt.date(2023, 3, 20)
    return [
        coded_document(
            "Drone deal",
            [
                Spec(
                    IRAN, "signed a deal with", RUSSIA, "AGREE", place=YELABUGA, date=("Jan 5", jan)
                ),
                Spec(
                    RUSSIA,
                    "met",
                    IRAN,
                    "CONSULT",
                    place=MOSCOW,
                    date=("Jan 6", jan + dt.timedelta(1)),
                ),
                Spec(IRAN, "sent aid to", RUSSIA, "AID", modality="planned"),
            ],
            feb,
            "Daily Star",
        ),
        coded_document(
            "Strike in Syria",
            [
                Spec(
                    ISRAEL,
                    "struck",
                    IRAN,
                    "ASSAULT",
                    place=SYRIA,
                    date=("Feb 20", dt.date(2023, 2, 20)),
                    figure="12",
                ),
                Spec(IRAN, "accused", ISRAEL, "ACCUSE", date=("Feb 21", dt.date(2023, 2, 21))),
                Spec(ISRAEL, "attacked", IRAN, "ASSAULT", modality="feared"),
            ],
            dt.date(2023, 2, 22),
            "Wire",
        ),
        coded_document(
            "Trade talks",
            [
                Spec(USA, "met", CHINA, "CONSULT", date=("Mar 20", mar)),
                Spec(CHINA, "accused", USA, "ACCUSE", date=("Mar 21", mar + dt.timedelta(1))),
                Spec(
                    USA,
                    "sent aid to",
                    CHINA,
                    "AID",
                    modality="planned",
                    date=("Mar 22", mar + dt.timedelta(2)),
                ),
            ],
            mar,
            "Wire",
        ),
    ]


def build_store(path: Path, documents: list[CodedDocument] | None = None) -> Path:
    with DuckDBStore(path) as store:
        store.save_new([(d, Provenance(coder="test")) for d in documents or sample_documents()])
    return path
