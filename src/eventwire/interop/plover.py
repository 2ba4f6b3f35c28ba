"""Events as PLOVER records in the shape of POLECAT's JSON (one object per line): the event's
PLOVER type, mode and context, its actors with country and sector, its place with the
precision of its point, the story (article) it was read from and the words that justify it.
The mapping is documented in docs/interop.md.

Only asserted, non-negated events are written, as in POLECAT (which codes what happened)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .acled import fatalities


def _actor(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if not actor:
        return None
    return {
        "text": actor.get("text"),
        "name": actor.get("name"),
        "country": actor.get("country"),
        "sector": actor.get("sector"),
        "country_inferred": bool(actor.get("country_inferred")),
    }


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place:
        return None
    return {
        "text": place.get("text"),
        "name": place.get("name"),
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "geonames_id": place.get("gazetteer_id"),
        "precision": place.get("precision") or "point",
    }


def plover_record(record: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """One POLECAT-style object of an event record (the JSON of `model.Event`) and its
    document (`id`, `published_at`, `title`, `url`, `outlet`)."""
    date = record.get("date") or {}
    evidence = record.get("evidence") or {}
    story = document.get("id") or record.get("document_id")
    published = document.get("published_at")
    return {
        "event_id": record["id"],
        "event_date": str(date.get("start") or published or "") or None,
        "date_precision": date.get("granularity") or ("day" if published else None),
        "event_type": record["type"],
        "mode": record.get("mode") or "",
        "context": list(record.get("context") or []),
        "quad_code": record.get("quad_class"),
        "intensity": record.get("intensity"),
        "cameo": record.get("cameo"),
        "source": _actor(record.get("source")),
        "target": _actor(record.get("target")),
        "location": _location(record.get("location")),
        "fatalities": fatalities(record),
        "story_id": story,
        "story_date": str(published) if published else None,
        "story_title": document.get("title"),
        "story_url": document.get("url"),
        "publisher": document.get("outlet"),
        "sentence_number": evidence.get("sentence"),
        "event_text": evidence.get("text"),
        "trigger": (record.get("trigger") or {}).get("text"),
        "confidence": record.get("confidence"),
        "version": record.get("coder"),
    }


def plover_records(
    events: Iterable[tuple[dict[str, Any], dict[str, Any]]],
) -> Iterator[dict[str, Any]]:
    """PLOVER objects of (event record, document) pairs; asserted events only."""
    for record, document in events:
        if record.get("modality", "asserted") == "asserted" and not record.get("negated"):
            yield plover_record(record, document)
