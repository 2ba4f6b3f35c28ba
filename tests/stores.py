"""Hand-made event records and the small stores built from them (no spaCy), for the tests of
the store's readers: analysis, the Python API, exports, the HTTP API and the dashboard.

One builder of events (`event`) and of documents (`document`); two sample corpora on top:
`corpus_documents()` (three documents, five events, places of each precision, casualties, a
feared event) and `sample_documents()` (three documents, nine events, with the mentions that
the API's highlighting reads). Also the TestClient import (Starlette warns that it will move to
another httpx package)."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.model import (
    Actor,
    Attribution,
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
    from fastapi.testclient import TestClient  # noqa: F401  (imported from here by the API tests)

# PLOVER type: (quad class, intensity) when a test does not name its own
QUAD = {
    "ASSAULT": (4, -9.0),
    "CONSULT": (1, 1.0),
    "AID": (2, 7.0),
    "ACCUSE": (3, -2.0),
    "AGREE": (1, 8.0),
}


def actor(name: str, country: str | None, sector: str | None = None, start: int = 0) -> Actor:
    """An actor named `name` at `start` of its text."""
    return Actor(
        text=name,
        name=name,
        country=country,
        sector=sector,
        span=Span(start=start, end=start + len(name)),
    )


def event(
    eid: str,
    kind: str,
    source: str | Actor | None,
    target: str | Actor | None,
    text: str,
    day: dt.date | None,
    *,
    cameo: str = "190",
    quad: tuple[int, float] | None = None,  # quad class, intensity; else the type's in QUAD
    trigger: Mention | None = None,
    granularity: str = "day",
    end: dt.date | None = None,
    date_text: str | None = "today",
    place: tuple[str, float, float] | EventLocation | None = None,
    killed: float | None = None,
    modality: str = "asserted",
    mode: str | None = None,
    attribution: str | None = None,  # its kind: official, ...
    attributed_to: str = "officials",
    context: list[str] | None = None,
    evidence_start: int = 0,
    confidence: float = 0.9,
    coder: str = "test-coder",
) -> Event:
    """An event; a source or target given as a code is an actor of that name and country."""
    quad_class, intensity = quad or QUAD[kind]

    def who(value: str | Actor | None) -> Actor | None:
        if isinstance(value, str):
            return Actor(text=value, name=value, country=value, span=Span(start=0, end=1))
        return value

    if isinstance(place, tuple):
        place = EventLocation(text=place[0], name=place[0], lat=place[1], lon=place[2])
    return Event(
        id=eid,
        type=kind,
        cameo=cameo,
        mode=mode,
        context=context or [],
        quad_class=quad_class,
        intensity=intensity,
        trigger=trigger or Mention(text="x", start=0, end=1),
        source=who(source),
        target=who(target),
        modality=modality,  # type: ignore[arg-type]
        attribution=attribution and Attribution(text=attributed_to, kind=attribution),  # type: ignore[arg-type]
        date=day and EventDate(text=date_text, start=day, end=end or day, granularity=granularity),  # type: ignore[arg-type]
        location=place,
        quantities=[EventQuantity(text=f"{killed:g}", value=killed, casualty="killed")]
        if killed is not None
        else [],
        evidence=Evidence(
            sentence=0, start=evidence_start, end=evidence_start + len(text), text=text
        ),
        confidence=confidence,
        coder=coder,
    )


def document(
    doc_id: str,
    text: str,
    published: dt.date | None,
    outlet: str | None,
    events: list[Event],
    *,
    title: str | None = None,
    url: str | None = None,
    mentions: Mentions | None = None,
) -> CodedDocument:
    """A coded document; with a `title` it is anchored at its publication date, as coded ones are."""
    return CodedDocument(
        document=Document(
            id=doc_id,
            title=title,
            text=text,
            outlet=outlet,
            url=url,
            published_at=published,
            anchor_date=published if title else None,
        ),
        events=events,
        mentions=mentions or Mentions(),
    )


def build_store(path: Path, documents: Sequence[CodedDocument] | None = None) -> Path:
    """A DuckDB store of `documents` (by default the API's sample)."""
    with DuckDBStore(path) as store:
        store.save_new([(d, Provenance(coder="test")) for d in documents or sample_documents()])
    return path


# -- the corpus of the Python API and export tests ---------------------------------------------

IRAN_GOV = ("Iran", "IRN", "GOV")
RUSSIA_GOV = ("Russia", "RUS", "GOV")
UKRAINE_MIL = ("Ukraine", "UKR", "MIL")
CIVILIANS = ("civilians", "UKR", "CVL")
YELABUGA_PLACE = EventLocation(
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


def _record(
    eid: str,
    sentence: str,
    kind: tuple[str, str, int, float],  # type, CAMEO code, quad class, intensity
    source: tuple[str, str, str],
    target: tuple[str, str, str],
    day: dt.date | None,
    place: EventLocation | None = None,
    **more: object,
) -> Event:
    event_type, cameo, quad, intensity = kind
    return event(
        eid,
        event_type,
        actor(*source, start=0),
        actor(*target, start=10),
        sentence,
        day,
        cameo=cameo,
        quad=(quad, intensity),
        trigger=Mention(text=sentence.split()[1], start=0, end=1),
        date_text=None,
        place=place,
        context=["military"] if quad == 4 else ["diplomatic"],
        attribution="official",
        attributed_to="officials said",
        confidence=0.8,
        coder="events-test",
        **more,  # type: ignore[arg-type]
    )


def _corpus_document(
    doc_id: str, text: str, published: dt.date, outlet: str | None, events: list[Event]
) -> CodedDocument:
    title, url = text.split(".")[0], f"https://example.org/{doc_id}"
    return document(doc_id, text, published, outlet, events, title=title, url=url)


def corpus_documents() -> list[CodedDocument]:
    deal = "Iran agreed with Russia to build drones in Yelabuga."
    shelling = "Russia shelled Ukraine in Kherson Oblast, killing 12 people."
    feared = "Officials fear Russia will attack civilians in Ukraine."
    talks = "Iran met Russia. Russia shelled civilians."
    return [
        _corpus_document("doc-deal", deal, dt.date(2023, 1, 9), "Reuters", [
            _record("ev-deal", deal, ("AGREE", "057", 1, 8.0), IRAN_GOV, RUSSIA_GOV,
                    dt.date(2023, 1, 5), YELABUGA_PLACE),
        ]),
        _corpus_document("doc-shelling", shelling, dt.date(2023, 1, 18), "AP", [
            _record("ev-shell", shelling, ("ASSAULT", "195", 4, -9.5), RUSSIA_GOV, UKRAINE_MIL,
                    dt.date(2023, 1, 17), KHERSON, mode="heavy-weapons", killed=12),
            _record("ev-feared", feared, ("ASSAULT", "190", 4, -10.0), RUSSIA_GOV, CIVILIANS,
                    None, UKRAINE_WHOLE, modality="feared"),
        ]),
        _corpus_document("doc-talks", talks, dt.date(2023, 2, 2), None, [
            _record("ev-talks", talks, ("CONSULT", "040", 1, 1.0), IRAN_GOV, RUSSIA_GOV, None),
            _record("ev-civil", talks, ("ASSAULT", "190", 4, -10.0), RUSSIA_GOV, CIVILIANS,
                    dt.date(2023, 2, 1), UKRAINE_WHOLE, killed=3),
        ]),
    ]  # fmt: skip


def build_corpus_store(path: Path) -> Path:
    with DuckDBStore(path) as store:
        for coded in corpus_documents():
            store.save(coded, Provenance(coder="test"))
    return path


# -- the sample of the HTTP API and dashboard tests: text, spans and mentions that agree -------


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
    slug = title.lower().replace(" ", "-")
    text = title + "\n"
    events: list[Event] = []
    mentions: dict[str, list[object]] = {"places": [], "dates": [], "quantities": []}
    for n, spec in enumerate(specs):
        start = len(text)
        sentence = sentence_of(spec)
        text += sentence
        events.append(_spec_event(f"{slug}-{n}", spec, text, start, sentence, mentions))
    return document(
        f"doc-{slug}",
        text,
        published,
        outlet,
        events,
        title=title,
        url=f"https://example.org/{slug}",
        mentions=Mentions.model_validate(mentions),
    )


def _span(text: str, words: str, offset: int) -> tuple[int, int]:
    start = text.index(words, offset)
    return start, start + len(words)


def _spec_event(
    eid: str, spec: Spec, text: str, start: int, sentence: str, mentions: dict[str, list[object]]
) -> Event:
    s0, s1 = _span(text, spec.source[0], start)
    t0, t1 = _span(text, spec.target[0], s1)
    v0, v1 = _span(text, spec.verb, s1)
    location = None
    if spec.place:
        words, lat, lon, precision = spec.place
        p0, p1 = _span(text, words, t1)
        mentions["places"].append(
            PlaceMention(text=words, start=p0, end=p1, name=words, lat=lat, lon=lon)
        )
        location = EventLocation(text=words, name=words, lat=lat, lon=lon, precision=precision)  # type: ignore[arg-type]
    day = date_text = None
    if spec.date:
        date_text, day = spec.date
        d0, d1 = _span(text, date_text, t1)
        mentions["dates"].append(
            DateMention(
                text=date_text, start=d0, end=d1, date_start=day, date_end=day, granularity="day"
            )
        )
    if spec.figure:
        q0, q1 = _span(text, spec.figure, t1)
        mentions["quantities"].append(
            QuantityMention(text=spec.figure, start=q0, end=q1, value=float(spec.figure))
        )
    quad = QUAD[spec.type][0]
    return event(
        eid,
        spec.type,
        actor(spec.source[0], spec.source[1], start=s0),
        actor(spec.target[0], spec.target[1], start=t0),
        sentence,
        day,
        cameo="190" if spec.type == "ASSAULT" else "040",
        quad=(quad, -8.0 if quad == 4 else 3.0),
        trigger=Mention(text=spec.verb, start=v0, end=v1),
        date_text=date_text,
        place=location,
        killed=float(spec.figure) if spec.figure else None,
        modality=spec.modality,
        evidence_start=start,
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
    day = dt.timedelta(1)
    return [
        coded_document(
            "Drone deal",
            [
                Spec(IRAN, "signed a deal with", RUSSIA, "AGREE", place=YELABUGA,
                     date=("Jan 5", jan)),
                Spec(RUSSIA, "met", IRAN, "CONSULT", place=MOSCOW, date=("Jan 6", jan + day)),
                Spec(IRAN, "sent aid to", RUSSIA, "AID", modality="planned"),
            ],
            feb,
            "Daily Star",
        ),
        coded_document(
            "Strike in Syria",
            [
                Spec(ISRAEL, "struck", IRAN, "ASSAULT", place=SYRIA,
                     date=("Feb 20", dt.date(2023, 2, 20)), figure="12"),
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
                Spec(CHINA, "accused", USA, "ACCUSE", date=("Mar 21", mar + day)),
                Spec(USA, "sent aid to", CHINA, "AID", modality="planned",
                     date=("Mar 22", mar + 2 * day)),
            ],
            mar,
            "Wire",
        ),
    ]  # fmt: skip
