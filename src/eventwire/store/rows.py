"""A coded document as rows of the store's tables (documents, mentions, actors, places, events),
typed columns first and the full record as JSON beside them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import (
    Actor,
    ActorMention,
    CodedDocument,
    Document,
    Event,
    EventLocation,
    PlaceMention,
)

Row = dict[str, Any]
WRITE_ORDER = ("documents", "actors", "places", "mentions", "events", "sightings")
# rows other documents or writers share: inserted in key order (so that concurrent PostgreSQL
# writers take their locks in one order and cannot deadlock), an existing one left as it is
SHARED_TABLES = frozenset({"actors", "places", "sightings"})
_LOCATION_COLUMNS = (
    "location_text",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "location_place_id",
    "location_gazetteer_id",
)


def utc_now() -> dt.datetime:
    """Now in UTC, without a zone: both databases store TIMESTAMP columns (no ICU needed)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class Provenance:
    """Where a document came from and what coded it."""

    coder: str | None = None
    run_id: str | None = None
    location: str | None = None
    coded_at: dt.datetime = field(default_factory=utc_now)


def key_of(*parts: object) -> str:
    """A short stable id from parts (actors and places without a gazetteer id)."""
    return hashlib.sha1("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[
        :16
    ]


def actor_id(actor: Actor | ActorMention) -> str:
    return key_of(actor.name, actor.country, actor.sector)


def place_id(place: PlaceMention | EventLocation) -> str:
    return place.gazetteer_id or key_of(place.name, place.country, place.lat, place.lon)


def table_rows(coded: Iterable[tuple[CodedDocument, Provenance]]) -> dict[str, list[Row]]:
    """Rows per table for a batch of coded documents; actors and places once each."""
    tables: dict[str, list[Row]] = {name: [] for name in WRITE_ORDER}
    actors: dict[str, Row] = {}
    places: dict[str, Row] = {}
    for item, provenance in coded:
        tables["documents"].append(document_row(item, provenance))
        tables["mentions"].extend(mention_rows(item))
        tables["events"].extend(event_row(item.document.id, e) for e in item.events)
        for mention in item.mentions.actors:
            actors.setdefault(actor_id(mention), _actor_row(mention, mention.kind))
        for event in item.events:
            for actor in (event.source, event.target):
                if actor is not None:
                    actors.setdefault(actor_id(actor), _actor_row(actor, None))
        for place in item.mentions.places:
            places.setdefault(place_id(place), _place_row(place, place.feature))
        for event in item.events:
            if event.location is not None:
                places.setdefault(place_id(event.location), _place_row(event.location, None))
        tables["sightings"].append(
            sighting_row(item.document, provenance.location, provenance.run_id, provenance.coded_at)
        )
    tables["actors"] = list(actors.values())
    tables["places"] = list(places.values())
    return tables


def sighting_row(
    document: Document, location: str | None, run_id: str | None, seen_at: dt.datetime
) -> Row:
    """One place a document was read (`feed.xml#3`, `a.jsonl:2`); the same text read from
    another place is another sighting of the same document."""
    return {
        "document_id": document.id,
        "location": location or document.url or "",
        "url": document.url,
        "run_id": run_id,
        "seen_at": seen_at,
    }


def document_row(coded: CodedDocument, provenance: Provenance) -> Row:
    doc = coded.document
    return {
        "id": doc.id,
        "title": doc.title,
        "text": doc.text,
        "outlet": doc.outlet,
        "url": doc.url,
        "published_at": doc.published_at,
        "language": doc.language,
        "anchor_date": doc.anchor_date,
        "anchor_fallback": doc.anchor_fallback,
        "mentions": coded.mentions.model_dump_json(),
        "location": provenance.location,
        "coder": provenance.coder,
        "run_id": provenance.run_id,
        "coded_at": provenance.coded_at,
    }


def _actor_row(actor: Actor | ActorMention, kind: str | None) -> Row:
    return {
        "id": actor_id(actor),
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
        "kind": kind,
    }


def _place_row(place: PlaceMention | EventLocation, feature: str | None) -> Row:
    return {
        "id": place_id(place),
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "gazetteer_id": place.gazetteer_id,
        "feature": feature,
    }


def mention_rows(coded: CodedDocument) -> list[Row]:
    doc_id = coded.document.id
    m = coded.mentions
    rows: list[Row] = []
    for idx, actor in enumerate(m.actors):
        rows.append(
            _mention(doc_id, "actor", idx, actor)
            | {"name": actor.name, "country": actor.country, "sector": actor.sector}
            | {"actor_id": actor_id(actor), "rule": actor.rule, "score": actor.score}
        )
    for idx, place in enumerate(m.places):
        rows.append(
            _mention(doc_id, "place", idx, place)
            | {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon}
            | {"place_id": place_id(place), "score": place.score}
        )
    for idx, date in enumerate(m.dates):
        rows.append(
            _mention(doc_id, "date", idx, date)
            | {"date_start": date.date_start, "date_end": date.date_end}
            | {"granularity": date.granularity, "rule": date.rule}
        )
    for idx, qty in enumerate(m.quantities):
        rows.append(
            _mention(doc_id, "quantity", idx, qty)
            | {"value": qty.value, "unit": qty.unit, "counted": qty.counted}
        )
    return rows


def _mention(doc_id: str, kind: str, idx: int, mention: Any) -> Row:
    return {
        "document_id": doc_id,
        "kind": kind,
        "idx": idx,
        "text": mention.text,
        "start_char": mention.start,
        "end_char": mention.end,
    }


def event_row(document_id: str, e: Event) -> Row:
    return {
        "id": e.id,
        "document_id": document_id,
        "type": e.type,
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "intensity": e.intensity,
        "trigger_text": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
        **_actor_columns("source", e.source),
        **_actor_columns("target", e.target),
        "modality": e.modality,
        "negated": e.negated,
        "attribution": e.attribution.text if e.attribution else None,
        "attribution_kind": e.attribution.kind if e.attribution else None,
        "attribution_scope": e.attribution.scope if e.attribution else None,
        "date_text": e.date.text if e.date else None,
        "date_start": e.date.start if e.date else None,
        "date_end": e.date.end if e.date else None,
        "date_granularity": e.date.granularity if e.date else None,
        "date_inferred": e.date.inferred if e.date else None,
        **_location_columns(e.location),
        "quantities": json.dumps([q.model_dump(mode="json") for q in e.quantities]),
        "evidence": e.evidence.text,
        "evidence_sentence": e.evidence.sentence,
        "evidence_start": e.evidence.start,
        "evidence_end": e.evidence.end,
        "confidence": e.confidence,
        "coder": e.coder,
        "notes": json.dumps(e.notes),
        "record": e.model_dump_json(),
    }


def _actor_columns(role: str, actor: Actor | None) -> Row:
    return {
        f"{role}_text": actor.text if actor else None,
        f"{role}_name": actor.name if actor else None,
        f"{role}_country": actor.country if actor else None,
        f"{role}_sector": actor.sector if actor else None,
        f"{role}_actor_id": actor_id(actor) if actor else None,
    }


def _location_columns(location: EventLocation | None) -> Row:
    if location is None:
        return dict.fromkeys(_LOCATION_COLUMNS)
    return {
        "location_text": location.text,
        "location_name": location.name,
        "location_country": location.country,
        "lat": location.lat,
        "lon": location.lon,
        "location_place_id": place_id(location),
        "location_gazetteer_id": location.gazetteer_id,
    }


def run_counts(document_rows: Iterable[Row]) -> tuple[int, int]:
    """Documents of a batch with no publication date (anchored to the day of coding), and in
    another language than English (stored, not coded): counted in the run's record."""
    rows = list(document_rows)
    undated = sum(1 for r in rows if r["anchor_fallback"])
    return undated, sum(1 for r in rows if r["language"] != "en")
