"""Events as ACLED rows: PLOVER type and mode → ACLED event type and sub-event type (the table in
`eventwire/data/event_modes.tsv`), actors, place with its precision, fatalities and notes.

Verbal events (CONSULT, ACCUSE, ...) have no ACLED counterpart and give no row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..kb import AcledType, KnowledgeBase

COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
    "plover_type",
    "mode",
    "modality",
    "confidence",
)
# ACLED's geo_precision: 1 the town itself, 2 near it or part of a region, 3 a larger region
GEO_PRECISION = {"point": 1, "admin1": 3, "country": 3, "region": 3}


def acled_type(
    kb: KnowledgeBase, event_type: str, mode: str | None, target_sector: str | None
) -> AcledType | None:
    """The ACLED event and sub-event type of a PLOVER type and mode (the type's fallback row when
    the mode has none); the civilian reading when the target is unarmed."""
    rows = [m for m in kb.modes if m.type == event_type]
    row = next((m for m in rows if m.mode == (mode or "")), None)
    if row is None or row.acled is None:
        row = next((m for m in rows if m.mode == "" and m.acled is not None), row)
    if row is None:
        return None
    return row.acled_civilians if target_sector in kb.civilian_sectors else row.acled


def _actor(actor: dict[str, Any] | None) -> str:
    if not actor:
        return ""
    name = str(actor.get("name") or actor.get("text") or "")
    sector = actor.get("sector")
    return f"{name} ({sector})" if sector and sector not in name else name


def fatalities(record: dict[str, Any]) -> int:
    killed = [q for q in record.get("quantities") or [] if q.get("casualty") == "killed"]
    return int(max((q.get("value") or 0 for q in killed), default=0))


def acled_row(
    kb: KnowledgeBase, record: dict[str, Any], document: dict[str, Any]
) -> dict[str, Any] | None:
    """One ACLED row for an event record (as stored: the JSON of `model.Event`), or None."""
    target = record.get("target") or {}
    kind = acled_type(kb, record["type"], record.get("mode"), target.get("sector"))
    if kind is None:
        return None
    place = record.get("location") or {}
    country = kb.country(place["country"]) if place.get("country") else None
    date = (record.get("date") or {}).get("start") or document.get("published_at")
    return {
        "event_id": record["id"],
        "event_date": str(date) if date else "",
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "actor1": _actor(record.get("source")),
        "actor2": _actor(target),
        "country": country.name if country else (place.get("country") or ""),
        "admin1": place.get("admin1") or "",
        "location": place.get("name") or "",
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": GEO_PRECISION.get(place.get("precision") or "point") if place else None,
        "fatalities": fatalities(record),
        "notes": (record.get("evidence") or {}).get("text", ""),
        "source": document.get("outlet") or document.get("url") or "",
        "plover_type": record["type"],
        "mode": record.get("mode") or "",
        "modality": record.get("modality") or "asserted",
        "confidence": record.get("confidence"),
    }


def acled_rows(
    kb: KnowledgeBase, events: Iterable[tuple[dict[str, Any], dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    """ACLED rows of (event record, document) pairs; asserted events only (ACLED codes what
    happened, not what was feared, planned or denied)."""
    for record, document in events:
        if record.get("modality", "asserted") != "asserted" or record.get("negated"):
            continue
        row = acled_row(kb, record, document)
        if row is not None:
            yield row
